using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

public sealed class DailyRunStartsTests
{
    [Theory]
    [InlineData(InstanceState.None, 0, StartAction.Start, 1)]
    [InlineData(InstanceState.Active, 1, StartAction.AlreadyActive, 0)]
    [InlineData(InstanceState.Completed, 1, StartAction.AlreadyCompleted, 0)]
    [InlineData(InstanceState.Failed, 1, StartAction.Restart, 2)]
    [InlineData(InstanceState.Failed, 0, StartAction.Restart, 2)]
    [InlineData(InstanceState.Failed, 3, StartAction.Restart, 4)]
    [InlineData(InstanceState.Failed, DailyRunStarts.MaxAttemptsPerDay, StartAction.GiveUp, 0)]
    public void Decide_TodaysInstance_StartsOnceRestartsFailedDaysAsTheNextAttempt(InstanceState today, int lastAttempt, StartAction action, int attempt)
    {
        var decision = DailyRunStarts.Decide(today, lastAttempt, failedOnBadInput: false, yesterday: InstanceState.Completed);

        Assert.Equal((action, attempt), (decision.Action, decision.Attempt));
        Assert.False(string.IsNullOrEmpty(decision.Reason));
    }

    [Fact]
    public void Decide_YesterdayStillActive_HoldsTheDay()
    {
        var decision = DailyRunStarts.Decide(InstanceState.None, 0, false, InstanceState.Active);

        Assert.Equal(StartAction.AlreadyActive, decision.Action);
        Assert.False(decision.Starts);
    }

    [Fact]
    public void Decide_FailedOnBadInput_IsNotRestarted()
        => Assert.Equal(StartAction.GiveUp, DailyRunStarts.Decide(InstanceState.Failed, 1, failedOnBadInput: true, InstanceState.None).Action);

    [Fact]
    public void Decide_HourlyRetryWithNoRunToday_StartsNothing()
    {
        var decision = DailyRunStarts.Decide(InstanceState.None, 0, false, InstanceState.None, startIfNone: false);

        Assert.False(decision.Starts);
        Assert.True(DailyRunStarts.Decide(InstanceState.Failed, 1, false, InstanceState.None, startIfNone: false).Starts);
    }

    [Fact]
    public void RunStart_Attempt_BecomesTheRequestsAttemptAndOldInputsReadAsFirst()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal("a2", new RunStart("20250102-daily", 20, 5, 4, 3, 2, Attempt: 2).ToRequest(at).Attempt);
        Assert.Equal("a1", new RunStart("20250102-daily", 20, 5, 4, 3, 2, Attempt: 0).ToRequest(at).Attempt);
        var old = System.Text.Json.JsonSerializer.Deserialize<RunStart>("""{"runId":"20250102-daily","topN":20,"batchSize":5,"maxParallelBatches":4,"maxRetries":3,"baseDelaySeconds":2}""",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(1, old.Attempt);
        Assert.Equal(WorkflowOptions.DefaultBatchesPerChunk, old.BatchesPerChunk);
    }

    [Fact]
    public void ChunkInstance_RunAttemptAndChunk_DistinctPerAttemptAndUnderDurablesHundredCharacters()
    {
        var longest = RunIds.ChunkInstance("20250102-" + new string('x', 71), RunIds.Attempt(DailyRunStarts.MaxAttemptsPerDay), 100_000);

        Assert.Equal("20250102-daily:a1:chunk-0007", RunIds.ChunkInstance("20250102-daily", "a1", 7));
        Assert.NotEqual(RunIds.ChunkInstance("20250102-daily", "a1", 7), RunIds.ChunkInstance("20250102-daily", "a2", 7));
        Assert.InRange(longest.Length, 1, 100);
        Assert.DoesNotContain(longest, c => c is '/' or '\\' or '#' or '?');
    }

    [Theory]
    [InlineData("2025/01/02/20250102-daily", "20250102-daily")]
    [InlineData("20250102-x", "20250102-x")]
    public void OfRunFolder_RunFolder_EndsWithTheRunId(string folder, string runId)
        => Assert.Equal(runId, RunIds.OfRunFolder(folder));

    [Theory]
    [InlineData("2025/01/02/")]
    [InlineData("2025/01/02/..")]
    public void OfRunFolder_NoValidRunId_Throws(string folder)
        => Assert.Throws<PipelineInputException>(() => RunIds.OfRunFolder(folder));
}
