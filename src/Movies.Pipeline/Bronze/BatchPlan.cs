namespace Movies.Pipeline.Bronze;

public sealed record BatchPlan(string RunId, int Batch, IReadOnlyList<PlannedMovie> Movies);
