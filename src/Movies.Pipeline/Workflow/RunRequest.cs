namespace Movies.Pipeline.Workflow;

/// <summary>What starts a run. <paramref name="StartedAt"/> comes from the caller's clock (the
/// orchestration context in Azure), so the workflow itself reads no clock.</summary>
public sealed record RunRequest(string RunId, DateOnly RunDate, DateTimeOffset StartedAt, int TopN, int BatchSize);
