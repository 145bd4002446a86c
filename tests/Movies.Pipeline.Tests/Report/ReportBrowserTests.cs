using System.Diagnostics;
using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Cli;

namespace Movies.Pipeline.Tests.Report;

/// <summary>The run report as a reader sees it: rendered by headless Chromium (Debian's package, driven by
/// playwright-core from render-report.mjs), with the numbers on the page checked against the run's
/// manifests and silver rows. The screenshot is kept under TestResults/report/.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string RunId = "20261123-browser";
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] Charts = ["outcomes", "quality", "rejects", "top-films", "genres", "decades"];
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Report_SampleRunInHeadlessChromium_EveryChartDrawnAndNumbersMatchTheManifests()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: `bash scripts/test.sh` installs Debian's chromium package (or: apt-get install -y chromium).");
        // 200 films of the sample: some not found by the offline catalog, some rejected by silver.
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "200", "--batch-size", "50", "--lake", _folder.Path, "--run-id", RunId, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lake = new FileSystemLakeStore(_folder.Path);
        var folder = BronzePaths.RunFolder(new DateOnly(2026, 11, 23), RunId);
        var bronze = (await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.Manifest(folder), PipelineJsonContext.Blobs.RunManifest))!;
        var silver = (await lake.ReadJsonAsync(LakeContainers.Silver, SilverPaths.Manifest(folder), PipelineJsonContext.Blobs.SilverManifest))!;
        var rows = await ParquetTable.ReadAsync<SilverMovie>((await lake.DownloadAsync(LakeContainers.Silver, silver.MoviesBlob))!);
        var screenshot = Path.Combine(RepositoryRoot.Path, "TestResults", "report", $"{RunId}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        using var page = JsonDocument.Parse(await RenderAsync(_folder.Combine("gold", "reports", $"{RunId}.html"), screenshot));
        var seen = page.RootElement;

        Assert.Equal($"Run {RunId}: movies pipeline report", seen.GetProperty("title").GetString());
        Assert.Equal($"Run {RunId}", seen.GetProperty("heading").GetString());
        var charts = seen.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(Charts, charts.Select(c => c.GetProperty("id").GetString()));
        foreach (var chart in charts)
        {
            Assert.Equal("img", chart.GetProperty("role").GetString());
            Assert.True(chart.GetProperty("width").GetDouble() > 100 && chart.GetProperty("height").GetDouble() > 20, chart.ToString());
            Assert.True(chart.GetProperty("marks").GetInt32() > 0, chart.ToString());
            Assert.All(chart.GetProperty("labels").EnumerateArray(), l => Assert.NotEmpty(l.GetString()!));
            Assert.Equal(2, chart.GetProperty("labels").GetArrayLength());
        }

        // Outcomes: every one in the manifest, and cached/deferred shown at zero until a run has them.
        var outcomes = Numbers(seen.GetProperty("outcomes"));
        Assert.Equal(bronze.Movies.GroupBy(m => m.Outcome).ToDictionary(g => g.Key, g => g.Count()), outcomes.Where(o => o.Value > 0).ToDictionary());
        Assert.Equal((0, 0), (outcomes["cached"], outcomes["deferred"]));
        Assert.Equal(bronze.Counts.Fetched, outcomes["fetched"]);
        Assert.True(outcomes["not_found"] > 0, "the sample's 200 films include some the offline catalog does not know");

        Assert.NotEmpty(silver.RejectsByReason);
        Assert.Equal(silver.RejectsByReason.ToDictionary(), Numbers(seen.GetProperty("rejects")));
        var measures = seen.GetProperty("measures");
        Assert.Equal(silver.Rows, measures.GetProperty("silver-rows").GetInt32());
        Assert.Equal(silver.Rejects, measures.GetProperty("rejects").GetInt32());
        Assert.Equal(silver.BronzeRecords, measures.GetProperty("fetched-records").GetInt32());
        Assert.Equal("succeeded", measures.GetProperty("status").GetString());
        Assert.Equal(bronze.Batches, measures.GetProperty("batches").GetInt32());
        Assert.Equal(bronze.Movies.Sum(m => m.Attempts), measures.GetProperty("attempts").GetInt32());

        Assert.Equal(
            rows.SelectMany(r => r.Genres.Distinct()).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count()),
            Numbers(seen.GetProperty("genres")));
        Assert.Equal(rows.Count, Numbers(seen.GetProperty("decades")).Values.Sum());
        Assert.Equal(Math.Min(10, rows.Count), seen.GetProperty("topFilms").GetInt32());
        Assert.Equal(0, seen.GetProperty("scripts").GetInt32());
        Assert.Empty(seen.GetProperty("external").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is kept as a test artefact");
    }

    /// <summary>Issue 25, item 9: the report's Content-Security-Policy holds even against markup that escaped its
    /// escaping. A script, an inline handler, and images, a stylesheet and a frame from a server are put into a real
    /// report; in Chromium none runs, and nothing is requested (the page asks for nothing, and the local server is sent
    /// no request).</summary>
    [Fact]
    public async Task Report_MarkupInjectedIntoThePage_NoScriptRunsNothingLoads()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: `bash scripts/test.sh` installs Debian's chromium package.");
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "6", "--batch-size", "3", "--lake", _folder.Path, "--run-id", RunId);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var leak = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/leak";
        var report = _folder.Combine("gold", "reports", $"{RunId}.html");
        var page = File.ReadAllText(report);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Movies.Pipeline.Report.RunReportHtml.ContentSecurityPolicy}\">", page, StringComparison.Ordinal);
        File.WriteAllText(report, page.Replace("<body>", $$"""
            <body><script>document.title = 'pwned';</script>
            <img src="x" onerror="document.title = 'pwned'"><img src="{{leak}}/img"><link rel="stylesheet" href="{{leak}}/css">
            <iframe src="{{leak}}/frame"></iframe><div style="background: url('{{leak}}/bg')">x</div>
            """, StringComparison.Ordinal));

        using var seen = JsonDocument.Parse(await RenderAsync(report, _folder.Combine("injected.png")));

        Assert.Equal($"Run {RunId}: movies pipeline report", seen.RootElement.GetProperty("title").GetString());
        Assert.Empty(seen.RootElement.GetProperty("external").EnumerateArray());
        // Chromium may open a speculative connection to a host it sees in the markup; a request would come over it.
        while (listener.Pending())
        {
            Assert.Equal(string.Empty, await ReadAsync(listener));
        }
    }

    /// <summary>What the next connection to <paramref name="listener"/> sent before it closed (or within 2 s).</summary>
    private static async Task<string> ReadAsync(System.Net.Sockets.TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            return string.Empty;
        }
    }

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, int> Numbers(JsonElement table)
        => table.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static async Task<string> RenderAsync(string html, string screenshot)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "Movies.Pipeline.Tests", "Report", "render-report.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, html, screenshot })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not render the report within 3 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"render-report.mjs exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
