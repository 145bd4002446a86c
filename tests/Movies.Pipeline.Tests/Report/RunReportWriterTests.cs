using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Report;

/// <summary>The report writer's contract, run on each lake (a folder here; blob storage in a subclass).</summary>
public abstract class RunReportWriterTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset Started = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    [Fact]
    public async Task Promote_Run_ReportAndLatestWrittenWithTheManifestsNumbers()
    {
        var lake = await CreateLakeAsync();
        var manifest = await WriteRunAsync(lake, "20261120-a");

        var promotion = await LakeRuns.Promoter(lake).PromoteAsync(manifest);

        Assert.Equal(ReportPaths.Run("20261120-a"), promotion.ReportBlob);
        var html = (await lake.DownloadAsync(LakeContainers.Gold, ReportPaths.Run("20261120-a")))!.ToString();
        Assert.Equal(html, (await lake.DownloadAsync(LakeContainers.Gold, ReportPaths.Latest))!.ToString());
        var bronze = await LakeRuns.ManifestAsync(lake, manifest);
        foreach (var outcome in bronze.Movies.GroupBy(m => m.Outcome))
        {
            Assert.Equal(outcome.Count(), Cell(html, "data-outcome", outcome.Key));
        }

        Assert.Equal(0, Cell(html, "data-outcome", "cached"));
        Assert.Equal(0, Cell(html, "data-outcome", "deferred"));
        var silver = (await lake.ReadJsonAsync(LakeContainers.Silver, SilverPaths.Manifest(BronzePaths.RunFolderOf(manifest)), PipelineJsonContext.Blobs.SilverManifest))!;
        Assert.Equal(1, silver.Rejects);
        Assert.Equal(silver.RejectsByReason[RejectReasons.MissingTitle], Cell(html, "data-reason", RejectReasons.MissingTitle));
        Assert.Equal(silver.Rows, Cell(html, "data-measure", "silver-rows"));
        Assert.Contains("bad-title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_SameRunTwice_WholeGoldContainerByteIdentical()
    {
        var lake = await CreateLakeAsync();
        var manifest = await WriteRunAsync(lake, "20261120-a");
        var promoter = LakeRuns.Promoter(lake);

        await promoter.PromoteAsync(manifest);
        var first = await LakeRuns.HashAsync(lake, LakeContainers.Gold, "");
        await promoter.PromoteAsync(manifest);

        Assert.Contains(ReportPaths.Run("20261120-a"), first.Keys);
        Assert.Contains(ReportPaths.Latest, first.Keys);
        Assert.Equal(first, await LakeRuns.HashAsync(lake, LakeContainers.Gold, ""));
    }

    [Fact]
    public async Task WriteAsync_TwoRunsAtOnce_EachKeepsItsReportAndLatestIsOneOfThemWhole()
    {
        var lake = await CreateLakeAsync();
        var first = await WriteRunAsync(lake, "20261120-a");
        var second = await WriteRunAsync(lake, "20261120-b");
        await LakeRuns.Promoter(lake).PromoteAsync(first);
        await LakeRuns.Promoter(lake).PromoteAsync(second);
        var writer = new RunReportWriter(lake, Options.Create(new GoldOptions()), NullLogger<RunReportWriter>.Instance);
        var silverManifests = new[] { first, second }.Select(m => SilverPaths.Manifest(BronzePaths.RunFolderOf(m))).ToList();

        // Many writers of the two runs at once: each run's report stays its own, and latest.html is never torn.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => writer.WriteAsync(silverManifests[i % 2]))));

        var a = (await lake.DownloadAsync(LakeContainers.Gold, ReportPaths.Run("20261120-a")))!.ToString();
        var b = (await lake.DownloadAsync(LakeContainers.Gold, ReportPaths.Run("20261120-b")))!.ToString();
        Assert.Contains("<span id=\"run-id\">20261120-a</span>", a, StringComparison.Ordinal);
        Assert.Contains("<span id=\"run-id\">20261120-b</span>", b, StringComparison.Ordinal);
        Assert.Contains((await lake.DownloadAsync(LakeContainers.Gold, ReportPaths.Latest))!.ToString(), new[] { a, b });
    }

    [Fact]
    public async Task WriteAsync_NoSilverManifest_InputErrorAndNothingWritten()
    {
        var lake = await CreateLakeAsync();
        var writer = new RunReportWriter(lake, Options.Create(new GoldOptions()), NullLogger<RunReportWriter>.Instance);

        await Assert.ThrowsAsync<PipelineInputException>(() => writer.WriteAsync("2026/11/20/nope/_manifest.json"));
        Assert.False(await lake.ExistsAsync(LakeContainers.Gold, ReportPaths.Latest));
    }

    private static Task<string> WriteRunAsync(ILakeStore lake, string runId)
        => LakeRuns.WriteRunAsync(lake, runId, Day, Started,
        [
            new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995, genre: "Crime, Drama")),
            new("alien", LakeRuns.Omdb("tt0078748", "Alien", 1979, rating: "8.5", genre: "Horror, Sci-Fi")),
            new("bad-title", LakeRuns.Omdb("tt9", string.Empty, 2001)),
        ],
        notFound: 2);

    /// <summary>The number in the table row marked <c>attribute="value"</c>.</summary>
    private static int Cell(string html, string attribute, string value)
    {
        var match = Regex.Match(html, $"<tr {attribute}=\"{Regex.Escape(value)}\">.*?data-value=\"(\\d+)\"");
        Assert.True(match.Success, $"no row {attribute}={value}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class FileSystemRunReportWriterTests : RunReportWriterTests, IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    protected override Task<ILakeStore> CreateLakeAsync() => _lakes.CreateAsync();
}

/// <summary>The same contract on the blob lake, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobRunReportWriterTests(AzuriteFixture azurite) : RunReportWriterTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
}
