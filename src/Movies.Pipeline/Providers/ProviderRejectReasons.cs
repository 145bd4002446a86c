namespace Movies.Pipeline.Providers;

/// <summary>Why a provider row did not reach silver. Stable codes, like the OMDb silver's.</summary>
public static class ProviderRejectReasons
{
    /// <summary>A JSON row that is not an object, or a CSV row with another number of fields than the header.</summary>
    public const string MalformedRow = "malformed_row";

    /// <summary>Neither an imdbID (when the provider joins by it) nor both a title and a year.</summary>
    public const string MissingJoinKey = "missing_join_key";

    public const string InvalidImdbId = "invalid_imdb_id";

    /// <summary>A value present but unreadable as its field's type (the column and value are in the detail).</summary>
    public const string UnparsableValue = "unparsable_value";

    /// <summary>A percentage outside 0–100, a negative amount or count, a year before 1870 or more than 10 years ahead.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The same join key as an earlier row of the file (the first wins).</summary>
    public const string DuplicateKey = "duplicate_key";

    public static IReadOnlyList<string> All { get; } = [MalformedRow, MissingJoinKey, InvalidImdbId, UnparsableValue, OutOfRange, DuplicateKey];
}
