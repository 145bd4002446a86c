using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Source;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>Whole runs from source to bronze: the real engine, a local HTTP OMDb, and a real lake.</summary>
public abstract class RunTests : IAsyncLifetime
{
    private const string Key = "KEY-RECOGNISABLE-7f3a9c";
    private readonly TempFolder _folder = new();
    private readonly string _runId = $"20261123-{Guid.NewGuid():N}"[..30];
    private IReadOnlyList<string> _titles = TestSource.Titles(30);
    private OmdbStandIn _omdb = null!;

    protected abstract void UseLake(Dictionary<string, string?> settings, string folder);

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    private PipelineHarness Harness(params (string Key, string Value)[] extra)
    {
        var settings = PipelineHarness.Settings(_folder.Combine("lake"), _omdb.BaseUrl, TestSource.Write(_folder.Path, _titles), Key);
        UseLake(settings, _folder.Combine("lake"));
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new PipelineHarness(settings);
    }

    [Fact]
    public async Task Run_20By5WithMixedAnswers_FourBatchesEveryMovieAccountedForOneBlobPerFetched()
    {
        _omdb.Script("Film 003", StandInAnswer.NotFound);
        _omdb.Script("Film 007", StandInAnswer.ServerError);
        _omdb.Script("Film 010", StandInAnswer.ServerError, StandInAnswer.Found("Film 010", 1998));
        using var harness = Harness();

        var outcome = await harness.RunAsync(_runId, topN: 20, batchSize: 5);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.True(outcome.Succeeded);
        Assert.Equal((20, 5, 4), (manifest.TopN, manifest.BatchSize, manifest.Batches));
        Assert.Equal(_titles.Take(20), manifest.Movies.Select(m => m.Title));
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4], manifest.Movies.Select(m => m.Batch));
        Assert.Equal(new OutcomeCounts(18, 1, 1, 0), manifest.Counts);
        Assert.All(manifest.Movies.Where(m => m.Outcome != MovieOutcomes.Fetched), m => Assert.False(string.IsNullOrEmpty(m.Reason)));
        Assert.Equal("Movie not found!", manifest.Movies.Single(m => m.Title == "Film 003").Reason);
        Assert.Equal((MovieOutcomes.Failed, 4), manifest.Movies.Single(m => m.Title == "Film 007") is var f ? (f.Outcome, f.Attempts) : default);

        var blobs = await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), outcome.Plan.RunFolder);
        Assert.Equal(manifest.Movies.Where(m => m.Outcome == MovieOutcomes.Fetched).Select(m => m.Blob).Order(StringComparer.Ordinal), blobs);
        Assert.StartsWith("2026/11/23/" + _runId + "/", blobs[0], StringComparison.Ordinal);

        var retried = manifest.Movies.Single(m => m.Title == "Film 010");
        var record = (await harness.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, retried.Blob!, PipelineJsonContext.Blobs.BronzeRecord))!;
        Assert.Equal((2, 2), (record.Attempts, retried.Attempts));
        Assert.Equal(StandInAnswer.Found("Film 010", 1998).Body, record.Omdb);
        Assert.Equal("Film 010", JsonDocument.Parse(record.Source).RootElement.GetProperty("Title").GetString());
        Assert.Equal("?t=Film%20010&y=1998&type=movie", record.Request.Query);
    }

    [Fact]
    public async Task Run_InvalidKey_StopsCallingAndAccountsForEveryMovie()
    {
        _omdb.Everyone = _ => StandInAnswer.InvalidKey;
        using var harness = Harness(("MAX_PARALLEL_BATCHES", "1"), ("OMDB_MAX_CONCURRENCY", "2"));

        var outcome = await harness.RunAsync(_runId, topN: 20, batchSize: 5);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.False(outcome.Succeeded);
        Assert.Equal("Invalid API key!", outcome.FatalReason);
        Assert.Equal("Invalid API key!", manifest.FatalReason);
        Assert.Equal(20, manifest.Movies.Count);
        Assert.All(manifest.Movies, m => Assert.Equal(MovieOutcomes.Skipped, m.Outcome));
        Assert.All(manifest.Movies, m => Assert.Contains("Invalid API key!", m.Reason, StringComparison.Ordinal));
        // At most the calls already in flight when the first answer came back.
        Assert.InRange(_omdb.TotalCalls, 1, 2);
        Assert.Empty(await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), outcome.Plan.RunFolder));
    }

    [Fact]
    public async Task Run_RestartedInTheSameProcessAfterInvalidKey_NextAttemptLooksUpTheRestOnce()
    {
        // A warm worker: attempt 1 met "Invalid API key!" at Film 003 (a key rotated meanwhile); the restart (attempt 2)
        // in the same process must not inherit that stop, and must not look up what attempt 1 fetched.
        _omdb.Script("Film 003", StandInAnswer.InvalidKey, StandInAnswer.Found("Film 003", 1998));
        using var harness = Harness(("MAX_PARALLEL_BATCHES", "1"), ("OMDB_MAX_CONCURRENCY", "1"));

        var first = await harness.RunAsync(_runId, topN: 10, batchSize: 5);
        var second = await harness.RunAsync(_runId, topN: 10, batchSize: 5);

        Assert.Equal("Invalid API key!", first.FatalReason);
        Assert.Equal(2, first.Manifest.Counts.Fetched);
        Assert.True(second.Succeeded, second.FatalReason);
        Assert.Equal(new OutcomeCounts(10, 0, 0, 0), second.Manifest.Counts);
        Assert.All(_titles.Take(10), t => Assert.Equal(t == "Film 003" ? 2 : 1, _omdb.CallsFor(t)));
        Assert.Equal(10, (await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), second.Plan.RunFolder)).Count);
    }

    [Fact]
    public async Task Run_FatalAnswerWhileCallsAreQueued_NoRequestSentAfterIt()
    {
        // 4 batches at once, 5 movies each, 4 calls in flight: 12 lookups wait in the queue when the first answer comes.
        _omdb.Latency = TimeSpan.FromMilliseconds(300);
        _omdb.Everyone = _ => StandInAnswer.InvalidKey;
        using var harness = Harness(("MAX_PARALLEL_BATCHES", "4"), ("OMDB_MAX_CONCURRENCY", "4"));

        var outcome = await harness.RunAsync(_runId, topN: 20, batchSize: 5);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.Equal("Invalid API key!", outcome.FatalReason);
        Assert.Equal(20, manifest.Counts.Skipped);
        Assert.All(manifest.Movies, m => Assert.Contains("Invalid API key!", m.Reason, StringComparison.Ordinal));
        // Only the calls already sent when the first answer came back: at most the 4 in flight.
        Assert.InRange(_omdb.TotalCalls, 1, 4);
    }

    [Fact]
    public async Task Run_RetryAfterOfAnHour_RunStopsAtOnceAsOnAQuotaAnswer()
    {
        _omdb.Everyone = _ => StandInAnswer.TooMany("3600");
        using var harness = Harness(("MAX_PARALLEL_BATCHES", "1"), ("OMDB_MAX_CONCURRENCY", "1"));

        var outcome = await harness.RunAsync(_runId, topN: 10, batchSize: 5).WaitAsync(TimeSpan.FromMinutes(1));
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.Contains("Retry-After", outcome.FatalReason, StringComparison.Ordinal);
        Assert.Equal(10, manifest.Counts.Skipped);
        Assert.Equal(1, _omdb.TotalCalls);
    }

    [Fact]
    public async Task Run_OneAnswerOverTheBodyCap_ThatMovieFailedWithReasonNotInBronze()
    {
        _omdb.Script("Film 002", StandInAnswer.Huge("Film 002", 2 * 1024 * 1024));
        using var harness = Harness(("OMDB_MAX_BODY_BYTES", "65536"));

        var outcome = await harness.RunAsync(_runId, topN: 4, batchSize: 2);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        var huge = manifest.Movies.Single(m => m.Title == "Film 002");
        Assert.Equal(MovieOutcomes.Failed, huge.Outcome);
        Assert.Contains("larger than OMDB_MAX_BODY_BYTES (65536 bytes)", huge.Reason, StringComparison.Ordinal);
        Assert.Equal(new OutcomeCounts(3, 0, 1, 0), manifest.Counts);
        Assert.Equal(3, (await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), outcome.Plan.RunFolder)).Count);
    }

    [Fact]
    public async Task Run_InterruptedThenResumedWithSameId_RefetchesNothingAlreadyInBronze()
    {
        using var cancel = new CancellationTokenSource();
        _omdb.Everyone = call =>
        {
            if (call == 9)
            {
                cancel.Cancel();
            }

            return null;
        };
        using (var first = Harness(("MAX_PARALLEL_BATCHES", "1"), ("OMDB_MAX_CONCURRENCY", "2")))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(_runId, 20, 5, cancel.Token));
        }

        _omdb.Everyone = null;
        using var harness = Harness();
        var folder = BronzePaths.RunFolder(new DateOnly(2026, 11, 23), _runId);
        var inBronze = await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), folder);
        var callsBefore = _titles.ToDictionary(t => t, _omdb.CallsFor);
        Assert.InRange(inBronze.Count, 1, 19);

        var outcome = await harness.RunAsync(_runId, 20, 5);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.True(outcome.Plan.Resumed);
        Assert.Equal(20, manifest.Counts.Fetched);
        Assert.Equal(20, (await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), folder)).Count);
        foreach (var movie in manifest.Movies.Where(m => inBronze.Contains(m.Blob!)))
        {
            Assert.Equal(callsBefore[movie.Title], _omdb.CallsFor(movie.Title));
        }
    }

    [Fact]
    public async Task Run_ResumeWithOtherTopN_ClearError()
    {
        using var harness = Harness();
        await harness.RunAsync(_runId, 10, 5);

        var error = await Assert.ThrowsAsync<PipelineInputException>(() => harness.RunAsync(_runId, 12, 5));
        Assert.Contains("already exists with TOP_N 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TopNOverDataset_ClearErrorBeforeAnyCall()
    {
        using var harness = Harness();

        var error = await Assert.ThrowsAsync<PipelineInputException>(() => harness.RunAsync(_runId, 31, 5));
        Assert.Contains("more than the 30 rankable movies", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _omdb.TotalCalls);
    }

    [Fact]
    public async Task Run_SourceNotJson_ClearErrorBeforeAnyCall()
    {
        using var harness = Harness();
        File.WriteAllText(_folder.Combine("source.json"), "title,year\nHeat,1995\n");

        await Assert.ThrowsAsync<SourceFormatException>(() => harness.RunAsync(_runId, 5, 5));
        Assert.Equal(0, _omdb.TotalCalls);
    }

    [Fact]
    public async Task Run_AnyOutcome_KeyInNoBlobAndNoLogButScopesInEveryMovieLog()
    {
        _omdb.Script("Film 002", StandInAnswer.ServerError, StandInAnswer.Found("Film 002"));
        _omdb.Script("Film 004", StandInAnswer.Hang(TimeSpan.FromSeconds(5)));
        using var harness = Harness(("OMDB_TIMEOUT_SECONDS", "0.3"));

        var outcome = await harness.RunAsync(_runId, 6, 3);

        var lake = harness.Get<ILakeStore>();
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, outcome.Plan.RunFolder + "/"))
        {
            Assert.DoesNotContain(Key, (await lake.DownloadAsync(LakeContainers.Bronze, name))!.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        var movieLines = harness.Logs.Lines.Where(l => l.Contains("Retrying OMDb call", StringComparison.Ordinal)).ToList();
        // Films 002 and 004 retry by script; on a loaded machine another may also retry after a timeout.
        Assert.Contains(movieLines, l => l.Contains("MovieKey=film-002-1998-", StringComparison.Ordinal));
        Assert.Contains(movieLines, l => l.Contains("MovieKey=film-004-1998-", StringComparison.Ordinal));
        Assert.All(movieLines, l => Assert.Matches("MovieKey=film-00[1-6]-1998-[0-9a-f]{10}", l));
        Assert.All(movieLines, l => Assert.Contains("Batch=", l, StringComparison.Ordinal));
        Assert.All(movieLines, l => Assert.Contains("Step=EnrichBatch", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_DuplicateAndNastyTitles_EachGetsItsOwnBlob()
    {
        _titles = ["AC/DC: Live", "../../etc/passwd", "What? #1", "千と千尋の神隠し", new string('y', 600), "Film 001"];
        using var harness = Harness();

        var outcome = await harness.RunAsync(_runId, 6, 2);
        var manifest = await LakeRuns.ManifestAsync(harness.Get<ILakeStore>(), outcome.Manifest.ManifestBlob);

        Assert.Equal(6, manifest.Movies.Count);
        Assert.Equal(6, manifest.Movies.Select(m => m.MovieKey).Distinct().Count());
        Assert.Equal(5, manifest.Counts.Fetched);
        Assert.Equal(MovieOutcomes.Failed, manifest.Movies.Single(m => m.Title.Length == 600).Outcome);
        Assert.Equal(5, (await LakeRuns.MovieBlobsAsync(harness.Get<ILakeStore>(), outcome.Plan.RunFolder)).Count);
    }

    /// <summary>The attack of issue 25: OMDb answers that echo the request (key included) in a found answer, in an
    /// error and in a not-found text. The key reaches no bronze record, outcome, manifest, silver, gold, report or log.</summary>
    [Fact]
    public async Task Run_AnswersEchoTheRequestWithTheKey_KeyInNoBlobAndNoLog()
    {
        _omdb.Script("Film 001", new StandInAnswer(200, $$"""{"Title":"Film 001","Year":"1999","imdbID":"tt0000101","imdbRating":"7.1","imdbVotes":"1,000","Plot":"You asked {{StandInAnswer.EchoMarker}}","Response":"True"}"""));
        _omdb.Script("Film 002", new StandInAnswer(200, $$"""{"Response":"False","Error":"Bad request {{StandInAnswer.EchoMarker}}"}"""));
        _omdb.Script("Film 003", new StandInAnswer(401, $$"""{"Response":"False","Error":"Unknown client {{StandInAnswer.EchoMarker}}"}"""));
        _omdb.Script("Film 004", new StandInAnswer(404, $$"""not here: {{StandInAnswer.EchoMarker}}"""));
        using var harness = Harness();

        var outcome = await harness.RunAsync(_runId, topN: 6, batchSize: 3);
        await harness.Get<Movies.Pipeline.Workflow.RunPromoter>().PromoteAsync(outcome.Manifest.ManifestBlob);

        Assert.Contains(_omdb.Queries, q => q.Contains(Key, StringComparison.Ordinal));
        var lake = harness.Get<ILakeStore>();
        var written = new List<string>();
        foreach (var (container, prefix) in new[] { (LakeContainers.Bronze, outcome.Plan.RunFolder + "/"), (LakeContainers.Silver, outcome.Plan.RunFolder + "/"), (LakeContainers.Gold, "") })
        {
            foreach (var name in await LakeRuns.NamesAsync(lake, container, prefix))
            {
                if (!name.EndsWith(".parquet", StringComparison.Ordinal) || container != LakeContainers.Gold)
                {
                    written.Add($"{container}/{name}: " + (await lake.DownloadAsync(container, name))!.ToString());
                }
            }
        }

        var manifest = await LakeRuns.ManifestAsync(lake, outcome.Manifest.ManifestBlob);
        Assert.Contains("apikey=***", manifest.Movies.Single(m => m.Title == "Film 002").Reason, StringComparison.Ordinal);
        Assert.Contains(written, w => w.Contains("You asked", StringComparison.Ordinal) && w.Contains("apikey=***", StringComparison.Ordinal));
        var leaks = written.Concat(harness.Logs.Lines).Where(text => text.Contains("RECOGNISABLE", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }
}

public sealed class FolderLakeRunTests : RunTests
{
    protected override void UseLake(Dictionary<string, string?> settings, string folder) => settings["LAKE_PATH"] = folder;
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeRunTests(AzuriteFixture azurite) : RunTests
{
    protected override void UseLake(Dictionary<string, string?> settings, string folder)
    {
        settings.Remove("LAKE_PATH");
        settings["LakeStorage"] = azurite.ConnectionString;
    }
}
