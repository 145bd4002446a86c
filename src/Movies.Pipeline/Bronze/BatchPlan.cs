namespace Movies.Pipeline.Bronze;

/// <summary>The movies of one batch, written by the select step. <paramref name="Claim"/> is set by the process that
/// enriches the batch (a conditional write of this blob), so it also tells a later try that the batch was tried.</summary>
public sealed record BatchPlan(string RunId, int Batch, IReadOnlyList<PlannedMovie> Movies, BatchClaim? Claim = null);
