namespace Movies.Pipeline.Workflow;

/// <summary>Asks for the manifest of a run. Movies of batches that never ran are recorded as skipped with
/// <paramref name="FatalReason"/>, or, when the run stopped because the day's quota ran out, as deferred with
/// <paramref name="DeferReason"/>.</summary>
public sealed record ManifestWork(string RunId, string RunFolder, string? FatalReason, string? DeferReason = null);
