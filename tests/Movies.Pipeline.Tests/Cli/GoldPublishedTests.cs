
namespace Movies.Pipeline.Tests.Cli;

/// <summary>gold_published is one message per published content: a resume that changes gold sends a new one, a
/// rerun that changes nothing sends the same one again (dropped as a duplicate).</summary>
public sealed class GoldPublishedTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;

    public async Task InitializeAsync() => _omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_ResumeThatChangesGold_PublishesAgainAndIdenticalRerunDoesNot()
    {
        var source = TestSource.Write(_folder.Path, TestSource.Titles(6));
        var lake = _folder.Combine("lake");
        string[] run = ["run", "--source", source, "--top-n", "6", "--batch-size", "3", "--lake", lake, "--omdb-url", _omdb.BaseUrl.ToString(), "--run-id", "20261123-pub", "--json"];
        var environment = new Dictionary<string, string> { ["OMDB_API_KEY"] = "k", ["MAX_RETRIES"] = "0", ["BASE_DELAY_SECONDS"] = "0.01" };
        _omdb.Script("Film 004", StandInAnswer.ServerError, StandInAnswer.Found("Film 004", 1998));

        var first = await MoviesCli.RunAsync(environment, run);
        var afterFirst = GoldPublished(lake);
        var resumed = await MoviesCli.RunAsync(environment, run);
        var afterResume = GoldPublished(lake);
        var rerun = await MoviesCli.RunAsync(environment, run);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Single(afterFirst);
        Assert.Equal(2, afterResume.Count);
        Assert.Equal(afterResume, GoldPublished(lake));
    }

    private static List<string> GoldPublished(string lake)
        => [.. Directory.GetFiles(Path.Combine(lake, "events", "2026", "11", "23", "20261123-pub"), "gold_published*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
