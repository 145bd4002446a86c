namespace Movies.Pipeline.Bronze;

/// <summary>How a selected movie ended in a run.</summary>
public static class MovieOutcomes
{
    public const string Fetched = "fetched";
    public const string NotFound = "not_found";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
