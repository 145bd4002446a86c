using DuckDB.NET.Data;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Docs;

/// <summary>docs/powerbi.md names every table gold publishes and every column of each, as the engine writes them: the
/// bundled sample's three providers landed and ingested, then a run of the bundled sample promoted to gold (the offline
/// catalog), and each <c>gold/latest/*.parquet</c> read by DuckDB.</summary>
public sealed class PowerBiTablesDocsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PowerBiDocs_EveryGoldTableAndColumnWithProviders_Documented()
    {
        var settings = PipelineHarness.Settings(_folder.Combine("lake"), new Uri("http://127.0.0.1:9/"), RepositoryRoot.Combine("data", "sample", "movies.json"));
        settings["OMDB_OFFLINE_CATALOG"] = RepositoryRoot.Combine("data", "sample", "omdb-catalog.json");
        using var harness = new PipelineHarness(settings);
        var ingestor = harness.Get<ProviderIngestor>();
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("data", "sample", "providers"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await ingestor.LandAsync(Path.GetFileName(Path.GetDirectoryName(file))!, Path.GetFileName(file), new BinaryData(await File.ReadAllBytesAsync(file)));
        }

        await ingestor.IngestWaitingAsync();
        var outcome = await harness.RunAsync("20261123-docs", topN: 100, batchSize: 50);
        await harness.Get<RunPromoter>().PromoteAsync(outcome.Manifest.ManifestBlob);

        var docs = await File.ReadAllTextAsync(RepositoryRoot.Combine("docs", "powerbi.md"));
        var lake = harness.Get<ILakeStore>();
        var missing = new List<string>();
        foreach (var table in GoldPaths.Tables.Concat(GoldPaths.ProviderTables))
        {
            if (!docs.Contains($"`{table}`", StringComparison.Ordinal))
            {
                missing.Add($"table {table}");
            }

            var row = DocumentedColumns(docs, table);
            foreach (var column in await ColumnsAsync(lake, table))
            {
                if (!row.Contains(column, StringComparer.Ordinal) && !row.Any(c => c.EndsWith('…') && column.StartsWith(c[..^1], StringComparison.Ordinal)))
                {
                    missing.Add($"{table}.{column}");
                }
            }
        }

        Assert.True(missing.Count == 0, "docs/powerbi.md lacks: " + string.Join(", ", missing));
    }

    /// <summary>The columns a table's row of the docs' table lists (<c>| `name` | … | `a, b, c` |</c>); a name ending
    /// in <c>…</c> stands for every column it starts (<c>rejected_&lt;reason&gt;…</c> is written <c>rejected_…</c>).</summary>
    private static List<string> DocumentedColumns(string docs, string table)
    {
        var line = docs.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{table}` |", StringComparison.Ordinal));
        if (line is null)
        {
            return [];
        }

        var cell = line.Split('|', StringSplitOptions.RemoveEmptyEntries)[^1];
        return [.. cell.Split('`').Where((_, i) => i % 2 == 1).SelectMany(c => c.Split(',')).Select(c => c.Trim())];
    }

    private async Task<List<string>> ColumnsAsync(ILakeStore lake, string table)
    {
        var content = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(table, "parquet")) ?? throw new InvalidOperationException($"gold has no {table}");
        var path = _folder.Combine($"{table}.parquet");
        await File.WriteAllBytesAsync(path, content.ToArray());
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
