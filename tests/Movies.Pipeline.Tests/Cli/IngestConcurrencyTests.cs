using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Tests.Providers;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Cli;

/// <summary><c>movies ingest</c> processes started at once on one lake, as a user's scripts or two terminals would:
/// only the lake is shared. The same file twice is ingested once; two providers both reach silver and gold.</summary>
public abstract class IngestConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Trials = 2;
    private const string CriticsHeader = "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\n";
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly List<TempFolder> _folders = [];
    private TempFolder? _files;

    protected abstract Task<ILakeStore> CreateLakeAsync();

    /// <summary>The CLI's lake options for the lake <see cref="CreateLakeAsync"/> made last.</summary>
    protected abstract string[] CliLake();

    public void Dispose() => _folders.ForEach(f => f.Dispose());

    /// <summary>A temp folder of this test's, deleted with it.</summary>
    protected TempFolder NewFolder()
    {
        _folders.Add(new TempFolder());
        return _folders[^1];
    }

    [Fact]
    public async Task Ingest_SameFileInThreeProcessesAtOnce_IngestedOnce()
    {
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await LakeWithARunAsync(trial);
            var content = CriticsHeader + $"Heat,1995,87%,{100 + trial},7.9/10,76\nNo Such Film,1995,50%,10,5/10,50\n";
            var file = await WriteFileAsync(trial, "critics-2026-11-21.csv", content);

            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => IngestAsync("critic_aggregates", file)));

            var statuses = results.Select(r => Assert.Single(r.Files).GetProperty("status").GetString()).ToList();
            output.WriteLine($"{GetType().Name} trial {trial}: {string.Join(", ", statuses)}");
            // One process made the file current; the others found it done (whether or not they raced it through bronze and silver).
            Assert.Equal([ProviderFileStatus.AlreadyIngested, ProviderFileStatus.AlreadyIngested, ProviderFileStatus.Ingested], statuses.Order(StringComparer.Ordinal));
            // All three name the one arrival, its silver version 1, and count every row of the file.
            Assert.Single(results.Select(r => r.Files[0].GetProperty("arrivalId").GetString()).Distinct());
            Assert.All(results, r => Assert.Equal((2, 1L), (r.Files[0].GetProperty("rows").GetInt32(), r.Files[0].GetProperty("currentVersion").GetInt64())));

            // Bronze: the file byte for byte, once, with one arrival manifest.
            var bronze = await LakeRuns.NamesAsync(lake, LakeContainers.Bronze, $"{ProviderPaths.Folder}/critic_aggregates/");
            var sha256 = ProviderBronzeWriter.Sha256Of(BinaryData.FromString(content));
            Assert.Equal(
                new[] { ProviderPaths.Sequence("critic_aggregates"), ProviderPaths.Arrival("critic_aggregates", sha256), ProviderPaths.BronzeFile("critic_aggregates", sha256, "critics-2026-11-21.csv") }
                    .Order(StringComparer.Ordinal),
                bronze.Order(StringComparer.Ordinal));
            Assert.Equal(content, (await lake.DownloadAsync(LakeContainers.Bronze, ProviderPaths.BronzeFile("critic_aggregates", sha256, "critics-2026-11-21.csv")))!.ToString());

            // Silver: one file's silver and one table version (the duplicates changed nothing), holding the matched row.
            var silver = await LakeRuns.NamesAsync(lake, LakeContainers.Silver, $"{ProviderPaths.Folder}/critic_aggregates/");
            var arrivalId = results[0].Files[0].GetProperty("arrivalId").GetString()!;
            Assert.Equal(
                new[]
                {
                    ProviderPaths.Current("critic_aggregates"), ProviderPaths.SilverFile("critic_aggregates", arrivalId), ProviderPaths.SilverRejects("critic_aggregates", arrivalId),
                    ProviderPaths.SilverRows("critic_aggregates", arrivalId), ProviderPaths.Table("critic_aggregates", 1),
                }.Order(StringComparer.Ordinal),
                silver.Where(n => !n.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Equal(2L, await CountAsync(lake, LakeContainers.Silver, ProviderPaths.Table("critic_aggregates", 1)));

            Assert.Equal([["tt0000002", null], ["tt0113277", (long)(100 + trial)]], await UnifiedAsync(lake, "critic_review_count"));
            Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Landing, ""));
        }
    }

    [Fact]
    public async Task Ingest_TwoProvidersInTwoProcessesAtOnce_BothInSilverAndGold()
    {
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await LakeWithARunAsync(trial);
            var critics = await WriteFileAsync(trial, "critics-2026-11-21.csv", CriticsHeader + $"Heat,1995,87%,{100 + trial},7.9/10,76\n");
            var ratings = await WriteFileAsync(trial, "ratings-2026-11-21.json",
                $"{{\"ratings\":[{{\"imdbID\":\"tt0000002\",\"film\":{{\"title\":\"X\",\"year\":2004}},\"audienceScore\":\"{60 + trial}%\",\"ratingsCount\":\"1,000\"}}]}}");

            var results = await Task.WhenAll(IngestAsync("critic_aggregates", critics), IngestAsync("audience_ratings", ratings));

            Assert.All(results, r => Assert.Equal(ProviderFileStatus.Ingested, Assert.Single(r.Files).GetProperty("status").GetString()));
            foreach (var provider in new[] { "critic_aggregates", "audience_ratings" })
            {
                var current = await new ProviderSilverWriter(lake, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProviderSilverWriter>.Instance).ReadCurrentAsync(provider);
                Assert.Equal((1L, 1), (current!.Version, current.TableRows));
                Assert.Equal(1L, await CountAsync(lake, LakeContainers.Silver, current.TableBlob));
            }

            // Whichever process published last, gold joined both providers' current tables: no lost update.
            Assert.Equal([["tt0000002", null], ["tt0113277", (long)(100 + trial)]], await UnifiedAsync(lake, "critic_review_count"));
            Assert.Equal([["tt0000002", (double)(60 + trial)], ["tt0113277", null]], await UnifiedAsync(lake, "audience_score_percent"));
            var coverage = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.ProviderCoverage, "parquet"),
                "SELECT provider, silver_version, rows FROM t WHERE silver_version > 0 ORDER BY provider");
            Assert.Equal([["audience_ratings", 1L, 1], ["critic_aggregates", 1L, 1]], coverage);
            Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Landing, ""));
        }
    }

    private sealed record Ingested(List<JsonElement> Files);

    private async Task<Ingested> IngestAsync(string provider, string file)
    {
        var result = await MoviesCli.RunAsync(null, Timeout, ["ingest", "--provider", provider, file, "--json", .. CliLake()]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var json = JsonDocument.Parse(result.Stdout);
        return new Ingested([.. json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.Clone())]);
    }

    /// <summary>A fresh lake whose gold holds a run of two films (Heat by title and year, X by imdbID) for the providers to join.</summary>
    private async Task<ILakeStore> LakeWithARunAsync(int trial)
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, $"20261120-t{trial}", Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, trial)), TimeSpan.Zero),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt0000002", "X", 2004))]);
        await ProviderIngestorTests.RunPromoter(lake, ProviderIngestorTests.Bundled).PromoteAsync(manifest);
        return lake;
    }

    private async Task<string> WriteFileAsync(int trial, string name, string content)
    {
        _files ??= NewFolder();
        Directory.CreateDirectory(_files.Combine($"t{trial}"));
        var path = _files.Combine(Path.Combine($"t{trial}", name));
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static async Task<long> CountAsync(ILakeStore lake, string container, string table)
        => (long)(await LakeRuns.QueryParquetAsync(lake, container, table, "SELECT count(*) FROM t"))[0][0]!;

    private static Task<List<object?[]>> UnifiedAsync(ILakeStore lake, string column)
        => LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), $"SELECT imdb_id, {column} FROM t ORDER BY imdb_id");
}

public sealed class FolderLakeIngestConcurrencyTests(ITestOutputHelper output) : IngestConcurrencyTests(output)
{
    private string? _path;

    protected override Task<ILakeStore> CreateLakeAsync()
    {
        _path = NewFolder().Path;
        return Task.FromResult<ILakeStore>(new FileSystemLakeStore(_path));
    }

    protected override string[] CliLake() => ["--lake", _path!];
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeIngestConcurrencyTests(AzuriteFixture azurite, ITestOutputHelper output) : IngestConcurrencyTests(output)
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());

    protected override string[] CliLake() => ["--connection", azurite.ConnectionString];
}
