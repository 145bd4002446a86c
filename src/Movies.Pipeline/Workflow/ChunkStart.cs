namespace Movies.Pipeline.Workflow;

/// <summary>What the Durable run orchestrator hands a chunk sub-orchestration: the chunk, and the retry settings
/// its activities run by (the run's, fixed in <see cref="RunStart"/>), since a sub-orchestration sees only its input.</summary>
public sealed record ChunkStart(ChunkWork Work, int MaxRetries, double BaseDelaySeconds);
