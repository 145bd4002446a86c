using System.Diagnostics;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>Two processes of one run id at once (a rerun while the first still runs, a redelivered start): one
/// plan, every movie once in the manifest, and no movie looked up on OMDb by both.</summary>
public abstract class RunClaimTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TopN = 14;
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;

    protected string Folder => _folder.Path;

    /// <summary>The CLI options of the lake for trial <paramref name="trial"/> (a fresh lake each).</summary>
    protected abstract Task<string[]> LakeAsync(int trial);

    protected abstract Task<ILakeStore> OpenLakeAsync(int trial);

    /// <summary>Points engine settings at the lake of trial <paramref name="trial"/>.</summary>
    protected abstract void UseLake(Dictionary<string, string?> settings, int trial);

    public async Task InitializeAsync()
    {
        _omdb = await OmdbStandIn.StartAsync();
        _omdb.Latency = TimeSpan.FromMilliseconds(100);
    }

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_TwoProcessesSameRunIdOtherBatchSize_OnePlanLoserExitsTwoEveryMovieOnce()
    {
        const int Trials = 3;
        var source = TestSource.Write(_folder.Path, TestSource.Titles(20));
        var broken = 0;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await LakeAsync(trial);
            var runId = $"20261123-claim{trial}";
            var results = await Task.WhenAll(
                RunAsync(source, runId, batchSize: 5, lake),
                RunAsync(source, runId, batchSize: 7, lake));

            var manifest = await ManifestAsync(await OpenLakeAsync(trial), runId);
            var keys = manifest.Movies.Select(m => m.MovieKey).ToList();
            broken += keys.Count == TopN && keys.Distinct().Count() == TopN ? 0 : 1;
            Assert.Equal(TestSource.Titles(TopN), manifest.Movies.Select(m => m.Title));
            Assert.Equal(TopN, manifest.Counts.Fetched);
            var winner = Assert.Single(results, r => r.ExitCode == 0);
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.True(loser.ExitCode == 2, loser.Stderr);
            Assert.Contains($"Run {runId} already exists with TOP_N {TopN} and BATCH_SIZE {manifest.BatchSize}", loser.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", loser.Stderr, StringComparison.Ordinal);
            Assert.Equal(manifest.BatchSize == 5 ? 3 : 2, manifest.Batches);
            _ = winner;
        }

        output.WriteLine($"{GetType().Name}: {Trials} trials of 2 concurrent `movies run` (batch sizes 5 and 7), {broken} manifests with movies dropped or duplicated");
    }

    [Fact]
    public async Task Run_TwoProcessesSameRunIdSameSettings_BothSucceedAndNoMovieLookedUpTwice()
    {
        const int Trials = 2;
        var source = TestSource.Write(_folder.Path, TestSource.Titles(20));
        var doubled = 0;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await LakeAsync(10 + trial);
            var runId = $"20261123-twice{trial}";
            var callsBefore = TestSource.Titles(TopN).ToDictionary(t => t, _omdb.CallsFor);

            var results = await Task.WhenAll(RunAsync(source, runId, batchSize: 5, lake), RunAsync(source, runId, batchSize: 5, lake));

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
            var manifest = await ManifestAsync(await OpenLakeAsync(10 + trial), runId);
            Assert.Equal(TestSource.Titles(TopN), manifest.Movies.Select(m => m.Title));
            Assert.Equal(TopN, manifest.Counts.Fetched);
            var calls = TestSource.Titles(TopN).Select(t => _omdb.CallsFor(t) - callsBefore[t]).ToList();
            doubled += calls.Count(c => c > 1);
            Assert.All(calls, c => Assert.Equal(1, c));
        }

        output.WriteLine($"{GetType().Name}: {Trials} trials of 2 concurrent `movies run` with the same settings, {doubled} movies looked up twice");
    }

    [Fact]
    public async Task RunAsync_ThreeRunnersOfOneRunIdAtOnce_OnePlanEveryMovieOnceNoDoubleLookup()
    {
        const int Trials = 8;
        var source = TestSource.Write(_folder.Path, TestSource.Titles(20));
        var broken = 0;
        var doubled = 0;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var settings = PipelineHarness.Settings(Path.Combine(Folder, "unused"), _omdb.BaseUrl, source);
            await LakeAsync(100 + trial);
            UseLake(settings, 100 + trial);
            var runId = $"20261123-tasks{trial}";
            var callsBefore = TestSource.Titles(TopN).ToDictionary(t => t, _omdb.CallsFor);
            var harnesses = Enumerable.Range(0, 3).Select(_ => new PipelineHarness(settings)).ToList();
            try
            {
                // Two ask for batches of 5, one for 7: the 7 is refused if a 5 planned first, and the other way round.
                var runs = harnesses.Select((h, i) => Task.Run(() => h.RunAsync(runId, TopN, i == 2 ? 7 : 5))).ToList();
                await Task.WhenAll(runs).ContinueWith(_ => { }, TaskScheduler.Default);

                var manifest = await ManifestAsync(await OpenLakeAsync(100 + trial), runId);
                var keys = manifest.Movies.Select(m => m.MovieKey).ToList();
                broken += keys.Count == TopN && keys.Distinct().Count() == TopN ? 0 : 1;
                Assert.Equal(TestSource.Titles(TopN), manifest.Movies.Select(m => m.Title));
                Assert.Equal(TopN, manifest.Counts.Fetched);
                Assert.All(runs.Where(r => r.IsFaulted), r => Assert.IsType<PipelineInputException>(r.Exception!.InnerException));
                Assert.Equal(manifest.BatchSize == 5 ? 1 : 2, runs.Count(r => r.IsFaulted));
                var calls = TestSource.Titles(TopN).Select(t => _omdb.CallsFor(t) - callsBefore[t]).ToList();
                doubled += calls.Count(c => c > 1);
                Assert.All(calls, c => Assert.Equal(1, c));
            }
            finally
            {
                harnesses.ForEach(h => h.Dispose());
            }
        }

        output.WriteLine($"{GetType().Name}: {Trials} trials of 3 concurrent runners of one run id (batch sizes 5, 5, 7), {broken} manifests broken, {doubled} movies looked up twice");
    }

    [Fact]
    public async Task Run_HolderKilledMidBatch_ResumeFinishesWithinTheLeaseTime()
    {
        var source = TestSource.Write(_folder.Path, TestSource.Titles(20));
        var lake = await LakeAsync(20);
        const string RunId = "20261123-killed";
        _omdb.Latency = TimeSpan.FromSeconds(3);
        var first = Start(source, RunId, 5, lake);
        var deadline = Stopwatch.StartNew();
        while (_omdb.TotalCalls == 0 && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(50);
        }

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        _omdb.Latency = TimeSpan.Zero;

        var clock = Stopwatch.StartNew();
        var resumed = await RunAsync(source, RunId, batchSize: 5, [.. lake, "--log-level", "Information"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(TopN, (await ManifestAsync(await OpenLakeAsync(20), RunId)).Counts.Fetched);
        output.WriteLine($"{GetType().Name}: resume after a killed holder took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the resume waited {clock.Elapsed}");
        if (ClaimsFreedAtOnce)
        {
            // The killed holder's batch claims were OS locks, gone with it: no claim was waited for.
            Assert.DoesNotContain("waiting for it to finish or its claim to lapse", resumed.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>A dead process's batch claims are free at once (the folder lake's OS locks), not after their claim time.</summary>
    protected virtual bool ClaimsFreedAtOnce => false;

    private Task<MoviesCli.Result> RunAsync(string source, string runId, int batchSize, string[] lake)
        => MoviesCli.RunAsync(Environment(), ["run", "--source", source, "--top-n", TopN.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run-id", runId, "--omdb-url", _omdb.BaseUrl.ToString(), "--json", .. lake]);

    private Process Start(string source, string runId, int batchSize, string[] lake)
        => MoviesCli.Start(Environment(), ["run", "--source", source, "--top-n", TopN.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run-id", runId, "--omdb-url", _omdb.BaseUrl.ToString(), .. lake]);

    private static Dictionary<string, string> Environment() => new() { ["OMDB_API_KEY"] = "claim-test-key", ["BASE_DELAY_SECONDS"] = "0.01", ["OMDB_MAX_CONCURRENCY"] = "4" };

    private static async Task<RunManifest> ManifestAsync(ILakeStore lake, string runId)
        => (await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.Manifest(BronzePaths.RunFolder(new DateOnly(2026, 11, 23), runId)), PipelineJsonContext.Blobs.RunManifest))!;
}

public sealed class FolderLakeRunClaimTests(ITestOutputHelper output) : RunClaimTests(output)
{
    protected override bool ClaimsFreedAtOnce => true;

    protected override Task<string[]> LakeAsync(int trial) => Task.FromResult<string[]>(["--lake", Path.Combine(Folder, $"lake{trial}")]);

    protected override Task<ILakeStore> OpenLakeAsync(int trial) => Task.FromResult<ILakeStore>(new FileSystemLakeStore(Path.Combine(Folder, $"lake{trial}")));

    protected override void UseLake(Dictionary<string, string?> settings, int trial) => settings["LAKE_PATH"] = Path.Combine(Folder, $"lake{trial}");
}

[Collection(AzuriteClaimCollection.Name)]
public sealed class BlobLakeRunClaimTests(AzuriteFixture azurite, ITestOutputHelper output) : RunClaimTests(output)
{
    protected override async Task<string[]> LakeAsync(int trial)
    {
        await LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
        return ["--connection", azurite.ConnectionString];
    }

    protected override Task<ILakeStore> OpenLakeAsync(int trial) => Task.FromResult<ILakeStore>(new BlobLakeStore(azurite.CreateServiceClient()));

    protected override void UseLake(Dictionary<string, string?> settings, int trial)
    {
        settings.Remove("LAKE_PATH");
        settings["LakeStorage"] = azurite.ConnectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteClaimCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite run claims";
}
