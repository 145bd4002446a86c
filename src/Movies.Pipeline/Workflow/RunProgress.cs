using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>Where a run is: shown by the CLI's progress bar, and as the orchestration's custom status (the run's
/// instance after each chunk, the chunk's instance after each batch). <paramref name="Chunk"/> of
/// <paramref name="Chunks"/> is the chunk of batches running (0 before the first).</summary>
public sealed record RunProgress(string RunId, string Stage, int BatchesDone, int BatchesTotal, OutcomeCounts Counts, string? FatalReason, int Chunk = 0, int Chunks = 0);
