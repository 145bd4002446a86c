using System.Globalization;
using System.Text.Json;

namespace Movies.Pipeline.Source;

/// <summary>Reads the source dataset (a JSON array of vega-datasets movie rows). A row with no title or
/// a field of the wrong type is kept as a reject with its reason, never dropped silently.</summary>
public static class SourceReader
{
    private static readonly string[] NumberFields =
    [
        "US Gross", "Worldwide Gross", "US DVD Sales", "Production Budget", "Running Time min",
        "Rotten Tomatoes Rating", "IMDB Rating", "IMDB Votes",
    ];

    private static readonly string[] TextFields =
    [
        "Release Date", "MPAA Rating", "Distributor", "Source", "Major Genre", "Creative Type", "Director",
    ];

    public static SourceDataset Read(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        // One row at a time (a small document per row), each movie keeping its row as a slice of the source's bytes:
        // a document over the whole source would hold an index of every token and a UTF-16 copy of every row (~5× the
        // source at 100,000 rows).
        var bytes = content.ToMemory();
        var reader = new Utf8JsonReader(bytes.Span, new JsonReaderOptions { AllowTrailingCommas = false });
        var movies = new List<SourceMovie>();
        var rejects = new List<SourceReject>();
        try
        {
            if (!reader.Read())
            {
                throw new SourceFormatException("The source is not valid JSON (line 1, byte 0).");
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new SourceFormatException($"The source must be a JSON array of movie rows, not a JSON {KindOf(reader.TokenType)}.");
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                using var row = JsonDocument.ParseValue(ref reader);
                var reason = TryParse(index, row.RootElement, bytes[start..(int)reader.BytesConsumed], out var movie);
                if (movie is not null)
                {
                    movies.Add(movie);
                }
                else
                {
                    rejects.Add(new SourceReject(index, reason!));
                }

                index++;
            }

            // Anything after the array (other than white space) is not valid JSON: the reader throws on it.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new SourceFormatException($"The source is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).", e);
        }

        return new SourceDataset(movies, rejects);
    }

    private static string KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => "null",
    };

    private static string? TryParse(int index, JsonElement row, ReadOnlyMemory<byte> raw, out SourceMovie? movie)
    {
        movie = null;
        if (row.ValueKind != JsonValueKind.Object)
        {
            return $"row is a JSON {row.ValueKind.ToString().ToLowerInvariant()}, not an object";
        }

        var title = row.TryGetProperty("Title", out var t) ? t.ValueKind switch
        {
            JsonValueKind.String => t.GetString()!.Trim(),
            // Titles such as 1776 or 2012 arrive as numbers; they are titles all the same.
            JsonValueKind.Number => t.GetRawText(),
            _ => null,
        } : null;
        if (string.IsNullOrEmpty(title))
        {
            return "no title";
        }

        foreach (var field in NumberFields)
        {
            if (row.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                return $"'{field}' is not a number";
            }
        }

        foreach (var field in TextFields)
        {
            if (row.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"'{field}' is not text";
            }
        }

        int? year = null;
        if (row.TryGetProperty("Release Date", out var date) && date.ValueKind == JsonValueKind.String)
        {
            if (!DateOnly.TryParseExact(date.GetString(), "MMM dd yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var released))
            {
                return $"'Release Date' '{date.GetString()}' is not a date like 'Jun 12 1998'";
            }

            year = released.Year;
        }

        double? rating = Number(row, "IMDB Rating");
        if (rating is < 0 or > 10)
        {
            return $"'IMDB Rating' {rating} is outside 0-10";
        }

        double? votes = Number(row, "IMDB Votes");
        if (votes is not null && (votes < 0 || votes > int.MaxValue || votes != Math.Floor(votes.Value)))
        {
            return $"'IMDB Votes' {votes} is not a whole number of votes";
        }

        movie = new SourceMovie(index, title, year, rating, votes is null ? null : (int)votes, raw);
        return null;
    }

    private static double? Number(JsonElement row, string field)
        => row.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
