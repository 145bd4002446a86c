using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>When the day's quota runs out the rest of the run is deferred, not failed: the run is partial, everything
/// it has is published, and the next run takes the deferred movies first, on a real lake and the real OMDb client.</summary>
public abstract class DeferralTests : EnrichmentStateTests
{
    [Fact]
    public async Task Run_DailyLimitBelowSelection_RestDeferredThenTakenFirstOnTheNextDays()
    {
        var lake = await LakeAsync();
        var titles = TestSource.Titles(20);
        var clock = new TestClock(Day1);
        // One lookup at a time: which movies get the day's 8 requests is then the selection's order, as asserted below
        // (with lookups in parallel any 8 of the first batches may win them).
        using var harness = Harness(lake, titles, clock, ("OMDB_DAILY_LIMIT", "8"), ("OMDB_QUOTA_BLOCK", "3"), ("MAX_PARALLEL_BATCHES", "1"), ("OMDB_MAX_CONCURRENCY", "1"));

        var first = await harness.RunAsync("20261123-defer1", 20, 5, Day1);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), first.Manifest.ManifestBlob);

        Assert.Equal((RunStatuses.Partial, 8, 12), (first.Status, first.Manifest.Counts.Fetched, first.Manifest.Counts.Deferred));
        Assert.Equal(8, Omdb.TotalCalls);
        Assert.Equal(titles, manifest.Movies.Select(m => m.Title));
        Assert.All(manifest.Movies.Where(m => m.Outcome == MovieOutcomes.Deferred),
            m => Assert.Equal("OMDB_DAILY_LIMIT of 8 requests reached for 2026-11-23 (UTC)", m.Reason));
        Assert.Equal("OMDB_DAILY_LIMIT of 8 requests reached for 2026-11-23 (UTC)", manifest.DeferReason);
        // The batches after the one that ran out never started: their movies are deferred from their plans.
        Assert.Equal(4, manifest.Batches);
        var queue = await harness.Get<DeferredMovies>().ReadAsync();
        Assert.Equal(titles.Skip(8), queue.Movies.Select(m => m.Movie.Title));
        Assert.All(queue.Movies, m => Assert.Equal("20261123-defer1", m.RunId));

        // Partial is published: silver and gold hold what was fetched, and run_quality says partial (deferred are not failures).
        var promoted = await harness.Get<RunPromoter>().PromoteAsync(first.Manifest.ManifestBlob);
        Assert.Equal((8, RunStatuses.Partial, (string?)null), (promoted.Silver.Rows, promoted.Gold.Status, promoted.Gold.FailureReason));

        // Day 2: the deferred first (8 of them fit), the fetched from the cache; the other 4 wait again, in order.
        clock.Now = Day1.AddDays(1);
        var second = await harness.RunAsync("20261124-defer2", 20, 5, clock.Now);
        var day2 = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), second.Manifest.ManifestBlob);
        Assert.Equal((12, 8, 20), (second.Plan.FromQueue, second.Plan.Cached, second.Plan.Selected));
        Assert.Equal(new OutcomeCounts(8, 0, 0, 0, Cached: 8, Deferred: 4), second.Manifest.Counts);
        Assert.Equal(titles.Skip(8).Take(8), day2.Movies.Where(m => m.Outcome == MovieOutcomes.Fetched).Select(m => m.Title));
        Assert.Equal(16, Omdb.TotalCalls);
        Assert.Equal(titles.Skip(16), (await harness.Get<DeferredMovies>().ReadAsync()).Movies.Select(m => m.Movie.Title));

        // Day 3: the last 4, then the queue is empty and the run succeeded.
        clock.Now = Day1.AddDays(2);
        var third = await harness.RunAsync("20261125-defer3", 20, 5, clock.Now);
        Assert.Equal((RunStatuses.Succeeded, 4, 16), (third.Status, third.Manifest.Counts.Fetched, third.Manifest.Counts.Cached));
        Assert.Equal(20, Omdb.TotalCalls);
        Assert.All(titles, t => Assert.Equal(1, Omdb.CallsFor(t)));
        Assert.Empty((await harness.Get<DeferredMovies>().ReadAsync()).Movies);
    }

    [Fact]
    public async Task Run_OmdbAnswersRequestLimitReached_RestDeferredNothingSentAfterRunPartial()
    {
        var lake = await LakeAsync();
        Omdb.Everyone = call => call > 7 ? StandInAnswer.LimitReached : null;
        using var harness = Harness(lake, TestSource.Titles(20), new TestClock(Day1), ("OMDB_DAILY_LIMIT", "1000"), ("MAX_PARALLEL_BATCHES", "1"));

        var outcome = await harness.RunAsync("20261123-limit", 20, 5, Day1);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.Null(outcome.FatalReason);
        Assert.Equal(RunStatuses.Partial, outcome.Status);
        Assert.Equal(20, manifest.Movies.Count);
        Assert.Equal((7, 13), (manifest.Counts.Fetched, manifest.Counts.Deferred));
        // The 8th request was answered "Request limit reached!": none started after it, only those already in flight
        // (OMDB_MAX_CONCURRENCY 4) were answered the same.
        Assert.InRange(Omdb.TotalCalls, 8, 11);
        Assert.Equal(7, (await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), outcome.Plan.RunFolder)).Count);
        Assert.All(manifest.Movies.Where(m => m.Outcome == MovieOutcomes.Deferred), m => Assert.Contains("Request limit reached!", m.Reason, StringComparison.Ordinal));
        Assert.Equal(13, (await harness.Get<DeferredMovies>().ReadAsync()).Movies.Count);
        var ledger = await harness.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, EnrichmentPaths.Quota(new DateOnly(2026, 11, 23)), PipelineJsonContext.Blobs.QuotaDay);
        Assert.Contains("Request limit reached!", ledger!.ExhaustedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCli_DailyLimitReached_PartialExitZeroRunCompletedAndRunQualityPartial()
    {
        var lake = await LakeAsync();
        var source = TestSource.Write(Folder.Path, TestSource.Titles(12));
        var environment = new Dictionary<string, string> { ["OMDB_API_KEY"] = "partial-test-key", ["OMDB_DAILY_LIMIT"] = "5", ["OMDB_QUOTA_BLOCK"] = "2" };

        var run = await MoviesCli.RunAsync(environment,
            ["run", "--source", source, "--top-n", "12", "--batch-size", "4", "--run-id", "20261123-partial", "--omdb-url", Omdb.BaseUrl.ToString(), "--json", .. lake.CliOptions]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var summary = JsonDocument.Parse(run.Stdout);
        var root = summary.RootElement;
        Assert.Equal(("partial", 5, 7, "partial"), (root.GetProperty("status").GetString(), root.GetProperty("fetched").GetInt32(),
            root.GetProperty("deferred").GetInt32(), root.GetProperty("qualityStatus").GetString()));
        Assert.Contains("OMDB_DAILY_LIMIT of 5 requests reached", root.GetProperty("deferReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, root.GetProperty("silverRows").GetInt32());

        var store = lake.Open();
        var events = await LakeRuns.NamesAsync(store, LakeContainers.Events, "2026/11/23/20261123-partial/");
        Assert.DoesNotContain(events, e => e.Contains(PipelineEventTypes.RunFailed, StringComparison.Ordinal));
        var finished = (await store.ReadJsonAsync(LakeContainers.Events, events.Single(e => e.Contains(PipelineEventTypes.RunCompleted, StringComparison.Ordinal)),
            PipelineJsonContext.Blobs.PipelineEvent))!;
        Assert.Equal(PipelineEventTypes.RunCompleted, finished.Type);
        Assert.Equal(7, finished.Counts!.Deferred);
        Assert.StartsWith("partial: 7 of 12 selected movies deferred", finished.Reason, StringComparison.Ordinal);

        var quality = await LakeRuns.QueryParquetAsync(store, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"),
            "select status, failure_reason, selected, fetched, failed from t where run_id = '20261123-partial'");
        Assert.Equal(("partial", (object?)null, 12, 5, 0), ((string)quality[0][0]!, quality[0][1], (int)quality[0][2]!, (int)quality[0][3]!, (int)quality[0][4]!));
    }

    private PipelineHarness Harness(IEnrichmentStateLake lake, IReadOnlyList<string> titles, TestClock clock, params (string Key, string Value)[] extra)
    {
        var settings = PipelineHarness.Settings(Folder.Combine("unused"), Omdb.BaseUrl, TestSource.Write(Folder.Path, titles));
        lake.Use(settings);
        settings.Remove("REFRESH_AFTER_DAYS");
        settings.Remove("NOT_FOUND_RETRY_DAYS");
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new PipelineHarness(settings, services => services.AddSingleton<TimeProvider>(clock));
    }
}

public sealed class FolderLakeDeferralTests : DeferralTests
{
    protected override Task<IEnrichmentStateLake> LakeAsync() => Task.FromResult<IEnrichmentStateLake>(new FolderStateLake(Folder.Combine("lake")));
}

[Collection(AzuriteEnrichmentStateCollection.Name)]
public sealed class BlobLakeDeferralTests(AzuriteFixture azurite) : DeferralTests
{
    protected override async Task<IEnrichmentStateLake> LakeAsync() => await BlobStateLake.EmptyAsync(azurite);
}
