namespace Movies.Pipeline.Bronze;

public sealed record BatchOutcome(string RunId, int Batch, string? FatalReason, IReadOnlyList<MovieOutcome> Movies);
