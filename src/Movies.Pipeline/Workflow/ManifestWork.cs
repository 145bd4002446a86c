namespace Movies.Pipeline.Workflow;

/// <summary>Asks for the manifest of a run. Movies of batches that never ran are recorded as skipped
/// with <paramref name="FatalReason"/>.</summary>
public sealed record ManifestWork(string RunId, string RunFolder, string? FatalReason);
