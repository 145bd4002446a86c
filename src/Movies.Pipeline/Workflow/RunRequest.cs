namespace Movies.Pipeline.Workflow;

/// <summary>What starts a run. <paramref name="StartedAt"/> comes from the caller's clock (the
/// orchestration context in Azure), so the workflow itself reads no clock. <paramref name="Attempt"/>
/// names this start of the run (<see cref="RunIds.Attempt(int)"/>): the same on every replay and retry,
/// another for each restart, so message ids and a retried step's saved outcomes tell them apart. A caller
/// that starts a run once may leave it at the first attempt; one that resumes runs must give each start its own.</summary>
public sealed record RunRequest(string RunId, DateOnly RunDate, DateTimeOffset StartedAt, int TopN, int BatchSize, string Attempt = "a1");
