namespace Movies.Pipeline.Silver;

/// <summary>A parsed bronze record: the movie, or why it could not be read.</summary>
public sealed record SilverParseResult(SilverMovie? Movie, SilverValidationError? Error)
{
    public static SilverParseResult Ok(SilverMovie movie) => new(movie, null);

    public static SilverParseResult Fail(string reason, string detail) => new(null, new SilverValidationError(reason, detail));
}
