using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Movies.Cli.Bench;

/// <summary>A source of any size made deterministically from the sample: copies of its rated rows,
/// each copy with its own title, so every movie is distinct.</summary>
public static class SyntheticSource
{
    public static string Write(string sampleSource, int movies, string folder)
    {
        var rows = JsonNode.Parse(File.ReadAllText(sampleSource))!.AsArray()
            .Select(r => r!.AsObject())
            .Where(r => r["IMDB Rating"] is not null && r["IMDB Votes"] is not null && r["Title"] is not null)
            .ToList();
        var output = new JsonArray();
        for (var i = 0; i < movies; i++)
        {
            var row = rows[i % rows.Count].DeepClone().AsObject();
            var copy = i / rows.Count;
            if (copy > 0)
            {
                row["Title"] = string.Create(CultureInfo.InvariantCulture, $"{row["Title"]} ({copy})");
            }

            output.Add(row);
        }

        var path = Path.Combine(folder, $"source-{movies}.json");
        File.WriteAllText(path, output.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return path;
    }
}
