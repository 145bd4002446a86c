namespace Movies.Pipeline.Bronze;

/// <summary>One movie's line in the run manifest. <paramref name="Outcome"/> is one of
/// <see cref="MovieOutcomes"/>; every outcome but fetched has a reason.</summary>
public sealed record MovieOutcome(string MovieKey, string Title, int? Year, int Batch, string Outcome, string? Blob, string? Reason, int Attempts);
