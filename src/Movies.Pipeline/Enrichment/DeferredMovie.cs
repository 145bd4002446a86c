using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Enrichment;

/// <summary>A movie a run could not look up because the day's quota ran out, waiting in the deferred queue for the
/// next run (which takes it first): the movie as that run planned it, the run, and why.</summary>
public sealed record DeferredMovie(PlannedMovie Movie, string RunId, string Reason);
