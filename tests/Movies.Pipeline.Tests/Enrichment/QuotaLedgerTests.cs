using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>The daily quota ledger on a real lake: many takers at once, each with its own client as separate
/// processes have, never get more than OMDB_DAILY_LIMIT in a UTC day; and whole `movies run` processes at once never
/// send more requests than the limit.</summary>
public abstract class QuotaLedgerTests(ITestOutputHelper output) : EnrichmentStateTests
{
    [Fact]
    public async Task TryTake_FourProcessesEightTakersEachAtOnce_ExactlyTheLimitGranted()
    {
        const int Limit = 57;
        var lake = await LakeAsync();
        var clock = new TestClock(Day1);
        var options = Options.Create(new OmdbClientOptions { DailyLimit = Limit, QuotaBlock = 4 });
        var quotas = Enumerable.Range(0, 4).Select(_ => new OmdbQuota(lake.Open(), clock, options, NullLogger<OmdbQuota>.Instance)).ToList();
        var granted = 0;
        var refused = new List<string>();

        await Task.WhenAll(quotas.SelectMany(q => Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                if (await q.TryTakeAsync() is { } reason)
                {
                    lock (refused)
                    {
                        refused.Add(reason);
                    }
                }
                else
                {
                    Interlocked.Increment(ref granted);
                }
            }
        }))));

        Assert.Equal(Limit, granted);
        Assert.Equal(4 * 8 * 10 - Limit, refused.Count);
        Assert.All(refused, r => Assert.Equal("OMDB_DAILY_LIMIT of 57 requests reached for 2026-11-23 (UTC)", r));
        Assert.Equal(Limit, (await LedgerAsync(lake, Day1)).Reserved);
        quotas.ForEach(q => q.Dispose());
    }

    [Fact]
    public async Task TryTake_BlocksLeftUnused_GivenBackAndTheNextDayStartsAfresh()
    {
        var lake = await LakeAsync();
        var clock = new TestClock(Day1);
        var options = Options.Create(new OmdbClientOptions { DailyLimit = 10, QuotaBlock = 4 });
        using var first = new OmdbQuota(lake.Open(), clock, options, NullLogger<OmdbQuota>.Instance);
        using var second = new OmdbQuota(lake.Open(), clock, options, NullLogger<OmdbQuota>.Instance);

        Assert.Null(await first.TryTakeAsync());
        Assert.Null(await second.TryTakeAsync());
        Assert.Equal(8, (await LedgerAsync(lake, Day1)).Reserved);
        await first.ReturnUnusedAsync();
        Assert.Equal(5, (await LedgerAsync(lake, Day1)).Reserved);

        // The second process may now take what the first gave back, up to the limit, and no more.
        var taken = 1;
        while (await second.TryTakeAsync() is null)
        {
            taken++;
        }

        Assert.Equal(9, taken);
        Assert.Equal(10, (await LedgerAsync(lake, Day1)).Reserved);

        clock.Now = Day1.AddDays(1);
        Assert.Null(await second.TryTakeAsync());
        Assert.Equal(4, (await LedgerAsync(lake, Day1.AddDays(1))).Reserved);
    }

    [Fact]
    public async Task CloseDay_OmdbSaysLimitReached_EveryOtherProcessStopsTooUntilTheNextDay()
    {
        var lake = await LakeAsync();
        var clock = new TestClock(Day1);
        var options = Options.Create(new OmdbClientOptions { DailyLimit = 1000, QuotaBlock = 1 });
        using var first = new OmdbQuota(lake.Open(), clock, options, NullLogger<OmdbQuota>.Instance);
        using var other = new OmdbQuota(lake.Open(), clock, options, NullLogger<OmdbQuota>.Instance);

        await first.CloseDayAsync("Request limit reached!");

        Assert.Contains("Request limit reached!", await other.TryTakeAsync(), StringComparison.Ordinal);
        clock.Now = Day1.AddDays(1);
        Assert.Null(await other.TryTakeAsync());
    }

    [Fact]
    public async Task Run_ThreeProcessesAtOnceOverTheLimit_NoMoreRequestsThanTheLimitAllPartial()
    {
        const int Limit = 17;
        var lake = await LakeAsync();
        var source = TestSource.Write(Folder.Path, TestSource.Titles(30));
        var environment = new Dictionary<string, string>
        {
            ["OMDB_API_KEY"] = "quota-test-key",
            ["BASE_DELAY_SECONDS"] = "0.01",
            ["OMDB_DAILY_LIMIT"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMDB_QUOTA_BLOCK"] = "2",
            ["REFRESH_AFTER_DAYS"] = "0",
        };
        Omdb.Latency = TimeSpan.FromMilliseconds(20);

        var runs = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => MoviesCli.RunAsync(environment,
            ["run", "--source", source, "--top-n", "20", "--batch-size", "5", "--run-id", $"20261123-quota{i}", "--omdb-url", Omdb.BaseUrl.ToString(), "--json", .. lake.CliOptions])));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var summaries = runs.Select(r => JsonDocument.Parse(r.Stdout).RootElement).ToList();
        Assert.All(summaries, s => Assert.Equal("partial", s.GetProperty("status").GetString()));
        var fetched = summaries.Sum(s => s.GetProperty("fetched").GetInt32());
        output.WriteLine($"{GetType().Name}: 3 runs of 20 at once, limit {Limit}: {Omdb.TotalCalls} requests, {fetched} fetched");
        Assert.InRange(Omdb.TotalCalls, 1, Limit);
        Assert.Equal(Omdb.TotalCalls, fetched);
        Assert.Equal(60, summaries.Sum(s => s.GetProperty("fetched").GetInt32() + s.GetProperty("deferred").GetInt32()));
    }

    [Fact]
    public async Task Manifest_AnotherRunOfTheProcessStillLookingUp_BlockStaysUntilThatRunEnds()
    {
        // One process, two runs: B's first three lookups are held in flight while A runs from start to manifest.
        var lake = await LakeAsync();
        var settings = PipelineHarness.Settings(Folder.Combine("unused"), Omdb.BaseUrl, TestSource.Write(Folder.Path, TestSource.Titles(6)));
        lake.Use(settings);
        settings["OMDB_DAILY_LIMIT"] = "100";
        settings["OMDB_QUOTA_BLOCK"] = "10";
        settings["MAX_PARALLEL_BATCHES"] = "1";
        using var harness = new PipelineHarness(settings, s => s.AddSingleton<TimeProvider>(new TestClock(Day1)));
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldCalls = 0;
        Omdb.BeforeAnswer = async (call, _) =>
        {
            if (call <= 3)
            {
                Interlocked.Increment(ref heldCalls);
                await held.Task;
            }
        };

        try
        {
            var runB = harness.RunAsync("20261123-quota-b", topN: 6, batchSize: 3, Day1);
            await WaitUntilAsync(() => Volatile.Read(ref heldCalls) == 3);
            var runA = await harness.RunAsync("20261123-quota-a", topN: 3, batchSize: 3, Day1).WaitAsync(TimeSpan.FromMinutes(1));

            Assert.True(runA.Succeeded);
            Assert.Equal(10, (await LedgerAsync(lake, Day1)).Reserved);
            held.SetResult();
            var outcomeB = await runB.WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(6, outcomeB.Manifest.Counts.Fetched);
            Assert.Equal(9, Omdb.TotalCalls);
            Assert.Equal(9, (await LedgerAsync(lake, Day1)).Reserved);
        }
        finally
        {
            held.TrySetResult();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            Assert.True(waited < TimeSpan.FromMinutes(1), "timed out waiting");
            await Task.Delay(20);
        }
    }

    private static async Task<QuotaDay> LedgerAsync(IEnrichmentStateLake lake, DateTimeOffset day)
        => (await lake.Open().ReadJsonAsync(LakeContainers.Bronze, EnrichmentPaths.Quota(DateOnly.FromDateTime(day.UtcDateTime)), PipelineJsonContext.Blobs.QuotaDay))!;
}

public sealed class FolderLakeQuotaLedgerTests(ITestOutputHelper output) : QuotaLedgerTests(output)
{
    protected override Task<IEnrichmentStateLake> LakeAsync() => Task.FromResult<IEnrichmentStateLake>(new FolderStateLake(Folder.Combine("lake")));
}

[Collection(AzuriteEnrichmentStateCollection.Name)]
public sealed class BlobLakeQuotaLedgerTests(AzuriteFixture azurite, ITestOutputHelper output) : QuotaLedgerTests(output)
{
    protected override async Task<IEnrichmentStateLake> LakeAsync() => await BlobStateLake.EmptyAsync(azurite);
}
