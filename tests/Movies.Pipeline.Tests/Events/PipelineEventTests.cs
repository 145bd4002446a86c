using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Events;

public sealed class PipelineEventTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private const string Manifest = "silver/2025/01/02/20250102-daily/_manifest.json";
    private static readonly RunEvents Events = new(new RunRequest("20250102-daily", new DateOnly(2025, 1, 2), At, 20, 5), _ => Task.CompletedTask, () => At);
    private static readonly GoldResult Gold = new("history/m.json", "succeeded", null, new Dictionary<string, int> { ["movies_unified"] = 20 }, 23, Version: 1, ContentHash: "aaaa");

    [Fact]
    public void MessageIdOf_SameRunAndType_IsTheSameEveryTime()
    {
        var first = PipelineEvent.Create(PipelineEventTypes.RunStarted, "20250102-daily", At);
        var retry = PipelineEvent.Create(PipelineEventTypes.RunStarted, "20250102-daily", At.AddMinutes(5));

        Assert.Equal("20250102-daily:run_started", first.MessageId);
        Assert.Equal(first.MessageId, retry.MessageId);
    }

    [Fact]
    public void MessageIdOf_DifferentTypeOrDetail_Differs()
    {
        var ids = new[]
        {
            PipelineEvent.MessageIdOf("r1", PipelineEventTypes.RunCompleted),
            PipelineEvent.MessageIdOf("r1", PipelineEventTypes.RunFailed),
            PipelineEvent.MessageIdOf("r1", PipelineEventTypes.GoldPublished, "a/_manifest.json"),
            PipelineEvent.MessageIdOf("r1", PipelineEventTypes.GoldPublished, "b/_manifest.json"),
        };

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void MessageIdOf_LongestRunIdWithDetail_FitsServiceBusLimit()
    {
        var runId = new string('r', 80);

        var id = PipelineEvent.MessageIdOf(runId, PipelineEventTypes.GoldPublished, new string('d', 1000));

        Assert.True(id.Length <= 128, $"{id.Length} characters");
    }

    [Fact]
    public void Create_UnknownType_Throws()
        => Assert.Throws<ArgumentException>(() => PipelineEvent.Create("run_exploded", "r1", At));

    [Fact]
    public void Create_InvalidRunId_Throws()
        => Assert.Throws<PipelineInputException>(() => PipelineEvent.Create(PipelineEventTypes.RunStarted, "../x", At));

    [Fact]
    public void RunFinished_FatalReason_IsRunFailedWithReasonAndCounts()
    {
        var outcome = Outcome("OMDb rejected the API key");

        var e = Events.Finished(RunVerdict.Of(outcome));

        Assert.Equal(PipelineEventTypes.RunFailed, e.Type);
        Assert.Equal("OMDb rejected the API key", e.Reason);
        Assert.Equal(outcome.Manifest.Counts, e.Counts);
        Assert.Equal("bronze/2025/01/02/20250102-daily/_manifest.json", e.Manifest);
    }

    [Fact]
    public void RunFinished_NoFatalReason_IsRunCompleted()
        => Assert.Equal(PipelineEventTypes.RunCompleted, Events.Finished(RunVerdict.Of(Outcome(null))).Type);

    [Fact]
    public void RunFinished_QualityFailed_IsRunFailedWithThatReason()
    {
        var e = Events.Finished(RunVerdict.Of(Outcome(null), "20 of 20 selected movies not fetched"));

        Assert.Equal((PipelineEventTypes.RunFailed, "20 of 20 selected movies not fetched"), (e.Type, e.Reason));
    }

    [Fact]
    public void GoldPublished_SameManifestOtherContent_NewMessageIdAndSameContentSameId()
    {
        var resumed = Gold with { Version = 2, ContentHash = "bbbb" };

        var ids = new[] { Gold, Gold with { FilesWritten = 0 }, resumed }
            .Select(g => RunEvents.GoldPublished("20250102-daily", At, Manifest, g).MessageId).ToList();

        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Equal(["gold/latest/movies_unified.parquet"], RunEvents.GoldPublished("20250102-daily", At, Manifest, Gold).Tables);
    }

    [Fact]
    public void QualityFailed_GoldFailedItsCheck_RunFailedWithTheReasonOnce()
    {
        var failedGold = Gold with { Status = "failed", FailureReason = "4 of 4 selected movies not fetched" };

        var e = RunEvents.QualityFailed("20250102-daily", At, Manifest, failedGold);
        var redelivered = RunEvents.QualityFailed("20250102-daily", At.AddMinutes(3), Manifest, failedGold);

        Assert.Null(RunEvents.QualityFailed("20250102-daily", At, Manifest, Gold));
        Assert.NotNull(e);
        Assert.Equal((PipelineEventTypes.RunFailed, failedGold.FailureReason, Manifest), (e.Type, e.Reason, e.Manifest));
        Assert.Equal(e.MessageId, redelivered!.MessageId);
    }

    [Fact]
    public void Serialize_Event_HasStableCamelCaseSchema()
    {
        var e = Events.Finished(RunVerdict.Of(Outcome(null)));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(e, PipelineJsonContext.Messages.PipelineEvent));

        Assert.Equal(
            ["schemaVersion", "messageId", "type", "runId", "occurredAt", "counts", "reason", "manifest", "tables"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("run_completed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(19, json.RootElement.GetProperty("counts").GetProperty("fetched").GetInt32());
    }

    [Fact]
    public void EventPaths_Of_FilesByRunDateRunAndType()
    {
        var started = PipelineEvent.Create(PipelineEventTypes.RunStarted, "20250102-daily", At.AddDays(1));
        var gold = RunEvents.GoldPublished("20250102-daily", At, Manifest, Gold);

        Assert.Equal("2025/01/02/20250102-daily/run_started.json", EventPaths.Of(started));
        Assert.Matches("^2025/01/02/20250102-daily/gold_published\\.[0-9a-f]{16}\\.json$", EventPaths.Of(gold));
    }

    private static RunOutcome Outcome(string? fatal)
    {
        var plan = new RunPlan("20250102-daily", "2025/01/02/20250102-daily", 20, 5, 4, 100, 0, Resumed: false);
        var manifest = new ManifestResult("2025/01/02/20250102-daily/_manifest.json", 20, new OutcomeCounts(19, 1, 0, 0));
        return new RunOutcome(plan, manifest, fatal);
    }
}
