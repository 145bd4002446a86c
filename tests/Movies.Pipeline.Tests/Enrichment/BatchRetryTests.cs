using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Source;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>A batch step that fails after deciding its movies (here: its outcome write's answer is lost once) and is
/// retried, as Durable retries an activity: the retry looks up nothing again; a restart (a new attempt) tries the
/// failed again, but not what OMDb answered (found, not found).</summary>
public abstract class BatchRetryTests : IAsyncLifetime
{
    private const string Key = "KEY-BATCH-RETRY-0c1d";
    private readonly TempFolder _folder = new();
    private readonly string _runId = $"20261123-{Guid.NewGuid():N}"[..30];
    private OmdbStandIn _omdb = null!;

    protected abstract void UseLake(Dictionary<string, string?> settings, string folder);

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task EnrichAsync_RetriedAfterFailure_LooksNothingUpAgainAndSavesOnlyUnfetchedOutcomes()
    {
        var settings = PipelineHarness.Settings(_folder.Combine("lake"), _omdb.BaseUrl, TestSource.Write(_folder.Path, TestSource.Titles(10)), Key);
        UseLake(settings, _folder.Combine("lake"));
        using var harness = new PipelineHarness(settings);
        var startedAt = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
        var plan = await harness.Get<MovieSelector>().SelectAsync(new RunRequest(_runId, RunIds.DateOf(_runId, startedAt), startedAt, 5, 5, "a1"));
        var planned = (await harness.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(plan.RunFolder, 1), PipelineJsonContext.Blobs.BatchPlan))!.Movies;
        var notFound = planned[1].Title;
        var failing = planned[3].Title;
        _omdb.Script(notFound, StandInAnswer.NotFound);
        _omdb.Script(failing, StandInAnswer.ServerError);

        var counting = new CountingLakeStore(harness.Get<ILakeStore>());
        var lake = new FailOnceLakeStore(counting, name => name.EndsWith(".outcome.json", StringComparison.Ordinal));
        var enricher = new BatchEnricher(lake, harness.Get<OmdbClient>(), new RunStopSignals(TimeProvider.System), harness.Get<IOptions<OmdbClientOptions>>(), NullLogger<BatchEnricher>.Instance);
        var work = new BatchWork(_runId, plan.RunFolder, 1, "a1");

        await Assert.ThrowsAsync<IOException>(() => enricher.EnrichAsync(work));
        var callsAfterFailure = _omdb.TotalCalls;
        // 3 found (1 call each), 1 not found (1 call), 1 failed (MAX_RETRIES 3: 4 calls).
        Assert.Equal(8, callsAfterFailure);
        // The first try's storage: the plan read and the claim (its conditional rewrite), a bronze write per fetched movie,
        // a saved outcome per unfetched movie, the batch outcome write; nothing read per movie and no listing, since the
        // plan was never claimed. Then, failing, it gives the claim up: one more read and write.
        Assert.Equal((1 + 1, 1 + 3 + 2 + 1 + 1, 0), (counting.Reads, counting.Writes, counting.Lists));
        var saved = await LakeRuns.NamesAsync(harness.Get<ILakeStore>(), LakeContainers.Bronze, BronzePaths.DecidedOutcomes(plan.RunFolder, 1, "a1"));
        Assert.Equal(2, saved.Count);

        var retried = await enricher.EnrichAsync(work);

        Assert.Equal(callsAfterFailure, _omdb.TotalCalls);
        Assert.Equal(new OutcomeCounts(3, 1, 1, 0), retried.Counts);
        var outcome = (await harness.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(plan.RunFolder, 1), PipelineJsonContext.Blobs.BatchOutcome))!;
        Assert.Equal(planned.Select(m => m.MovieKey), outcome.Movies.Select(m => m.MovieKey));
        Assert.Equal((MovieOutcomes.Failed, 4), outcome.Movies.Single(m => m.Title == failing) is var f ? (f.Outcome, f.Attempts) : default);
        Assert.Equal(MovieOutcomes.NotFound, outcome.Movies.Single(m => m.Title == notFound).Outcome);

        // A restart is a new attempt: the failed movie is tried again (and recovers); the found and the not found are answers.
        _omdb.Script(failing, StandInAnswer.Found(failing));
        var restarted = await enricher.EnrichAsync(work with { Attempt = "a2" });

        Assert.Equal(new OutcomeCounts(4, 1, 0, 0), restarted.Counts);
        Assert.Equal(callsAfterFailure + 1, _omdb.TotalCalls);
        Assert.Equal(1, _omdb.CallsFor(notFound));
    }

    /// <summary>Fails the first upload whose name matches, after the fact (as a lost acknowledgement would).</summary>
    private sealed class FailOnceLakeStore(ILakeStore inner, Func<string, bool> fails) : DelegatingLakeStore(inner)
    {
        private int _failed;

        public override async Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
        {
            var written = await base.UploadAsync(container, name, content, overwrite, cancellationToken);
            return fails(name) && Interlocked.Exchange(ref _failed, 1) == 0 ? throw new IOException("injected: the write's answer was lost") : written;
        }
    }
}

public sealed class FolderLakeBatchRetryTests : BatchRetryTests
{
    protected override void UseLake(Dictionary<string, string?> settings, string folder) => settings["LAKE_PATH"] = folder;
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeBatchRetryTests(AzuriteFixture azurite) : BatchRetryTests
{
    protected override void UseLake(Dictionary<string, string?> settings, string folder)
    {
        settings.Remove("LAKE_PATH");
        settings["LakeStorage"] = azurite.ConnectionString;
    }
}
