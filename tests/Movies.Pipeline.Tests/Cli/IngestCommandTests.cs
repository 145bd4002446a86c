using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Cli;

/// <summary><c>movies ingest</c> as a user runs it, on the bundled sample: the three providers, then a run, end in gold.
/// Run on each lake (a folder and Azurite).</summary>
public abstract class IngestCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    protected string Folder => _folder.Path;

    /// <summary>A fresh, empty lake.</summary>
    protected abstract Task<ILakeStore> CreateLakeAsync();

    /// <summary>The CLI's lake options for the lake <see cref="CreateLakeAsync"/> made last.</summary>
    protected abstract string[] CliLake();

    /// <summary>Issue 25, item 7: a file over PROVIDER_MAX_FILE_BYTES (or with a field over PROVIDER_MAX_FIELD_BYTES) is
    /// refused, exit 2 with the reason, nothing written.</summary>
    [Theory]
    [InlineData("PROVIDER_MAX_FILE_BYTES", "2000")]
    [InlineData("PROVIDER_MAX_FIELD_BYTES", "500")]
    public async Task IngestProvider_FileOverACap_ExitTwoWithTheReasonNothingWritten(string setting, string cap)
    {
        var lake = await CreateLakeAsync();
        var file = Path.Combine(Folder, "critics-2026-11-21.csv");
        await File.WriteAllTextAsync(file, "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\n\"" + new string('x', 3000) + "\",1995,87%,100,7.9/10,76\n");

        var result = await MoviesCli.RunAsync(new Dictionary<string, string> { [setting] = cap }, ["ingest", "--provider", "critic_aggregates", file, .. CliLake()]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(setting, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Landing, ""));
        Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Bronze, ""));
    }

    [Fact]
    public async Task IngestSample_ThenRunSample_GoldJoinsEveryProviderWithTheReportedRates()
    {
        var lake = await CreateLakeAsync();
        var ingest = await MoviesCli.RunAsync(null, ["ingest", "--sample", "--json", .. CliLake()]);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        using (var before = JsonDocument.Parse(ingest.Stdout))
        {
            // Five files, every one ingested; with no run yet gold has no films for them to join.
            var files = before.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(5, files.Count);
            Assert.All(files, f => Assert.Equal("ingested", f.GetProperty("status").GetString()));
            Assert.All(before.RootElement.GetProperty("providers").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("films").GetInt32()));
        }

        var run = await MoviesCli.RunAsync(null, ["run", "--sample", "--top-n", "400", "--batch-size", "100", "--run-id", "20261123-providers", .. CliLake()]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // The same files again: nothing to do, and the join of the run's films is reported.
        var again = await MoviesCli.RunAsync(null, ["ingest", "--sample", "--json", .. CliLake()]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        using var after = JsonDocument.Parse(again.Stdout);
        Assert.All(after.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal("already_ingested", f.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("gold").ValueKind);

        var gold = GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet");
        var films = (long)(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, gold, "SELECT count(*) FROM t"))[0][0]!;
        var providers = after.RootElement.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("provider").GetString()!);
        Assert.Equal(["audience_ratings", "box_office", "critic_aggregates"], providers.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, p) in providers)
        {
            var rows = p.GetProperty("rows").GetInt32();
            var matched = p.GetProperty("matchedByImdbId").GetInt32() + p.GetProperty("matchedByTitleYear").GetInt32();
            Assert.Equal(rows, matched + p.GetProperty("unmatched").GetInt32());
            Assert.Equal(p.GetProperty("unmatched").GetInt32(), p.GetProperty("unmatchedByReason").EnumerateObject().Sum(r => r.Value.GetInt32()));
            Assert.Equal(Math.Round(100.0 * matched / rows, 2), p.GetProperty("joinRatePercent").GetDouble(), 2);
            Assert.Equal(films, p.GetProperty("films").GetInt32());
            // Each matched row is one film of gold (a row of only missing values adds none to the unified table).
            Assert.InRange(await CoveredAsync(lake, name), 1, matched);
            Assert.Equal(Math.Round(100.0 * matched / films, 2), p.GetProperty("filmCoveragePercent").GetDouble(), 2);
            // And every unmatched row is in unmatched_provider_rows.
            var unmatched = (long)(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.UnmatchedProviderRows, "parquet"),
                $"SELECT count(*) FROM t WHERE provider = '{name}'"))[0][0]!;
            Assert.Equal(p.GetProperty("unmatched").GetInt32(), unmatched);
        }

        // The sample's join with the top 400 films of the sample run (380 of them found in the offline catalog): the
        // sample files and the run are deterministic (scripts/make-provider-samples.mjs gives the same bytes), so these
        // figures are too. audience_ratings joins mostly by imdbID, the others only by title + year.
        Assert.Equal(380, films);
        Assert.Equal((331, 13, 90.53), Rates(providers["audience_ratings"]));
        Assert.Equal((0, 288, 75.79), Rates(providers["critic_aggregates"]));
        Assert.Equal((0, 361, 95.0), Rates(providers["box_office"]));
    }

    private static (int ByImdbId, int ByTitleYear, double FilmCoveragePercent) Rates(JsonElement provider)
        => (provider.GetProperty("matchedByImdbId").GetInt32(), provider.GetProperty("matchedByTitleYear").GetInt32(), provider.GetProperty("filmCoveragePercent").GetDouble());

    [Fact]
    public async Task Ingest_UnknownProvider_ExitTwoNothingWritten()
    {
        var file = _folder.Combine("x.csv");
        await File.WriteAllTextAsync(file, "a,b\n1,2\n");
        var lake = await CreateLakeAsync();

        var result = await MoviesCli.RunAsync(null, ["ingest", "--provider", "nobody", file, .. CliLake()]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No provider 'nobody' is declared", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        foreach (var container in new[] { LakeContainers.Landing, LakeContainers.Bronze, LakeContainers.Silver, LakeContainers.Gold })
        {
            Assert.Empty(await LakeRuns.NamesAsync(lake, container, ""));
        }
    }

    /// <summary>Films of gold that have a value from <paramref name="provider"/> in one of its provider-only fields.</summary>
    private static async Task<int> CoveredAsync(ILakeStore lake, string provider)
    {
        var column = provider switch
        {
            "audience_ratings" => "audience_score_percent IS NOT NULL OR audience_rating_count IS NOT NULL",
            "critic_aggregates" => "critic_review_count IS NOT NULL OR critic_average_rating IS NOT NULL OR rotten_tomatoes_percent_source = 'critic_aggregates' OR metascore_source = 'critic_aggregates'",
            _ => "opening_weekend_usd IS NOT NULL OR international_gross_usd IS NOT NULL OR domestic_gross_usd_source = 'box_office' OR worldwide_gross_usd_source = 'box_office' OR production_budget_usd_source = 'box_office' OR released_source = 'box_office' OR distributor_source = 'box_office'",
        };
        var rows = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), $"SELECT count(*) FROM t WHERE {column}");
        return (int)(long)rows[0][0]!;
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class FolderLakeIngestCommandTests : IngestCommandTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => Task.FromResult<ILakeStore>(new FileSystemLakeStore(Path.Combine(Folder, "lake")));

    protected override string[] CliLake() => ["--lake", Path.Combine(Folder, "lake")];
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeIngestCommandTests(AzuriteFixture azurite) : IngestCommandTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());

    protected override string[] CliLake() => ["--connection", azurite.ConnectionString];
}
