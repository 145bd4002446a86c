namespace Movies.Pipeline.Bronze;

/// <summary>How a selected movie ended in a run.</summary>
public static class MovieOutcomes
{
    /// <summary>Looked up in this run and found: its answer is in this run's bronze.</summary>
    public const string Fetched = "fetched";

    public const string NotFound = "not_found";

    public const string Failed = "failed";

    /// <summary>Not tried to the end because the run stopped (a run-fatal answer); the next attempt tries it.</summary>
    public const string Skipped = "skipped";

    /// <summary>Answered within <c>REFRESH_AFTER_DAYS</c> by an earlier run: not looked up again; the outcome names
    /// that run's bronze blob, which silver reads (no copy).</summary>
    public const string Cached = "cached";

    /// <summary>Not looked up because the day's OMDb lookups ran out (<c>OMDB_DAILY_LIMIT</c> or OMDb's own "Request
    /// limit reached!"): queued, and the next run takes it first.</summary>
    public const string Deferred = "deferred";

    /// <summary>Every outcome, in the order reports show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Fetched, Cached, NotFound, Failed, Skipped, Deferred];

    /// <summary>True when the movie's answer is in bronze (this run's or, cached, an earlier run's): silver reads it.</summary>
    public static bool HasBronze(string outcome) => outcome is Fetched or Cached;
}
