using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>The answer cache across runs on a real lake and the real OMDb client: a film answered within
/// REFRESH_AFTER_DAYS is cached (its manifest line names the earlier run's bronze blob, which silver reads), a stale one
/// is looked up again, and a not-found answer stands for NOT_FOUND_RETRY_DAYS.</summary>
public abstract class AnswerCacheTests : EnrichmentStateTests
{
    [Fact]
    public async Task Run_FreshStaleAndNotFound_CachedWithinRefreshLookedUpAfterNotFoundKeptThirtyDays()
    {
        var lake = await LakeAsync();
        var titles = TestSource.Titles(10);
        Omdb.Script("Film 004", StandInAnswer.NotFound);
        var clock = new TestClock(Day1);
        using var harness = Harness(lake, titles, clock);

        var first = await harness.RunAsync("20261123-cache1", 10, 5, Day1);
        Assert.Equal(new OutcomeCounts(9, 1, 0, 0), first.Manifest.Counts);
        Assert.Equal(10, Omdb.TotalCalls);

        // The next day: nothing stale, so nothing is looked up, and no batch runs.
        clock.Now = Day1.AddDays(1);
        var second = await harness.RunAsync("20261124-cache2", 10, 5, clock.Now);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), second.Manifest.ManifestBlob);

        Assert.Equal(10, Omdb.TotalCalls);
        Assert.Equal((0, 10, 10), (second.Plan.Batches, second.Plan.Cached, second.Plan.Selected));
        Assert.Equal(new OutcomeCounts(0, 1, 0, 0, Cached: 9), manifest.Counts);
        var firstFolder = first.Plan.RunFolder;
        Assert.All(manifest.Movies.Where(m => m.Outcome == MovieOutcomes.Cached), m =>
        {
            Assert.Equal(BronzePaths.Movie(firstFolder, m.MovieKey), m.Blob);
            Assert.Equal(0, m.Attempts);
            Assert.Contains("answered by run 20261123-cache1 on 2026-11-23", m.Reason, StringComparison.Ordinal);
        });
        var notFound = manifest.Movies.Single(m => m.Title == "Film 004");
        Assert.Equal((MovieOutcomes.NotFound, 0), (notFound.Outcome, notFound.Attempts));
        Assert.StartsWith("Movie not found! (cached: answered by run 20261123-cache1", notFound.Reason, StringComparison.Ordinal);
        // No copy: the second run's folder holds no movie.
        Assert.Empty(await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), second.Plan.RunFolder));

        // Silver reads the first run's blobs into the second run's dataset, the same bytes on every promotion.
        var promoter = harness.Get<RunPromoter>();
        var promoted = await promoter.PromoteAsync(second.Manifest.ManifestBlob);
        var silver = await LakeRuns.HashAsync(harness.Get<ILakeStore>(), LakeContainers.Silver, second.Plan.RunFolder + "/");
        await promoter.PromoteAsync(second.Manifest.ManifestBlob);
        Assert.Equal(silver, await LakeRuns.HashAsync(harness.Get<ILakeStore>(), LakeContainers.Silver, second.Plan.RunFolder + "/"));
        Assert.Equal((9, 0), (promoted.Silver.Rows, promoted.Silver.Rejects));
        var rows = await LakeRuns.QueryParquetAsync(harness.Get<ILakeStore>(), LakeContainers.Silver, SilverPaths.Movies(second.Plan.RunFolder),
            "select count(*)::bigint, count(distinct run_id)::bigint, min(run_id), count(*) filter (where bronze_blob like '2026/11/23/20261123-cache1/%')::bigint from t");
        Assert.Equal((9L, 1L, "20261124-cache2", 9L), ((long)rows[0][0]!, (long)rows[0][1]!, (string)rows[0][2]!, (long)rows[0][3]!));

        // Eight days after the first answers: the found films are stale and looked up again; the not found stands.
        clock.Now = Day1.AddDays(8);
        var third = await harness.RunAsync("20261201-cache3", 10, 5, clock.Now);
        Assert.Equal(new OutcomeCounts(9, 1, 0, 0), third.Manifest.Counts);
        Assert.Equal((19, 1), (Omdb.TotalCalls, Omdb.CallsFor("Film 004")));

        // 31 days after: the not-found answer is asked again, and the films found on day 8 are stale again.
        clock.Now = Day1.AddDays(31);
        var fourth = await harness.RunAsync("20261224-cache4", 10, 5, clock.Now);
        Assert.Equal(new OutcomeCounts(9, 1, 0, 0), fourth.Manifest.Counts);
        Assert.Equal((29, 2), (Omdb.TotalCalls, Omdb.CallsFor("Film 004")));
    }

    [Fact]
    public async Task Run_ResumedAfterAllAnswered_NoLookupRepeated()
    {
        var lake = await LakeAsync();
        var titles = TestSource.Titles(12);
        using var harness = Harness(lake, titles, new TestClock(Day1));

        await harness.RunAsync("20261123-resume", 12, 5, Day1);
        var again = await harness.RunAsync("20261123-resume", 12, 5, Day1);

        Assert.True(again.Plan.Resumed);
        Assert.Equal(12, again.Manifest.Counts.Fetched);
        Assert.Equal(12, Omdb.TotalCalls);
    }

    [Fact]
    public async Task RecordAsync_SixWritersAtOnceIntoTheSameShards_NoAnswerLost()
    {
        var lake = await LakeAsync();
        var options = Options.Create(new AnswerCacheOptions());
        var now = Day1;
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            // Every writer its own client, as another process would have; 40 answers each, across all shards.
            var cache = new AnswerCache(lake.Open(), options, NullLogger<AnswerCache>.Instance);
            var answers = Enumerable.Range(0, 40).Select(i => new CachedAnswer($"film-{w}-{i:D2}", MovieOutcomes.Fetched, $"2026/11/23/r{w}/film-{w}-{i:D2}.json", $"tt{w}{i:D4}", now, $"r{w}"));
            await cache.RecordAsync(answers);
        })).ToList();
        await Task.WhenAll(writers);

        var reader = new AnswerCache(lake.Open(), options, NullLogger<AnswerCache>.Instance);
        var keys = Enumerable.Range(0, 6).SelectMany(w => Enumerable.Range(0, 40).Select(i => $"film-{w}-{i:D2}")).ToList();
        var found = await reader.FindAsync(keys, now.AddHours(1));
        Assert.Equal(keys.Count, found.Count);
        Assert.Equal("2026/11/23/r3/film-3-07.json", found["film-3-07"].Blob);
        // Recording the same answers again changes nothing, so writes nothing.
        Assert.Equal(0, await reader.RecordAsync([found["film-3-07"]]));
    }

    [Theory]
    [InlineData(MovieOutcomes.Fetched)]
    [InlineData(MovieOutcomes.NotFound)]
    public void IsFresh_WindowZeroAndAnswerNewerThanTheRunsClock_NotFresh(string outcome)
    {
        // Another process recorded its answer after this run read its clock: a window of 0 still means "ask again".
        var cache = new AnswerCache(new FileSystemLakeStore(Folder.Combine("unused-lake")), Options.Create(new AnswerCacheOptions { RefreshAfterDays = 0, NotFoundRetryDays = 0 }), NullLogger<AnswerCache>.Instance);
        var answer = new CachedAnswer("film", outcome, "2026/11/23/r1/film.json", "tt1", Day1.AddSeconds(5), "r1");

        Assert.False(cache.IsFresh(answer, Day1));
    }

    private PipelineHarness Harness(IEnrichmentStateLake lake, IReadOnlyList<string> titles, TestClock clock)
    {
        var settings = PipelineHarness.Settings(Folder.Combine("unused"), Omdb.BaseUrl, TestSource.Write(Folder.Path, titles));
        lake.Use(settings);
        settings.Remove("REFRESH_AFTER_DAYS");
        settings.Remove("NOT_FOUND_RETRY_DAYS");
        return new PipelineHarness(settings, services => services.AddSingleton<TimeProvider>(clock));
    }
}

public sealed class FolderLakeAnswerCacheTests : AnswerCacheTests
{
    protected override Task<IEnrichmentStateLake> LakeAsync() => Task.FromResult<IEnrichmentStateLake>(new FolderStateLake(Folder.Combine("lake")));
}

[Collection(AzuriteEnrichmentStateCollection.Name)]
public sealed class BlobLakeAnswerCacheTests(AzuriteFixture azurite) : AnswerCacheTests
{
    protected override async Task<IEnrichmentStateLake> LakeAsync() => await BlobStateLake.EmptyAsync(azurite);
}
