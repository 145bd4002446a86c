namespace Movies.Pipeline.Workflow;

/// <summary>What a starter hands the Durable orchestrator: the run and the settings it runs by, fixed
/// when the run starts, so a replay never sees a setting changed since (settings are not replay-safe).
/// <paramref name="Attempt"/> counts the starts of this run id (1, then 2 for a restart of a failed day...);
/// an input written before it existed reads as 1, and one without <paramref name="BatchesPerChunk"/> as the default.
/// The orchestrator takes its start time from its own context.</summary>
public sealed record RunStart(string RunId, int TopN, int BatchSize, int MaxParallelBatches, int MaxRetries, double BaseDelaySeconds, int Attempt = 1,
    int BatchesPerChunk = WorkflowOptions.DefaultBatchesPerChunk)
{
    /// <summary>The workflow's request, as the orchestrator builds it from its context's clock.</summary>
    public RunRequest ToRequest(DateTimeOffset startedAt)
        => new(RunId, RunIds.DateOf(RunId, startedAt), startedAt, TopN, BatchSize, RunIds.Attempt(Math.Max(1, Attempt)));
}
