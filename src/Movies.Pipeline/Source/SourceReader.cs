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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToMemory(), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new SourceFormatException($"The source is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new SourceFormatException($"The source must be a JSON array of movie rows, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var movies = new List<SourceMovie>();
            var rejects = new List<SourceReject>();
            var index = 0;
            foreach (var row in document.RootElement.EnumerateArray())
            {
                var reason = TryParse(index, row, out var movie);
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

            return new SourceDataset(movies, rejects);
        }
    }

    private static string? TryParse(int index, JsonElement row, out SourceMovie? movie)
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

        movie = new SourceMovie(index, title, year, rating, votes is null ? null : (int)votes, row.GetRawText());
        return null;
    }

    private static double? Number(JsonElement row, string field)
        => row.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
