using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Movies.Functions.Maintenance;
using Movies.Functions.Orchestration;
using Movies.Functions.Starters;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Starters;

/// <summary>The app's starters and the purge against the engine's client: one run a day, a finished day left alone,
/// old history purged. <c>POST /api/runs</c> runs through the Durable extension's own status-URL code with the request's
/// URL (the host's HTTP layer is the one stand-in, <see cref="HostHttpRequest"/>).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StarterTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    private const string Host = "http://localhost:7071";

    [Fact]
    public async Task StartRun_WhileTheDayRunsThenDone_202Then409WithTheDaysStatusUrlsAndNoSecondStart()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Omdb.BeforeAnswer = async (call, _) =>
        {
            if (call == 1)
            {
                holding.TrySetResult();
                await held.Task;
            }
        };
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 12), TestSource.Titles(4));
        const string Day = "20310112-daily";
        Response first, second;
        OrchestrationRuntimeStatus whileHeld;
        try
        {
            first = await PostAsync(app);
            await holding.Task.WaitAsync(TimeSpan.FromMinutes(2));
            second = await PostAsync(app);
            whileHeld = (await app.Client.GetInstanceAsync(Day))!.RuntimeStatus;
        }
        finally
        {
            held.TrySetResult();
        }

        var done = await app.CompletionAsync(Day);
        var episodes = app.Journal[Day].Episodes;
        var third = await PostAsync(app);
        await ActivatorUtilities.CreateInstance<ScheduledStart>(app.Services).RunAsync(new TimerInfo(), app.Client, CancellationToken.None);
        await RetryFailedRunAsync(app);
        var after = await app.Client.GetInstanceAsync(Day, getInputsAndOutputs: true);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal((Day, $"{Host}/runtime/webhooks/durabletask/instances/{Day}"), (first.Id, first.StatusQueryGetUri));
        Assert.Equal(first.StatusQueryGetUri, first.Location);
        Assert.Equal(OrchestrationRuntimeStatus.Running, whileHeld);
        Assert.Equal((HttpStatusCode.Conflict, Day, first.StatusQueryGetUri), (second.Status, second.Id, second.StatusQueryGetUri));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal((HttpStatusCode.Conflict, Day), (third.Status, third.Id));
        // Neither the timer nor the hourly retry started the finished day again: same instance, attempt 1, no new episode.
        Assert.Equal((done.CreatedAt, 1, OrchestrationRuntimeStatus.Completed), (after!.CreatedAt, after.ReadInputAs<RunStart>()!.Attempt, after.RuntimeStatus));
        Assert.Equal(episodes, app.Journal[Day].Episodes);
        Assert.Equal(1, app.Journal[Day].ActivityCalls(nameof(RunActivities.SelectMovies)));
        Assert.All(TestSource.Titles(4), t => Assert.Equal(1, Omdb.CallsFor(t)));
    }

    [Fact]
    public async Task StartRun_TopNZero_400WithTheEnginesReasonAndNothingStarted()
    {
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 13), TestSource.Titles(4));

        var response = await PostAsync(app, """{"topN": 0, "batchSize": 5}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid run request", response.Body.GetProperty("error").GetString());
        Assert.Contains("TOP_N", response.Body.GetProperty("details")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Client.GetInstanceAsync("20310113-daily"));
    }

    [Fact]
    public async Task PurgeHistory_EndedBeforeTheCutOff_PurgedLaterAndRunningOnesKept()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Omdb.BeforeAnswer = async (call, _) =>
        {
            if (call == 1)
            {
                await held.Task;
            }
        };
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 14), TestSource.Titles(1), services: s => s.AddSingleton<TimeProvider>(clock));
        try
        {
            // Running since before the cut-off; ended before it; ended after it.
            var running = await ScheduleAsync(app, "20310114-running");
            await WaitUntilAsync(() => Task.FromResult(Omdb.TotalCalls == 1), "the running instance is looking a movie up");
            var old = await ScheduleAsync(app, "20310114-old");
            await app.CompletionAsync(old);
            await Task.Delay(100);
            var cutOff = DateTimeOffset.UtcNow;
            await Task.Delay(100);
            var recent = await ScheduleAsync(app, "20310114-recent");
            await app.CompletionAsync(recent);
            clock.Now = cutOff.AddDays(30);

            await ActivatorUtilities.CreateInstance<PurgeHistory>(app.Services).RunAsync(new TimerInfo(), app.Client, CancellationToken.None);

            Assert.Null(await app.Client.GetInstanceAsync(old));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.Client.GetInstanceAsync(recent))!.RuntimeStatus);
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await app.Client.GetInstanceAsync(running))!.RuntimeStatus);
        }
        finally
        {
            held.TrySetResult();
        }
    }

    private static async Task<string> ScheduleAsync(DurableApp app, string runId)
    {
        var start = app.Get<RunStarts>().Create(runId, 1, 1, 1);
        return await app.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MoviesOrchestrator), start, new StartOrchestrationOptions(InstanceId: runId));
    }

    private static async Task<Response> PostAsync(DurableApp app, string? body = null)
    {
        var request = new HostHttpRequest(new HostFunctionContext(app.Services, nameof(StartRun)), "POST", new Uri($"{Host}/api/runs"), body);
        var response = (HostHttpResponse)await ActivatorUtilities.CreateInstance<StartRun>(app.Services).RunAsync(request, app.Client, CancellationToken.None);
        var json = JsonDocument.Parse(response.ReadBody()).RootElement;
        return new Response(response.StatusCode, json, response.Headers.TryGetValues("Location", out var location) ? location.Single() : null);
    }

    private sealed record Response(HttpStatusCode Status, JsonElement Body, string? Location)
    {
        public string? Id => Body.TryGetProperty("id", out var id) ? id.GetString() : null;

        public string? StatusQueryGetUri => Body.TryGetProperty("statusQueryGetUri", out var uri) ? uri.GetString() : null;
    }
}
