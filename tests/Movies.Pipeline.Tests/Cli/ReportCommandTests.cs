
namespace Movies.Pipeline.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private const string RunId = "20261123-report";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Report_PromotedRun_RewritesSameReportAndCopiesItOutLeavingLatestToGold()
    {
        await RunSampleAsync();
        var report = _folder.Combine("lake", "gold", "reports", RunId + ".html");
        var written = File.ReadAllBytes(report);
        var latest = File.ReadAllBytes(_folder.Combine("lake", "gold", "reports", "latest.html"));
        var copy = _folder.Combine("copy.html");

        var result = await MoviesCli.RunAsync(null, "report", "--run", RunId, "--lake", _folder.Combine("lake"), "--out", copy);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([$"gold/reports/{RunId}.html"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(written, File.ReadAllBytes(report));
        Assert.Equal(written, File.ReadAllBytes(copy));
        // latest.html is the promotion's (the same page here), and only a gold commit writes it.
        Assert.Equal(written, latest);
        Assert.Equal(latest, File.ReadAllBytes(_folder.Combine("lake", "gold", "reports", "latest.html")));
    }

    [Fact]
    public async Task Report_RunNotPromoted_ExitTwoSaysPromoteFirst()
    {
        await RunSampleAsync();
        File.Delete(_folder.Combine("lake", "silver", "2026", "11", "23", RunId, "_manifest.json"));

        var result = await MoviesCli.RunAsync(null, "report", "--run", RunId, "--lake", _folder.Combine("lake"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"movies promote --run {RunId}", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task RunSampleAsync()
    {
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "6", "--batch-size", "3", "--lake", _folder.Combine("lake"), "--run-id", RunId, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
