using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Providers;

/// <summary>Provider files through landing, bronze, silver and gold, run on each lake (a folder and Azurite).</summary>
public abstract class ProviderIngestorTests
{
    private const string CriticsHeader = "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\n";
    private static readonly DateOnly Day = new(2026, 11, 20);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    public static ProviderCatalog Bundled { get; } = ProviderCatalog.Load(Path.Combine(RepositoryRoot.Path, "data", "providers.json"));

    public static ProviderIngestor Ingestor(ILakeStore lake, ProviderCatalog catalog, ProviderLimits? limits = null)
    {
        var silver = new ProviderSilverWriter(lake, NullLogger<ProviderSilverWriter>.Instance);
        return new ProviderIngestor(lake, catalog, new ProviderBronzeWriter(lake, TimeProvider.System), silver, Gold(lake, catalog),
            new LakeEventPublisher(lake, NullLogger<LakeEventPublisher>.Instance), TimeProvider.System, NullLogger<ProviderIngestor>.Instance, limits: limits);
    }

    /// <summary>A run promoter whose gold joins the providers, with its own committer (as another instance has).</summary>
    public static RunPromoter RunPromoter(ILakeStore lake, ProviderCatalog catalog)
        => new(lake, new SilverPromoter(lake, NullLogger<SilverPromoter>.Instance),
            new GoldPromoter(lake, new GoldCommitter(lake, NullLogger<GoldCommitter>.Instance), Gold(lake, catalog), Options.Create(new GoldOptions()), NullLogger<GoldPromoter>.Instance),
            new RunReportWriter(lake, Options.Create(new GoldOptions()), NullLogger<RunReportWriter>.Instance));

    private static ProviderGold Gold(ILakeStore lake, ProviderCatalog catalog)
        => new(lake, new GoldCommitter(lake, NullLogger<GoldCommitter>.Instance), catalog,
            new ProviderSilverWriter(lake, NullLogger<ProviderSilverWriter>.Instance), NullLogger<ProviderGold>.Instance);

    [Fact]
    public async Task Ingest_SameFileTwice_SecondWritesNothing()
    {
        var lake = await CreateLakeAsync();
        var ingestor = Ingestor(lake, Bundled);
        await PromoteRunAsync(lake, "20261120-a");
        var critics = BinaryData.FromString(CriticsHeader + "heat ,1995,87%,100,7.9/10,76\nNo Such Film,1995,50%,10,5/10,50\n");

        var first = await IngestAsync(ingestor, "critic_aggregates", "critics-2026-11-21.csv", critics);
        var lakeAfterFirst = await HashAllAsync(lake);
        var second = await IngestAsync(ingestor, "critic_aggregates", "critics-2026-11-21.csv", critics);

        Assert.Equal(ProviderFileStatus.Ingested, Assert.Single(first.Files).Status);
        Assert.NotNull(first.Gold);
        Assert.Equal(ProviderFileStatus.AlreadyIngested, Assert.Single(second.Files).Status);
        Assert.Null(second.Gold);
        // Every layer byte for byte as it was (the landing copy is removed both times).
        Assert.Equal(lakeAfterFirst, await HashAllAsync(lake));
        Assert.Equal([["tt0113277", 100L], ["tt2", null]], await UnifiedAsync(lake, "critic_review_count"));
        var unmatched = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.UnmatchedProviderRows, "parquet"), "SELECT provider, title FROM t"));
        Assert.Equal(["critic_aggregates", "No Such Film"], unmatched);
    }

    [Fact]
    public async Task Ingest_NewerFile_SupersedesInSilverAndGold_BothKeptInBronze()
    {
        var lake = await CreateLakeAsync();
        var ingestor = Ingestor(lake, Bundled);
        await PromoteRunAsync(lake, "20261120-a");
        var afterRun = await VersionAsync(lake);
        var older = BinaryData.FromString(CriticsHeader + "Heat,1995,87%,100,7.9/10,76\n");
        var newer = BinaryData.FromString(CriticsHeader + "HEAT,1995,88%,\"1,250\",8.0/10,77\n");

        await IngestAsync(ingestor, "critic_aggregates", "critics-2026-11-21.csv", older);
        var second = await IngestAsync(ingestor, "critic_aggregates", "critics-2026-11-22.csv", newer);
        // The older file again (a duplicate event): nothing changes, the newer stays current.
        var again = await IngestAsync(ingestor, "critic_aggregates", "critics-2026-11-21.csv", older);

        Assert.Equal(ProviderFileStatus.Ingested, Assert.Single(second.Files).Status);
        Assert.NotEqual(ProviderFileStatus.Ingested, Assert.Single(again.Files).Status);
        Assert.Null(again.Gold);
        Assert.Equal([["tt0113277", 1250L], ["tt2", null]], await UnifiedAsync(lake, "critic_review_count"));
        // A provider's version carries the run's history and report page over unchanged: nothing the run published is lost.
        var afterProviders = await VersionAsync(lake);
        foreach (var kept in new[] { GoldPaths.Latest(GoldPaths.MovieHistory, "parquet"), GoldPaths.Latest(GoldPaths.MovieHistory, "csv"), ReportPaths.Latest })
        {
            Assert.Equal(afterRun.Files[kept], afterProviders.Files[kept]);
        }

        var bronzeFiles = new List<string>();
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, $"{ProviderPaths.Folder}/critic_aggregates/"))
        {
            if (name.EndsWith(".csv", StringComparison.Ordinal))
            {
                bronzeFiles.Add(name);
            }
        }

        Assert.Equal(2, bronzeFiles.Count);
        var contents = await Task.WhenAll(bronzeFiles.Select(async n => (await lake.DownloadAsync(LakeContainers.Bronze, n))!.ToString()));
        Assert.Equal([newer.ToString(), older.ToString()], contents.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ingest_TwoProvidersAndARunAtOnce_GoldHasThemAll()
    {
        const int Trials = 3;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            var manifest = await LakeRuns.WriteRunAsync(lake, $"20261120-t{trial}", Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, trial)), TimeSpan.Zero),
                [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt0000002", "X", 2004))]);
            var critics = BinaryData.FromString(CriticsHeader + $"Heat,1995,87%,{100 + trial},7.9/10,76\n");
            var ratings = BinaryData.FromString(
                $"{{\"ratings\":[{{\"imdbID\":\"tt0000002\",\"film\":{{\"title\":\"X\",\"year\":2004}},\"audienceScore\":\"{60 + trial}%\",\"ratingsCount\":\"1,000\"}}]}}");

            // Separate instances, as separate Functions instances or processes are: only the lake is shared.
            await Task.WhenAll(
                Task.Run(() => IngestAsync(Ingestor(lake, Bundled), "critic_aggregates", "critics-2026-11-21.csv", critics)),
                Task.Run(() => IngestAsync(Ingestor(lake, Bundled), "audience_ratings", "ratings-2026-11-21.json", ratings)),
                Task.Run(() => RunPromoter(lake, Bundled).PromoteAsync(manifest)));

            Assert.Equal([["tt0000002", null], ["tt0113277", (long)(100 + trial)]], await UnifiedAsync(lake, "critic_review_count"));
            Assert.Equal([["tt0000002", (double)(60 + trial)], ["tt0113277", null]], await UnifiedAsync(lake, "audience_score_percent"));
            var coverage = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.ProviderCoverage, "parquet"),
                "SELECT provider, silver_version, rows FROM t WHERE silver_version > 0 ORDER BY provider");
            Assert.Equal([["audience_ratings", 1L, 1], ["critic_aggregates", 1L, 1]], coverage);
        }
    }

    [Fact]
    public async Task Promote_SameRunTwiceWithProviders_GoldByteIdentical()
    {
        var lake = await CreateLakeAsync();
        await IngestAsync(Ingestor(lake, Bundled), "critic_aggregates", "critics-2026-11-21.csv", BinaryData.FromString(CriticsHeader + "Heat,1995,87%,100,7.9/10,76\n"));
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-a", Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt2", "X", 2004))]);

        await RunPromoter(lake, Bundled).PromoteAsync(manifest);
        var first = await HashAsync(lake, LakeContainers.Gold);
        await RunPromoter(lake, Bundled).PromoteAsync(manifest);

        Assert.Equal(first, await HashAsync(lake, LakeContainers.Gold));
        Assert.Contains(GoldPaths.Latest(GoldPaths.UnmatchedProviderRows, "parquet"), first.Keys);
        Assert.Equal([["tt0113277", 100L], ["tt2", null]], await UnifiedAsync(lake, "critic_review_count"));
    }

    [Fact]
    public async Task Ingest_FileNotAsDeclared_RefusedAndLeftInLanding_NothingElseWritten()
    {
        var lake = await CreateLakeAsync();
        var ingestor = Ingestor(lake, Bundled);
        await lake.UploadAsync(LakeContainers.Landing, "critic_aggregates/critics-2026-11-21.csv", BinaryData.FromString("Title,Score\nHeat,87\n"), overwrite: true);

        var result = await ingestor.IngestWaitingAsync();

        var refused = Assert.Single(result.Refused);
        Assert.Equal("critic_aggregates/critics-2026-11-21.csv", refused.LandingBlob);
        Assert.Empty(result.Files);
        Assert.True(await lake.ExistsAsync(LakeContainers.Landing, "critic_aggregates/critics-2026-11-21.csv"));
        Assert.Empty(await HashAsync(lake, LakeContainers.Bronze));
        Assert.Empty(await HashAsync(lake, LakeContainers.Silver));
        Assert.Empty(await HashAsync(lake, LakeContainers.Gold));
    }

    /// <summary>README's worked example: a fourth provider declared in the providers file (docs/examples/fourth-provider),
    /// nothing else changed, goes through every layer into movies_unified with its own rejects and unmatched rows.</summary>
    [Fact]
    public async Task Ingest_FourthProviderDeclaredByConfigurationOnly_JoinsGold()
    {
        var lake = await CreateLakeAsync();
        var example = Path.Combine(RepositoryRoot.Path, "docs", "examples", "fourth-provider");
        var catalog = WithDeclaration(Path.Combine(example, "declaration.json"));
        var ingestor = Ingestor(lake, catalog);
        await RunPromoter(lake, catalog).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt2", "X", 2004))]));

        var result = await IngestAsync(ingestor, "festival_awards", "awards-2026-11-23.csv", new BinaryData(await File.ReadAllBytesAsync(Path.Combine(example, "awards-2026-11-23.csv"))));

        var file = Assert.Single(result.Files);
        Assert.Equal((4, 3, 1), (file.Rows, file.SilverRows, file.Rejects));
        Assert.Equal(new Dictionary<string, int> { [ProviderRejectReasons.UnparsableValue] = 1 }, file.RejectsByReason);
        Assert.Equal([["tt0113277", 3L], ["tt2", null]], await UnifiedAsync(lake, "festival_awards"));
        Assert.Equal([["tt0113277", new DateOnly(1995, 9, 1)], ["tt2", new DateOnly(2004, 5, 12)]],
            (await UnifiedAsync(lake, "festival_premiere")).Select(r => new[] { r[0], r[1] is DateTime d ? DateOnly.FromDateTime(d) : r[1] }));
        var unmatched = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.UnmatchedProviderRows, "parquet"), "SELECT provider, title, reason FROM t"));
        Assert.Equal(["festival_awards", "Unknown Film", Movies.Pipeline.Gold.UnmatchedReasons.UnknownTitleYear], unmatched);
    }

    /// <summary>The bundled declarations with another file's fields and providers added, as a user would edit them in.</summary>
    public static ProviderCatalog WithDeclaration(string declarationPath)
    {
        var options = new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var bundled = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "providers.json")), documentOptions: options)!;
        var added = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(declarationPath), documentOptions: options)!;
        foreach (var list in new[] { "fields", "providers" })
        {
            foreach (var item in added[list]!.AsArray())
            {
                bundled[list]!.AsArray().Add(item!.DeepClone());
            }
        }

        return ProviderCatalog.Parse(bundled.ToJsonString(), declarationPath);
    }

    private static async Task<GoldVersion> VersionAsync(ILakeStore lake)
        => (await lake.ReadJsonAsync(LakeContainers.Gold, GoldPaths.LatestVersion, PipelineJsonContext.Blobs.GoldVersion))!;

    private static async Task PromoteRunAsync(ILakeStore lake, string runId)
        => await RunPromoter(lake, Bundled).PromoteAsync(await LakeRuns.WriteRunAsync(lake, runId, Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt2", "X", 2004))]));

    private static async Task<IngestResult> IngestAsync(ProviderIngestor ingestor, string provider, string fileName, BinaryData content)
        => await ingestor.IngestAsync([await ingestor.LandAsync(provider, fileName, content)], refuse: false);

    private static Task<List<object?[]>> UnifiedAsync(ILakeStore lake, string column)
        => LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), $"SELECT imdb_id, {column} FROM t ORDER BY imdb_id");

    private static async Task<Dictionary<string, string>> HashAllAsync(ILakeStore lake)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in new[] { LakeContainers.Landing, LakeContainers.Bronze, LakeContainers.Silver, LakeContainers.Gold })
        {
            foreach (var (name, hash) in await HashAsync(lake, container))
            {
                all[$"{container}/{name}"] = hash;
            }
        }

        return all;
    }

    private static Task<Dictionary<string, string>> HashAsync(ILakeStore lake, string container) => LakeRuns.HashAsync(lake, container, "");
}

public sealed class FileSystemProviderIngestorTests : ProviderIngestorTests, IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    protected override Task<ILakeStore> CreateLakeAsync() => _lakes.CreateAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobProviderIngestorTests(AzuriteFixture azurite) : ProviderIngestorTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
}
