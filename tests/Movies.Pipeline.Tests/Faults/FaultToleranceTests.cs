using System.Security.Cryptography;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

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
        var manifest = (await lake.ReadJsonAsync(LakeContainers.Bronze, outcome.Manifest.ManifestBlob, PipelineJsonContext.Blobs.RunManifest))!;

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
            var manifest = (await lake.ReadJsonAsync(LakeContainers.Bronze, outcome.Manifest.ManifestBlob, PipelineJsonContext.Blobs.RunManifest))!;
            Assert.Equal(40, manifest.Counts.Fetched);
            var blobs = new List<string>();
            await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, outcome.Plan.RunFolder + "/"))
            {
                if (!name[(outcome.Plan.RunFolder.Length + 1)..].StartsWith('_'))
                {
                    blobs.Add(name);
                }
            }

            Assert.Equal(manifest.Movies.Select(m => m.Blob!).Order(StringComparer.Ordinal), blobs);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Run_LakePathIsAFile_ClearErrorNothingElseTouched()
    {
        var settings = Settings(10);
        var file = _folder.Combine("not-a-folder");
        File.WriteAllText(file, "x");
        settings["LAKE_PATH"] = file;
        using var harness = new PipelineHarness(settings);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => harness.RunAsync("20261123-badlake", 10, 5));

        Assert.Equal(0, _omdb.TotalCalls);
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
