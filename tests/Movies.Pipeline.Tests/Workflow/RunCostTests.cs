using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>What a whole run costs in storage operations per movie (select, enrich, manifest, silver, gold, report),
/// counted as blob storage bills them (leases included), at the default BATCH_SIZE 5 with the answer cache on. The
/// marginal cost of a movie is pinned: a bronze write and silver's read of it, plus per batch of 5 the plan's write and
/// read, the claim, the outcome's write and read, so 3 per movie; a second run with nothing stale costs silver's read
/// alone. A change that adds an operation per movie or per batch fails here.</summary>
public abstract class RunCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;

    protected TempFolder Folder => _folder;

    protected abstract Task<IEnrichmentStateLake> LakeAsync(string name);

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_200Then400Movies_ThreeOperationsPerMovieAndAtMostThreeAndAHalfInAll()
    {
        var (small, smallNextDay) = await CostAsync(200, "small");
        var (large, largeNextDay) = await CostAsync(400, "large");

        var marginal = (large - small) / 200.0;
        var nextDayMarginal = (largeNextDay - smallNextDay) / 200.0;
        output.WriteLine($"{GetType().Name}: 200 movies {small} operations ({small / 200.0:0.000} per movie), 400 movies {large} ({large / 400.0:0.000}); " +
            $"marginal {marginal:0.000} per movie; next day {smallNextDay} and {largeNextDay}, marginal {nextDayMarginal:0.000}");
        // Exact but for lease and claim renewals, one per 10 s held, which a very busy machine may add to either run.
        Assert.InRange(marginal, 2.95, 3.05);
        Assert.True(large / 400.0 <= 3.5, $"{large / 400.0:0.000} operations per movie at 400");
        Assert.InRange(nextDayMarginal, 0.95, 1.05);
    }

    /// <summary>A first run of <paramref name="movies"/> on a fresh lake and a second over the same catalogue the next
    /// day (all cached): the storage operations of each, through promotion.</summary>
    private async Task<(long First, long NextDay)> CostAsync(int movies, string name)
    {
        var lake = await LakeAsync(name);
        var settings = PipelineHarness.Settings(_folder.Combine("unused"), _omdb.BaseUrl, TestSource.Write(_folder.Path, TestSource.Titles(movies)));
        lake.Use(settings);
        settings.Remove("REFRESH_AFTER_DAYS");
        settings.Remove("NOT_FOUND_RETRY_DAYS");
        var clock = new TestClock(Day1);
        CountingLakeStore? counting = null;
        using var harness = new PipelineHarness(settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            var original = services.Last(d => d.ServiceType == typeof(ILakeStore));
            services.Remove(original);
            services.AddSingleton<ILakeStore>(sp => counting = new CountingLakeStore((ILakeStore)original.ImplementationFactory!(sp)));
        });

        var first = await RunAndPromoteAsync(harness, $"20261123-cost-{name}", movies, Day1);
        var afterFirst = counting!.Total;
        clock.Now = Day1.AddDays(1);
        var next = await RunAndPromoteAsync(harness, $"20261124-cost-{name}", movies, clock.Now);
        Assert.Equal((movies, movies), (first.Manifest.Counts.Fetched, next.Manifest.Counts.Cached));
        return (afterFirst, counting.Total - afterFirst);
    }

    private static async Task<RunOutcome> RunAndPromoteAsync(PipelineHarness harness, string runId, int movies, DateTimeOffset startedAt)
    {
        var outcome = await harness.RunAsync(runId, movies, 5, startedAt);
        await harness.Get<RunPromoter>().PromoteAsync(outcome.Manifest.ManifestBlob);
        return outcome;
    }
}

public sealed class FolderLakeRunCostTests(ITestOutputHelper output) : RunCostTests(output)
{
    protected override Task<IEnrichmentStateLake> LakeAsync(string name) => Task.FromResult<IEnrichmentStateLake>(new FolderStateLake(Folder.Combine(name)));
}

[Collection(AzuriteEnrichmentStateCollection.Name)]
public sealed class BlobLakeRunCostTests(AzuriteFixture azurite, ITestOutputHelper output) : RunCostTests(output)
{
    protected override async Task<IEnrichmentStateLake> LakeAsync(string name) => await BlobStateLake.EmptyAsync(azurite);
}
