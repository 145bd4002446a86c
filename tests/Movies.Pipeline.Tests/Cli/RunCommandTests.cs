using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Run_Sample20By5Json_FourBatchesManifestOf20AndOneBlobPerFetched()
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "20", "--batch-size", "5", "--lake", _folder.Path, "--json", "--run-id", "20261123-cli");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        var root = summary.RootElement;
        Assert.Equal(("succeeded", 4, 20), (root.GetProperty("status").GetString(), root.GetProperty("batches").GetInt32(), root.GetProperty("movies").GetInt32()));
        var fetched = root.GetProperty("fetched").GetInt32();
        Assert.Equal(20, fetched + root.GetProperty("notFound").GetInt32() + root.GetProperty("failed").GetInt32() + root.GetProperty("skipped").GetInt32());

        var runFolder = _folder.Combine("bronze", "2026", "11", "23", "20261123-cli");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "_manifest.json")));
        var movies = manifest.RootElement.GetProperty("movies").EnumerateArray().ToList();
        Assert.Equal(20, movies.Count);
        Assert.Equal(4, manifest.RootElement.GetProperty("batches").GetInt32());
        Assert.All(movies, m => Assert.Contains(m.GetProperty("outcome").GetString(), new[] { "fetched", "not_found", "failed", "skipped" }));
        Assert.Equal(fetched, Directory.GetFiles(runFolder, "*.json").Count(f => !Path.GetFileName(f).StartsWith('_')));
    }

    [Theory]
    [InlineData("0", "5", "TOP_N must be at least 1")]
    [InlineData("20", "30", "BATCH_SIZE 30 is larger than TOP_N 20")]
    [InlineData("5000", "5", "TOP_N 5000 is more than the 2987 rankable movies")]
    [InlineData("abc", "5", "abc")]
    public async Task Run_BadNumbers_ExitTwoWithClearMessage(string topN, string batchSize, string expected)
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", topN, "--batch-size", batchSize, "--lake", _folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SourceNotJson_ExitTwoAndNothingWritten()
    {
        var source = _folder.Combine("bad.json");
        File.WriteAllText(source, "<html>not json</html>");

        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--source", source, "--lake", _folder.Combine("lake"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not valid JSON", result.Stderr, StringComparison.Ordinal);
        // Nothing at all: no bronze, and no run_started / run_failed events either.
        Assert.False(Directory.Exists(_folder.Combine("lake")), string.Join(", ", Directory.Exists(_folder.Combine("lake")) ? Directory.GetFiles(_folder.Combine("lake"), "*", SearchOption.AllDirectories) : []));
    }

    [Fact]
    public async Task Run_WithoutAnyKey_RunFailsAndEveryMovieSkippedWithReason()
    {
        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["OMDB_API_KEY"] = string.Empty, ["OMDB_BASE_URL"] = "http://127.0.0.1:9/" },
            "run", "--source", Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json"), "--top-n", "4", "--batch-size", "2", "--lake", _folder.Path, "--json");

        Assert.Equal(1, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal(4, summary.RootElement.GetProperty("skipped").GetInt32());
        Assert.Contains("No OMDb API key", summary.RootElement.GetProperty("fatalReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SampleWithOmdbUrl_ExitTwoSaysWhyAndNothingWritten()
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--omdb-url", "http://127.0.0.1:9/", "--lake", _folder.Combine("lake"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--sample answers from the bundled offline OMDb catalog, so --omdb-url would not be used", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("lake")));
    }

    [Fact]
    public async Task Run_StderrNotATerminal_OneProgressLinePerBatchInOrder()
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "12", "--batch-size", "3", "--lake", _folder.Path, "--run-id", "20261123-progress");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var batches = result.Stderr.Split('\n').Where(l => l.Contains(" done (", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, batches.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.StartsWith($"run 20261123-progress: batch {i + 1} of 4 done (", batches[i], StringComparison.Ordinal);
        }

        Assert.Matches(@"batch 4 of 4 done \(\d+ fetched, \d+ not found, 0 failed, 0 skipped so far\)", batches[3]);
    }

    [Fact]
    public async Task Run_OmdbUnreachable_ExitOneRunFailedEventAndQualityFailed()
    {
        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["OMDB_API_KEY"] = "k", ["MAX_RETRIES"] = "1", ["BASE_DELAY_SECONDS"] = "0.01" },
            "run", "--source", Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json"), "--top-n", "4", "--batch-size", "2",
            "--omdb-url", "http://127.0.0.1:9/", "--lake", _folder.Path, "--json", "--run-id", "20261123-noomdb");

        AssertFailedRun(result, "20261123-noomdb", "4 of 4 selected movies not fetched", _folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Exit 1, run_quality failed with the reason, and the run's event is run_failed, not run_completed.</summary>
    internal static void AssertFailedRun(MoviesCli.Result result, string runId, string reason, string? lake = null)
    {
        Assert.True(result.ExitCode == 1, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        Assert.Equal("failed", summary.RootElement.GetProperty("qualityStatus").GetString());
        Assert.Contains(reason, summary.RootElement.GetProperty("qualityFailureReason").GetString(), StringComparison.Ordinal);
        var events = Path.Combine(lake ?? throw new ArgumentNullException(nameof(lake)), "events", "2026", "11", "23", runId);
        // One file per event: {type}.json, or {type}.{detail hash}.json for the run's attempt.
        var failed = Assert.Single(Directory.GetFiles(events, "run_failed*.json"));
        Assert.Empty(Directory.GetFiles(events, "run_completed*.json"));
        Assert.Contains(reason, File.ReadAllText(failed), StringComparison.Ordinal);
    }
}

public sealed class RunCommandSecretTests : IAsyncLifetime
{
    private const string Key = "KEY-CONSOLE-4b8e2f1a";
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_OmdbAlwaysTooManyRequests_ExitOneRunFailed()
    {
        _omdb.Everyone = _ => StandInAnswer.TooMany("1");
        var source = TestSource.Write(_folder.Path, TestSource.Titles(4));
        var lake = _folder.Combine("lake429");

        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["OMDB_API_KEY"] = Key, ["MAX_RETRIES"] = "1", ["BASE_DELAY_SECONDS"] = "0.01" },
            "run", "--source", source, "--top-n", "4", "--batch-size", "2", "--lake", lake, "--omdb-url", _omdb.BaseUrl.ToString(), "--json", "--run-id", "20261123-429");

        RunCommandTests.AssertFailedRun(result, "20261123-429", "4 of 4 selected movies not fetched", lake);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Run_KeyWithSpacesAndUrlCharacters_NoFormOfItInAnyOutputOrLakeFile(string logFormat)
    {
        const string NastyKey = "Kq7Zr with Sp4ce+Pl8us/Sl4sh%41&Amp9=Eq";
        _omdb.Script("Film 002", StandInAnswer.ServerError, StandInAnswer.Malformed, StandInAnswer.Found("Film 002", 1998));
        _omdb.Script("Film 003", new StandInAnswer(500, "upstream said: apikey=" + Uri.EscapeDataString(NastyKey)));
        var source = TestSource.Write(_folder.Path, TestSource.Titles(4));
        var lake = _folder.Combine("lake-" + logFormat);

        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["OMDB_API_KEY"] = NastyKey, ["BASE_DELAY_SECONDS"] = "0.01" },
            "run", "--source", source, "--top-n", "4", "--batch-size", "2", "--lake", lake, "--omdb-url", _omdb.BaseUrl.ToString(),
            "--json", "--log-format", logFormat, "--log-level", "Trace");

        Assert.Contains(_omdb.Queries, q => q.Contains("apikey=" + Uri.EscapeDataString(NastyKey), StringComparison.Ordinal));
        Assert.Contains("apikey=***", result.Stderr, StringComparison.Ordinal);
        var everything = result.Stdout + result.Stderr + string.Concat(Directory.GetFiles(lake, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var part in new[] { "Kq7Zr", "Sp4ce", "Pl8us", "Sl4sh", "Amp9" })
        {
            Assert.DoesNotContain(part, everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("text", false)]
    [InlineData("json", false)]
    [InlineData("json", true)]
    public async Task Run_RecognisableKey_InNoConsoleOutputAndNoLakeFile(string logFormat, bool invalidKey)
    {
        _omdb.Script("Film 002", StandInAnswer.ServerError, StandInAnswer.Malformed, StandInAnswer.Found("Film 002", 1998));
        if (invalidKey)
        {
            _omdb.Everyone = call => call > 3 ? StandInAnswer.InvalidKey : null;
        }

        var source = TestSource.Write(_folder.Path, TestSource.Titles(8));
        var lake = _folder.Combine("lake");
        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["OMDB_API_KEY"] = Key, ["BASE_DELAY_SECONDS"] = "0.01" },
            "run", "--source", source, "--top-n", "8", "--batch-size", "4", "--lake", lake, "--omdb-url", _omdb.BaseUrl.ToString(),
            "--json", "--log-format", logFormat, "--log-level", "Trace");

        Assert.Equal(invalidKey ? 1 : 0, result.ExitCode);
        Assert.Contains(_omdb.Queries, q => q.Contains(Key, StringComparison.Ordinal));
        Assert.Contains("apikey=***", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Stderr, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(lake, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
