namespace Movies.Pipeline.Enrichment;

public enum OmdbLookupOutcome
{
    Found,
    NotFound,
    Failed,
    Fatal,

    /// <summary>The run was stopped (by another lookup's run-fatal answer) before this one could finish; it sent
    /// nothing after the stop. <see cref="OmdbLookup.Reason"/> is the run's stop reason.</summary>
    Stopped,

    /// <summary>Not sent, or answered "Request limit reached!": the day's quota is spent (<see cref="OmdbQuota"/>).
    /// <see cref="OmdbLookup.Reason"/> says which; the movie waits for the next run.</summary>
    Deferred,
}
