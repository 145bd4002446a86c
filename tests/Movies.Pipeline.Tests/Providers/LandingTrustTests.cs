using System.Text.Json;
using System.Text.Json.Nodes;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Providers;

/// <summary>What a landing writer can do (docs/security.md): land files the declarations accept, nothing more. The attack
/// of issue 25 on each lake: two crafted <c>audience_ratings</c> files, one posing as a run manifest
/// (<c>_manifest.json</c>) and one as a bronze record, must never put an invented film into gold.</summary>
public abstract class LandingTrustTests
{
    private const string InventedImdbId = "tt9999999";
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    [Theory]
    [InlineData("_manifest.json")]
    [InlineData("_arrival.json")]
    [InlineData("_current.json")]
    [InlineData(".locks")]
    [InlineData("..")]
    [InlineData("ratings.json\n")]
    [InlineData("sub/_manifest.json")]
    [InlineData("ratings.json.")]
    public async Task Land_NameTheLakeReservesOrNotAPlainFile_RefusedNothingWritten(string fileName)
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled);

        var refused = await Assert.ThrowsAsync<PipelineInputException>(() => ingestor.LandAsync("audience_ratings", fileName, Ratings()));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Landing, ""));
        Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Bronze, ""));
    }

    [Fact]
    public async Task Ingest_ManifestPlantedInLanding_RefusedLeftThereNothingInBronze()
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled);
        var evil = await IngestRecordFileAsync(ingestor);
        // A landing writer puts the file in place directly, as Event Grid would then deliver it.
        await lake.UploadAsync(LakeContainers.Landing, "audience_ratings/_manifest.json", Manifest("providers-run", evil), overwrite: true);
        await lake.UploadAsync(LakeContainers.Landing, "audience_ratings/nested/_manifest.json", Manifest("providers-run", evil), overwrite: true);

        var result = await ingestor.IngestWaitingAsync();

        Assert.Equal(["audience_ratings/_manifest.json", "audience_ratings/nested/_manifest.json"], result.Refused.Select(r => r.LandingBlob).Order(StringComparer.Ordinal));
        Assert.Empty(result.Files);
        Assert.Equal(2, (await LakeRuns.NamesAsync(lake, LakeContainers.Landing, "")).Count);
        Assert.DoesNotContain(await LakeRuns.NamesAsync(lake, LakeContainers.Bronze, ""), n => n.EndsWith(BronzePaths.ManifestFileName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Promote_ManifestOutsideARunFolder_RefusedNothingPublished()
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled);
        var evil = await IngestRecordFileAsync(ingestor);
        // Where the old ingestion put a landed _manifest.json (a lake writer, or a lake written before the fix).
        var planted = $"{ProviderPaths.BronzeFolder("audience_ratings", new string('a', 64))}/{BronzePaths.ManifestFileName}";
        await lake.UploadAsync(LakeContainers.Bronze, planted, Manifest(new string('a', 64), evil), overwrite: true);
        await lake.UploadAsync(LakeContainers.Silver, planted, BinaryData.FromString("{}"), overwrite: true);
        var gold = await LakeRuns.HashAsync(lake, LakeContainers.Gold, "");

        Assert.False(BronzePaths.IsManifest(planted));
        Assert.False(SilverPaths.IsManifest(planted));
        await Assert.ThrowsAsync<PipelineInputException>(() => LakeRuns.Promoter(lake).PromoteAsync(planted));
        await Assert.ThrowsAsync<PipelineInputException>(() => GoldPromoterOf(lake).PromoteAsync(planted));
        Assert.Equal(gold, await LakeRuns.HashAsync(lake, LakeContainers.Gold, ""));
    }

    [Fact]
    public async Task Promote_RunManifestNamingAProviderFileAsCached_RejectedNotInGold()
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled);
        var evil = await IngestRecordFileAsync(ingestor);
        // A real run, and a lake writer's edit of its manifest: one more movie, "cached" from the provider file.
        var manifestBlob = await LakeRuns.WriteRunAsync(lake, "20261123-real", Day, Started, [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995))]);
        var manifest = await LakeRuns.ManifestAsync(lake, manifestBlob);
        var movies = manifest.Movies.Append(new MovieOutcome("invented", "Invented", 2026, 1, MovieOutcomes.Cached, evil, null, 0)).ToList();
        await lake.WriteJsonAsync(LakeContainers.Bronze, manifestBlob, manifest with { Movies = movies, Counts = OutcomeCounts.Of(movies) },
            PipelineJsonContext.Blobs.RunManifest, overwrite: true);

        var promoted = await LakeRuns.Promoter(lake, thresholdPercent: 100).PromoteAsync(manifestBlob);

        Assert.Equal(1, promoted.Silver.Rows);
        Assert.Equal(1, promoted.Silver.RejectsByReason[RejectReasons.MissingBronze]);
        var films = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), "SELECT imdb_id FROM t");
        Assert.Equal([["tt0113277"]], films);
    }

    [Fact]
    public async Task Promote_CachedOutcomeNamingAnotherMoviesRecord_Rejected()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.WriteRunAsync(lake, "20261120-old", new DateOnly(2026, 11, 20), Started.AddDays(-3), [new("other", LakeRuns.Omdb(InventedImdbId, "Other", 2001))]);
        var manifestBlob = await LakeRuns.WriteRunAsync(lake, "20261123-real", Day, Started, [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995))]);
        var manifest = await LakeRuns.ManifestAsync(lake, manifestBlob);
        var earlier = BronzePaths.Movie(BronzePaths.RunFolder(new DateOnly(2026, 11, 20), "20261120-old"), "other");
        // The same record under another movie's key, and a record from a run dated after this one: neither is this movie's earlier answer.
        var movies = manifest.Movies
            .Append(new MovieOutcome("invented", "Invented", 2026, 1, MovieOutcomes.Cached, earlier, null, 0))
            .Append(new MovieOutcome("other", "Other", 2001, 1, MovieOutcomes.Cached, BronzePaths.Movie(BronzePaths.RunFolder(new DateOnly(2027, 1, 1), "20270101-later"), "other"), null, 0))
            .ToList();
        await lake.WriteJsonAsync(LakeContainers.Bronze, manifestBlob, manifest with { Movies = movies, Counts = OutcomeCounts.Of(movies) },
            PipelineJsonContext.Blobs.RunManifest, overwrite: true);

        var promoted = await LakeRuns.Promoter(lake, thresholdPercent: 100).PromoteAsync(manifestBlob);

        Assert.Equal(1, promoted.Silver.Rows);
        Assert.Equal(2, promoted.Silver.RejectsByReason[RejectReasons.MissingBronze]);
    }

    [Fact]
    public async Task Ingest_ValuesQuotingASecret_RedactedInRejectsAndRefusals()
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled);
        const string Header = "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\n";
        var landed = await ingestor.LandAsync("critic_aggregates", "critics-2026-11-21.csv", BinaryData.FromString(Header + "Heat,1995,apikey=SECRET-31415,100,7.9/10,76\n"));
        await lake.UploadAsync(LakeContainers.Landing, "critic_aggregates/critics-2026-11-22.csv", BinaryData.FromString("Film,AccountKey=SECRET-27182\nHeat,1\n"), overwrite: true);

        var result = await ingestor.IngestWaitingAsync();

        Assert.Contains(landed, result.Files.Select(f => $"{f.Provider}/{f.FileName}"));
        var refused = Assert.Single(result.Refused);
        Assert.DoesNotContain("SECRET", refused.Reason, StringComparison.Ordinal);
        var silver = await LakeRuns.HashAsync(lake, LakeContainers.Silver, "providers/critic_aggregates/files/");
        var rejects = string.Concat(await Task.WhenAll(silver.Keys.Where(k => k.EndsWith("rejects.jsonl", StringComparison.Ordinal))
            .Select(async k => (await lake.DownloadAsync(LakeContainers.Silver, k))!.ToString())));
        Assert.Contains("apikey=***", rejects, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", rejects, StringComparison.Ordinal);
    }

    /// <summary>Issue 25, item 7: a giant single-line file, and a file with one giant field, are refused whole with the
    /// reason (here with small caps; the defaults are 100 MiB and 64 KiB), nothing of them in bronze.</summary>
    [Theory]
    [InlineData("critic_aggregates", "critics-huge.csv", 20_000, 0, "PROVIDER_MAX_FILE_BYTES")]
    [InlineData("critic_aggregates", "critics-one-line.csv", 3_000, 0, "PROVIDER_MAX_FIELD_BYTES")]
    [InlineData("critic_aggregates", "critics-wide-cell.csv", 0, 3_000, "PROVIDER_MAX_FIELD_BYTES")]
    [InlineData("audience_ratings", "ratings-wide.json", 0, 3_000, "PROVIDER_MAX_FIELD_BYTES")]
    public async Task Ingest_FileOrFieldOverItsCap_RefusedWithTheReasonNothingInBronze(string provider, string fileName, int lineBytes, int cellBytes, string setting)
    {
        var lake = await CreateLakeAsync();
        var ingestor = ProviderIngestorTests.Ingestor(lake, ProviderIngestorTests.Bundled, new ProviderLimits(MaxFileBytes: 10_000, MaxFieldBytes: 1_000));
        var content = BinaryData.FromString(provider == "audience_ratings"
            ? $$"""{"ratings":[{"imdbID":"tt0113277","film":{"title":"{{new string('x', cellBytes)}}","year":1995},"audienceScore":"80%"}]}"""
            : lineBytes > 0
                ? new string('x', lineBytes)
                : "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\nHeat,1995,87%,100,7.9/10,76\n\"" + new string('y', cellBytes) + "\",1995,1%,1,1/10,1\n");

        var landing = await Assert.ThrowsAsync<PipelineInputException>(() => ingestor.LandAsync(provider, fileName, content));
        await lake.UploadAsync(LakeContainers.Landing, $"{provider}/{fileName}", content, overwrite: true);
        var waiting = await ingestor.IngestWaitingAsync();

        Assert.Contains(setting, landing.Message, StringComparison.Ordinal);
        Assert.Contains(setting, Assert.Single(waiting.Refused).Reason, StringComparison.Ordinal);
        Assert.Equal([$"{provider}/{fileName}"], await LakeRuns.NamesAsync(lake, LakeContainers.Landing, ""));
        Assert.Empty(await LakeRuns.NamesAsync(lake, LakeContainers.Bronze, ""));
    }

    /// <summary>The second crafted file: accepted as audience ratings (its "ratings" array is empty), and shaped as a bronze
    /// record of an invented film. Ingesting it is allowed: it is only a provider file. Returns its bronze blob.</summary>
    private static async Task<string> IngestRecordFileAsync(ProviderIngestor ingestor)
    {
        var record = new BronzeRecord("providers-run", "invented", 1, new BronzeRequest("Invented", 2026, "t=Invented"), Started, 1, "{}",
            LakeRuns.Omdb(InventedImdbId, "Invented", 2026, rating: "10.0"));
        var content = WithRatings(JsonSerializer.SerializeToNode(record, PipelineJsonContext.Blobs.BronzeRecord)!);
        var result = await ingestor.IngestAsync([await ingestor.LandAsync("audience_ratings", "invented.json", content)], refuse: false);
        return Assert.Single(result.Files).BronzeBlob;
    }

    private static BinaryData Manifest(string runId, string cachedBlob)
    {
        List<MovieOutcome> movies = [new("invented", "Invented", 2026, 1, MovieOutcomes.Cached, cachedBlob, null, 0)];
        var manifest = new RunManifest(runId, Day, Started, 1, 1, 1, OutcomeCounts.Of(movies), null, 1, 0, movies);
        return WithRatings(JsonSerializer.SerializeToNode(manifest, PipelineJsonContext.Blobs.RunManifest)!);
    }

    private static BinaryData Ratings() => WithRatings(new JsonObject());

    private static BinaryData WithRatings(JsonNode node)
    {
        node["ratings"] = new JsonArray();
        return BinaryData.FromString(node.ToJsonString());
    }

    private static GoldPromoter GoldPromoterOf(ILakeStore lake)
        => new(lake, Microsoft.Extensions.Options.Options.Create(new GoldOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<GoldPromoter>.Instance);
}

public sealed class FileSystemLandingTrustTests : LandingTrustTests, IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    protected override Task<ILakeStore> CreateLakeAsync() => _lakes.CreateAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLandingTrustTests(AzuriteFixture azurite) : LandingTrustTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
}
