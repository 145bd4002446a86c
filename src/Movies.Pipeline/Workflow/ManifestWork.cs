namespace Movies.Pipeline.Workflow;

/// <summary>Asks for the manifest of a run. Movies of batches that never ran are recorded as skipped with
/// <paramref name="FatalReason"/>, or, when the run stopped because the day's quota ran out, as deferred with
/// <paramref name="DeferReason"/>. <paramref name="Attempt"/> is the attempt that ends with this manifest, whose state
/// the writing process releases (null in an input written before it existed).</summary>
public sealed record ManifestWork(string RunId, string RunFolder, string? FatalReason, string? DeferReason = null, string? Attempt = null);
