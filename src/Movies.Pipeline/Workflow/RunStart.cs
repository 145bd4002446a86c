namespace Movies.Pipeline.Workflow;

/// <summary>What a starter hands the Durable orchestrator: the run and the settings it runs by, fixed
/// when the run starts, so a replay never sees a setting changed since (settings are not replay-safe).
/// The orchestrator takes its start time from its own context.</summary>
public sealed record RunStart(string RunId, int TopN, int BatchSize, int MaxParallelBatches, int MaxRetries, double BaseDelaySeconds)
{
    /// <summary>The workflow's request, as the orchestrator builds it from its context's clock.</summary>
    public RunRequest ToRequest(DateTimeOffset startedAt) => new(RunId, RunIds.DateOf(RunId, startedAt), startedAt, TopN, BatchSize);
}
