using System.Net;
using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Starters;

/// <summary><c>POST /api/runs</c> with an optional body <c>{"topN": 20, "batchSize": 5}</c>: starts today's run now,
/// or restarts it when it failed (the explicit retry path). Checked by the engine's rules (400 with the reasons);
/// 202 with the Durable status URLs when it starts; 409 with the status URLs of the run that holds the day when one
/// is active (today's or yesterday's) or today's completed: one run at a time (one OMDb quota, one gold writer).
/// Bodies are camelCase JSON: the status URLs under the names Durable Functions documents (<c>statusQueryGetUri</c>...),
/// which the worker's serializer would not give (it ignores the payload type's Newtonsoft names).</summary>
public sealed class StartRun(RunStarts starts, DailyRunStarter starter, ILogger<StartRun> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonObjectSerializer Body = new(Json);

    [Function(nameof(StartRun))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);

        StartRunBody body;
        try
        {
            var text = await req.ReadAsStringAsync();
            body = string.IsNullOrWhiteSpace(text) ? new StartRunBody(null, null) : JsonSerializer.Deserialize<StartRunBody>(text, Json) ?? new StartRunBody(null, null);
        }
        catch (JsonException e)
        {
            return await ErrorAsync(req, HttpStatusCode.BadRequest, ["The body must be JSON such as {\"topN\": 20, \"batchSize\": 5}: " + e.Message], cancellationToken);
        }

        var topN = body.TopN ?? starts.DefaultTopN;
        var batchSize = body.BatchSize ?? starts.DefaultBatchSize;
        var errors = RunStarts.Errors(topN, batchSize);
        if (errors.Count > 0)
        {
            return await ErrorAsync(req, HttpStatusCode.BadRequest, errors, cancellationToken);
        }

        // A restart resumes the day's plan: other sizes would contradict it.
        if (await DailyRunStarter.LastStartAsync(client, starter.TodaysRunId, cancellationToken) is { } last
            && (body.TopN is { } n && n != last.TopN || body.BatchSize is { } b && b != last.BatchSize))
        {
            return await ErrorAsync(req, HttpStatusCode.Conflict,
                [$"Today's run {last.RunId} was planned with TOP_N {last.TopN} and BATCH_SIZE {last.BatchSize}; a restart resumes that plan."], cancellationToken);
        }

        DailyStart result;
        try
        {
            result = await starter.StartAsync(client, startIfNone: true, body.TopN, body.BatchSize, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another starter scheduled the same id a moment before: the store refuses a second one while it runs.
            Log.StartRaced(logger, starter.TodaysRunId, e.Message);
            return await StatusAsync(client, req, starter.TodaysRunId, HttpStatusCode.Conflict, cancellationToken);
        }

        return result.Decision.Action switch
        {
            StartAction.Start or StartAction.Restart => await StatusAsync(client, req, result.InstanceId, HttpStatusCode.Accepted, cancellationToken),
            StartAction.AlreadyActive or StartAction.AlreadyCompleted => await StatusAsync(client, req, result.InstanceId, HttpStatusCode.Conflict, cancellationToken),
            _ => await ErrorAsync(req, HttpStatusCode.Conflict, [result.Decision.Reason], cancellationToken),
        };
    }

    /// <summary>The Durable extension's status URLs of <paramref name="instanceId"/> (from the request's host), and its
    /// status query URL as the Location, as <c>CreateCheckStatusResponseAsync</c> answers.</summary>
    private static async Task<HttpResponseData> StatusAsync(DurableTaskClient client, HttpRequestData req, string instanceId, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, req);
        var response = req.CreateResponse(status);
        response.Headers.Add("Location", payload.StatusQueryGetUri);
        await response.WriteAsJsonAsync(payload, Body, cancellationToken);
        return response;
    }

    private async Task<HttpResponseData> ErrorAsync(HttpRequestData req, HttpStatusCode status, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Log.RunRejected(logger, (int)status, string.Join(" ", errors));
        var response = req.CreateResponse(status);
        await response.WriteAsJsonAsync(new StartRunError(status == HttpStatusCode.BadRequest ? "invalid run request" : "run not started", errors), Body, cancellationToken);
        return response;
    }
}
