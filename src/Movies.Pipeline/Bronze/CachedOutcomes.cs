namespace Movies.Pipeline.Bronze;

/// <summary>The movies of a run answered from the answer cache when it was planned (<see cref="BronzePaths.CachedOutcomes"/>),
/// in selection order: in no batch, so they cost no lookup, activity or batch file.</summary>
public sealed record CachedOutcomes(string RunId, IReadOnlyList<MovieOutcome> Movies);
