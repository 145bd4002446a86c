using System.Text.Json;

namespace Movies.Testing;

/// <summary>Writes small source datasets in the vega-datasets schema, ranked in the order given.</summary>
public static class TestSource
{
    public static IReadOnlyList<string> Titles(int count, string prefix = "Film") => Enumerable.Range(1, count).Select(i => $"{prefix} {i:D3}").ToList();

    /// <summary>The first title gets the most votes and the best rating, so rank follows list order.</summary>
    public static string Write(string folder, IReadOnlyList<string> titles)
    {
        var rows = titles.Select((title, i) => new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["US Gross"] = 1_000_000 + i,
            ["Worldwide Gross"] = 2_000_000 + i,
            ["US DVD Sales"] = null,
            ["Production Budget"] = 500_000,
            ["Release Date"] = "Jun 12 1998",
            ["MPAA Rating"] = "R",
            ["Running Time min"] = 100,
            ["Distributor"] = "Test Pictures",
            ["Source"] = null,
            ["Major Genre"] = "Drama",
            ["Creative Type"] = null,
            ["Director"] = "A. Director",
            ["Rotten Tomatoes Rating"] = 80,
            ["IMDB Rating"] = 9.0 - (i * 0.001),
            ["IMDB Votes"] = 1_000_000 - i,
        });
        var path = Path.Combine(folder, "source.json");
        File.WriteAllText(path, JsonSerializer.Serialize(rows));
        return path;
    }
}
