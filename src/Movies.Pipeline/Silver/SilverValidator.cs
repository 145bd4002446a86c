using System.Globalization;

namespace Movies.Pipeline.Silver;

/// <summary>The rules a parsed movie must meet to enter silver, each with its <see cref="RejectReasons"/>
/// code. Duplicates within a run are the promoter's to find: they need the whole run.</summary>
public static class SilverValidator
{
    public const int FirstFilmYear = 1870;

    /// <summary>Years after the run's own year by more than this are out of range (announced films are fine).</summary>
    public const int YearsAhead = 10;

    public static SilverValidationError? Validate(SilverMovie movie, DateOnly runDate)
    {
        ArgumentNullException.ThrowIfNull(movie);
        if (string.IsNullOrWhiteSpace(movie.ImdbId))
        {
            return new(RejectReasons.MissingImdbId, "OMDb answer has no imdbID");
        }

        if (!IsImdbId(movie.ImdbId))
        {
            return new(RejectReasons.UnparsableValue, $"imdbID '{movie.ImdbId}' is not tt followed by digits");
        }

        if (string.IsNullOrWhiteSpace(movie.Title))
        {
            return new(RejectReasons.MissingTitle, "OMDb answer has no title");
        }

        var lastYear = runDate.Year + YearsAhead;
        if (movie.Year is { } year && (year < FirstFilmYear || year > lastYear))
        {
            return new(RejectReasons.YearOutOfRange, Invariant($"year {year} is outside {FirstFilmYear}-{lastYear}"));
        }

        if (OutOfRange(movie.ImdbRating, 10) is { } imdb)
        {
            return new(RejectReasons.RatingOutOfRange, Invariant($"IMDb rating {imdb} is outside 0-10"));
        }

        if (OutOfRange(movie.SourceImdbRating, 10) is { } sourceImdb)
        {
            return new(RejectReasons.RatingOutOfRange, Invariant($"source IMDb rating {sourceImdb} is outside 0-10"));
        }

        if (OutOfRange(movie.Metascore, 100) is { } metascore)
        {
            return new(RejectReasons.RatingOutOfRange, Invariant($"Metascore {metascore} is outside 0-100"));
        }

        if ((OutOfRange(movie.RottenTomatoesPercent, 100) ?? OutOfRange(movie.SourceRottenTomatoesPercent, 100)) is { } tomatoes)
        {
            return new(RejectReasons.RatingOutOfRange, Invariant($"Rotten Tomatoes {tomatoes}% is outside 0-100"));
        }

        (string Name, long? Value)[] money =
        [
            ("box office", movie.BoxOfficeUsd),
            ("source US gross", movie.SourceUsGrossUsd),
            ("source worldwide gross", movie.SourceWorldwideGrossUsd),
            ("source production budget", movie.SourceProductionBudgetUsd),
        ];
        foreach (var (name, value) in money)
        {
            if (value < 0)
            {
                return new(RejectReasons.NegativeMoney, Invariant($"{name} is {value}"));
            }
        }

        if (movie.ImdbVotes < 0 || movie.SourceImdbVotes < 0)
        {
            return new(RejectReasons.UnparsableValue, "negative vote count");
        }

        return null;
    }

    private static bool IsImdbId(string id)
        => id.Length > 2 && id.StartsWith("tt", StringComparison.Ordinal) && id[2..].All(char.IsAsciiDigit);

    private static double? OutOfRange(double? value, double max) => value is { } v && (v < 0 || v > max) ? v : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
