using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Movies.Functions.Orchestration;

namespace Movies.Functions.Starters;

/// <summary><c>POST /api/runs</c> with an optional body <c>{"topN": 20, "batchSize": 5}</c>: checked by
/// the engine's rules (400 with the reasons), then 202 with the Durable status URLs.</summary>
public sealed class StartRun(RunStarts starts, TimeProvider clock, ILogger<StartRun> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Function(nameof(StartRun))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;

        StartRunBody body;
        try
        {
            var text = await req.ReadAsStringAsync();
            body = string.IsNullOrWhiteSpace(text) ? new StartRunBody(null, null) : JsonSerializer.Deserialize<StartRunBody>(text, Json) ?? new StartRunBody(null, null);
        }
        catch (JsonException e)
        {
            return await BadRequestAsync(req, ["The body must be JSON such as {\"topN\": 20, \"batchSize\": 5}: " + e.Message], cancellationToken);
        }

        var topN = body.TopN ?? starts.DefaultTopN;
        var batchSize = body.BatchSize ?? starts.DefaultBatchSize;
        var errors = starts.Errors(topN, batchSize);
        if (errors.Count > 0)
        {
            return await BadRequestAsync(req, errors, cancellationToken);
        }

        var runId = RunStarts.NewRunId(clock.GetUtcNow());
        var start = starts.Create(runId, topN, batchSize);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MoviesOrchestrator), start, new StartOrchestrationOptions(InstanceId: runId), cancellationToken);
        Log.RunScheduled(logger, runId, topN, batchSize);
        return await client.CreateCheckStatusResponseAsync(req, runId, cancellationToken);
    }

    private async Task<HttpResponseData> BadRequestAsync(HttpRequestData req, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Log.RunRejected(logger, string.Join(" ", errors));
        var response = req.CreateResponse(HttpStatusCode.BadRequest);
        await response.WriteAsJsonAsync(new StartRunError("invalid run request", errors), cancellationToken);
        return response;
    }
}
