using System.Globalization;
using System.Text.Json;
using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Silver;

/// <summary>Turns OMDb's all-string answer and the source row into a typed <see cref="SilverMovie"/>.
/// "N/A", empty and missing become null; a value that is there but cannot be read is an error, never a
/// silent null.</summary>
public static class OmdbAnswerParser
{
    private const string NotAvailable = "N/A";

    public static SilverParseResult Parse(BronzeRecord record, string bronzeBlob)
    {
        ArgumentNullException.ThrowIfNull(record);
        JsonDocument omdb;
        JsonDocument source;
        try
        {
            omdb = JsonDocument.Parse(record.Omdb);
            source = JsonDocument.Parse(record.Source);
        }
        catch (JsonException e)
        {
            return SilverParseResult.Fail(RejectReasons.UnparsableJson, e.Message);
        }

        using (omdb)
        using (source)
        {
            var o = omdb.RootElement;
            var s = source.RootElement;
            if (o.ValueKind != JsonValueKind.Object || s.ValueKind != JsonValueKind.Object)
            {
                return SilverParseResult.Fail(RejectReasons.UnparsableJson, "OMDb answer or source row is not a JSON object");
            }

            if (!string.Equals(Text(o, "Response"), "True", StringComparison.OrdinalIgnoreCase))
            {
                return SilverParseResult.Fail(RejectReasons.NotAMovieAnswer, $"Response is '{Text(o, "Response")}'");
            }

            var errors = new List<string>();
            T? Field<T>(string name, string? text, Func<string, T?> parse)
                where T : struct
            {
                if (text is null)
                {
                    return null;
                }

                var value = parse(text);
                if (value is null)
                {
                    errors.Add($"{name} '{text}'");
                }

                return value;
            }

            var movie = new SilverMovie
            {
                ImdbId = Text(o, "imdbID") ?? string.Empty,
                MovieKey = record.MovieKey,
                Title = Text(o, "Title") ?? string.Empty,
                Year = Field("Year", Text(o, "Year"), ParseYear),
                Released = Field("Released", Text(o, "Released"), ParseDate),
                RuntimeMinutes = Field("Runtime", Text(o, "Runtime"), ParseRuntime),
                Rated = Text(o, "Rated"),
                Genres = ParseList(Text(o, "Genre")),
                Directors = ParseList(Text(o, "Director")),
                Writers = ParseList(Text(o, "Writer")),
                Actors = ParseList(Text(o, "Actors")),
                Language = Text(o, "Language"),
                Country = Text(o, "Country"),
                Awards = Text(o, "Awards"),
                ImdbRating = Field("imdbRating", Text(o, "imdbRating"), ParseDecimal),
                ImdbVotes = Field("imdbVotes", Text(o, "imdbVotes"), ParseCount),
                Metascore = Field("Metascore", Text(o, "Metascore"), ParseInt),
                RottenTomatoesPercent = Field("Ratings/Rotten Tomatoes", RottenTomatoes(o), ParsePercent),
                BoxOfficeUsd = Field("BoxOffice", Text(o, "BoxOffice"), ParseMoney),
                SourceTitle = Text(s, "Title"),
                SourceUsGrossUsd = Field("source US Gross", Text(s, "US Gross"), ParseMoney),
                SourceWorldwideGrossUsd = Field("source Worldwide Gross", Text(s, "Worldwide Gross"), ParseMoney),
                SourceProductionBudgetUsd = Field("source Production Budget", Text(s, "Production Budget"), ParseMoney),
                SourceDistributor = Text(s, "Distributor"),
                SourceGenre = Text(s, "Major Genre"),
                SourceDirector = Text(s, "Director"),
                SourceRottenTomatoesPercent = Field("source Rotten Tomatoes Rating", Text(s, "Rotten Tomatoes Rating"), ParsePercent),
                SourceImdbRating = Field("source IMDB Rating", Text(s, "IMDB Rating"), ParseDecimal),
                SourceImdbVotes = Field("source IMDB Votes", Text(s, "IMDB Votes"), ParseCount),
                RunId = record.RunId,
                BronzeBlob = bronzeBlob,
            };

            return errors.Count > 0
                ? SilverParseResult.Fail(RejectReasons.UnparsableValue, string.Join("; ", errors))
                : SilverParseResult.Ok(movie);
        }
    }

    /// <summary>A property as text: strings as they are (trimmed), numbers by their JSON text (so a title
    /// like 1776 stays "1776"); null for missing, null, empty and "N/A".</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        return Clean(text);
    }

    public static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || string.Equals(trimmed, NotAvailable, StringComparison.OrdinalIgnoreCase) ? null : trimmed;
    }

    /// <summary>The first year of "2012", "2012–2014", "2012-" or "2012–".</summary>
    public static int? ParseYear(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Length >= 4 ? text[..4] : text;
        var rest = text[digits.Length..];
        return digits.Length == 4 && digits.All(char.IsAsciiDigit) && (rest.Length == 0 || rest[0] is '–' or '-' or '—')
            ? int.Parse(digits, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>OMDb's "07 Aug 1998"; ISO dates and the source's "Jun 12 1998" are read too.</summary>
    public static DateOnly? ParseDate(string text)
        => DateOnly.TryParseExact(text, ["dd MMM yyyy", "d MMM yyyy", "yyyy-MM-dd", "MMM dd yyyy", "MMM d yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>"142 min" (or a bare number) in minutes.</summary>
    public static int? ParseRuntime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = text.EndsWith("min", StringComparison.OrdinalIgnoreCase) ? text[..^3].Trim() : text;
        return ParseInt(number);
    }

    public static int? ParseInt(string text)
        => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? ParseDecimal(string text)
        => double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Vote counts like "1,234,567".</summary>
    public static long? ParseCount(string text)
        => long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>US dollars like "$1,234,567", "-$5", "1234567" or "1.5E7" in whole dollars.</summary>
    public static long? ParseMoney(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-').TrimStart('$').TrimStart('-');
        negative |= text.StartsWith("$-", StringComparison.Ordinal);
        if (!decimal.TryParse(body, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var dollars = (long)decimal.Round(value, MidpointRounding.AwayFromZero);
        return negative ? -dollars : dollars;
    }

    /// <summary>"87%" or "87" as a whole percent.</summary>
    public static int? ParsePercent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = text.EndsWith('%') ? text[..^1] : text;
        var value = ParseDecimal(number);
        return value is null ? null : (int)Math.Round(value.Value, MidpointRounding.AwayFromZero);
    }

    /// <summary>"A, B, A" as [A, B]: trimmed, "N/A" and empties dropped, first occurrence kept.</summary>
    public static List<string> ParseList(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var items = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Clean(part) is { } item && !items.Contains(item, StringComparer.Ordinal))
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static string? RottenTomatoes(JsonElement omdb)
    {
        if (!omdb.TryGetProperty("Ratings", out var ratings) || ratings.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var rating in ratings.EnumerateArray())
        {
            if (rating.ValueKind == JsonValueKind.Object && string.Equals(Text(rating, "Source"), "Rotten Tomatoes", StringComparison.OrdinalIgnoreCase))
            {
                return Text(rating, "Value");
            }
        }

        return null;
    }
}
