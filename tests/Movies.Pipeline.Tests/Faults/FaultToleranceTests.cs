using System.Security.Cryptography;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Faults;

/// <summary>Runs under injected failure: a flaky OMDb, a storage outage. Nothing may be lost or duplicated.</summary>
public sealed class FaultToleranceTests : IAsyncLifetime
{
    private const string Key = "KEY-FAULTS-5e1d0b77";
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>20% 5xx, 10% 429 with Retry-After, 2% malformed JSON, 1% hangs past the timeout; the
    /// rest answer. The draw hashes the call number, so the mix is the same on every run.</summary>
    private static StandInAnswer? FlakyAnswer(int call)
    {
        var draw = BitConverter.ToUInt32(SHA256.HashData(BitConverter.GetBytes(call)), 0) % 100;
        return draw switch
        {
            < 20 => StandInAnswer.ServerError,
            < 30 => StandInAnswer.TooMany("1"),
            < 32 => StandInAnswer.Malformed,
            < 33 => StandInAnswer.Hang(TimeSpan.FromSeconds(30)),
            _ => null,
        };
    }

    private Dictionary<string, string?> Settings(int movies)
    {
        var settings = PipelineHarness.Settings(_folder.Combine("lake"), _omdb.BaseUrl, TestSource.Write(_folder.Path, TestSource.Titles(movies)), Key);
        settings["OMDB_TIMEOUT_SECONDS"] = "1";
        settings["OMDB_MAX_CONCURRENCY"] = "8";
        settings["MAX_PARALLEL_BATCHES"] = "4";
        return settings;
    }

    [Fact]
    public async Task Run_200MoviesOnFlakyOmdb_AllAccountedFetchedWithinRetryBudgetAndRerunWastesNoCall()
    {
        _omdb.Everyone = FlakyAnswer;
        using var harness = new PipelineHarness(Settings(200));

        var outcome = await harness.RunAsync("20261123-flaky", 200, 20);
        var lake = harness.Get<ILakeStore>();
        var manifest = await LakeRuns.ManifestAsync(lake, outcome.Manifest.ManifestBlob);

        Assert.Equal(200, manifest.Movies.Count);
        Assert.Equal(200, manifest.Movies.Select(m => m.MovieKey).Distinct().Count());
        Assert.All(manifest.Movies.Where(m => m.Outcome != MovieOutcomes.Fetched), m =>
        {
            Assert.Equal(MovieOutcomes.Failed, m.Outcome);
            Assert.Equal(4, m.Attempts);
            Assert.False(string.IsNullOrEmpty(m.Reason));
        });
        // A movie fails only when all 4 attempts draw a fault (33%): about 1.2%, so 2 or 3 of 200.
        Assert.InRange(manifest.Counts.Fetched, 188, 200);
        Assert.All(manifest.Movies, m => Assert.InRange(m.Attempts, 1, 4));
        Assert.Equal(_omdb.TotalCalls, manifest.Movies.Sum(m => m.Attempts));

        // The rerun calls OMDb only for the movies that are not in bronze.
        var failedTitles = manifest.Movies.Where(m => m.Outcome != MovieOutcomes.Fetched).Select(m => m.Title).ToHashSet();
        var callsBefore = TestSource.Titles(200).ToDictionary(t => t, _omdb.CallsFor);
        _omdb.Everyone = null;
        var rerun = await harness.RunAsync("20261123-flaky", 200, 20);

        Assert.Equal(200, rerun.Manifest.Counts.Fetched);
        foreach (var title in TestSource.Titles(200))
        {
            Assert.Equal(callsBefore[title] + (failedTitles.Contains(title) ? 1 : 0), _omdb.CallsFor(title));
        }
    }

    [Fact]
    public async Task Run_CancelledMidEnrichmentThenResumed_BronzeNotRefetchedSilverAndGoldIdenticalToUninterruptedRun()
    {
        const string runId = "20261123-cancelled";
        var titles = TestSource.Titles(20);
        var resumedSettings = Settings(20);
        resumedSettings["MAX_PARALLEL_BATCHES"] = "1";
        resumedSettings["OMDB_MAX_CONCURRENCY"] = "2";
        var uninterruptedSettings = new Dictionary<string, string?>(resumedSettings) { ["LAKE_PATH"] = _folder.Combine("lake-uninterrupted") };

        // Cancelled on the 9th lookup of 20: mid-enrichment, with some movies in bronze and some not.
        using var cancel = new CancellationTokenSource();
        _omdb.Everyone = call =>
        {
            if (call == 9)
            {
                cancel.Cancel();
            }

            return null;
        };
        using (var first = new PipelineHarness(resumedSettings))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(runId, 20, 5, cancel.Token));
        }

        _omdb.Everyone = null;
        using var resumed = new PipelineHarness(resumedSettings);
        var folder = BronzePaths.RunFolder(new DateOnly(2026, 11, 23), runId);
        var inBronze = await LakeRuns.MovieBlobsAsync(resumed.Get<ILakeStore>(), folder);
        Assert.InRange(inBronze.Count, 1, 19);
        var callsBefore = titles.ToDictionary(t => t, _omdb.CallsFor);

        var outcome = await resumed.RunAsync(runId, 20, 5);
        await resumed.Get<RunPromoter>().PromoteAsync(outcome.Manifest.ManifestBlob);

        Assert.True(outcome.Plan.Resumed);
        Assert.Equal(20, outcome.Manifest.Counts.Fetched);
        var manifest = (await resumed.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, outcome.Manifest.ManifestBlob, PipelineJsonContext.Blobs.RunManifest))!;
        foreach (var movie in manifest.Movies.Where(m => inBronze.Contains(m.Blob!)))
        {
            Assert.Equal(callsBefore[movie.Title], _omdb.CallsFor(movie.Title));
        }

        using var uninterrupted = new PipelineHarness(uninterruptedSettings);
        var reference = await uninterrupted.RunAsync(runId, 20, 5);
        await uninterrupted.Get<RunPromoter>().PromoteAsync(reference.Manifest.ManifestBlob);

        var silver = await HashesAsync(uninterrupted.Get<ILakeStore>(), LakeContainers.Silver);
        var gold = await HashesAsync(uninterrupted.Get<ILakeStore>(), LakeContainers.Gold);
        Assert.Contains($"{folder}/movies.parquet", silver.Keys);
        Assert.Contains(GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), gold.Keys);
        Assert.Contains(GoldPaths.HistoryManifest(folder), gold.Keys);
        Assert.Equal(silver, await HashesAsync(resumed.Get<ILakeStore>(), LakeContainers.Silver));
        Assert.Equal(gold, await HashesAsync(resumed.Get<ILakeStore>(), LakeContainers.Gold));
    }

    /// <summary>Every file of a container, by name, as its SHA-256.</summary>
    private static async Task<SortedDictionary<string, string>> HashesAsync(ILakeStore lake, string container)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var name in lake.GetNamesAsync(container, string.Empty))
        {
            hashes[name] = Convert.ToHexString(SHA256.HashData((await lake.DownloadAsync(container, name))!.ToArray()));
        }

        return hashes;
    }

    [Fact]
    public async Task Run_StorageStoppedMidRun_FailsCleanlyAndRerunCompletesWithNothingLostOrDuplicated()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var settings = Settings(40);
            settings.Remove("LAKE_PATH");
            settings["LakeStorage"] = azurite.ConnectionString;
            settings["BASE_DELAY_SECONDS"] = "0.05";
            settings["MAX_RETRIES"] = "1";
            settings["OMDB_MAX_CONCURRENCY"] = "2";
            _omdb.Everyone = call =>
            {
                if (call == 15)
                {
                    azurite.StopAsync().GetAwaiter().GetResult();
                }

                return null;
            };

            using (var first = new PipelineHarness(settings))
            {
                var error = await Record.ExceptionAsync(() => first.RunAsync("20261123-outage", 40, 5));
                Assert.NotNull(error);
                Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
            }

            _omdb.Everyone = null;
            await azurite.StartAsync();
            using var harness = new PipelineHarness(settings);
            var outcome = await harness.RunAsync("20261123-outage", 40, 5);

            var lake = harness.Get<ILakeStore>();
            var manifest = await LakeRuns.ManifestAsync(lake, outcome.Manifest.ManifestBlob);
            Assert.Equal(40, manifest.Counts.Fetched);
            var blobs = await LakeRuns.MovieBlobsAsync(lake, outcome.Plan.RunFolder);

            Assert.Equal(manifest.Movies.Select(m => m.Blob!).Order(StringComparer.Ordinal), blobs);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public void Run_LakePathIsAFile_RefusedAsBadSettingsBeforeAnyWork()
    {
        var settings = Settings(10);
        var file = _folder.Combine("not-a-folder");
        File.WriteAllText(file, "x");
        settings["LAKE_PATH"] = file;

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new PipelineHarness(settings));

        Assert.Contains("LAKE_PATH must be a folder, not a file", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _omdb.TotalCalls);
        Assert.Equal("x", File.ReadAllText(file));
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OmdbUnreachable_EveryMovieFailedWithReason()
    {
        var settings = Settings(6);
        settings["OMDB_BASE_URL"] = "http://127.0.0.1:9/";
        using var harness = new PipelineHarness(settings);

        var outcome = await harness.RunAsync("20261123-noomdb", 6, 3);

        Assert.Equal(new OutcomeCounts(0, 0, 6, 0), outcome.Manifest.Counts);
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }
}
