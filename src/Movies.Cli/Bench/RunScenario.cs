using System.Globalization;
using System.Text.Json;
using Movies.Pipeline.Enrichment;

namespace Movies.Cli.Bench;

/// <summary>A whole run at a given size, as a user runs it: <c>movies run</c> in a new process on a synthetic
/// source of that many movies, a folder lake, and the OMDb stand-in in another process. The engine runs on
/// its defaults (or on the tuning settings the caller exported, reported in the result); the bench only turns
/// the daily quota off (<c>OMDB_DAILY_LIMIT</c> 0: the stand-in has none). The run is probed
/// (<see cref="BenchProbe"/>) for its lake operations and peak memory; then a second run over the same
/// catalogue and lake, as the next day's would be with nothing stale, is measured the same way.</summary>
public sealed class RunScenario(string workFolder, string sampleSource, OmdbStandInProcess omdb, TimeSpan latency)
{
    private const double Mb = 1024 * 1024;
    private readonly Dictionary<int, string> _sources = [];

    public async Task<RunMeasurement> MeasureAsync(int movies, string runId, bool withNextDay = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(movies, 1);
        if (!_sources.TryGetValue(movies, out var source))
        {
            source = _sources[movies] = SyntheticSource.Write(sampleSource, movies, workFolder);
        }

        var lake = Path.Combine(workFolder, "run-" + runId);
        var probe = Path.Combine(workFolder, $"probe-{runId}.json");
        var defaults = new OmdbClientOptions();
        var concurrency = int.TryParse(Environment.GetEnvironmentVariable("OMDB_MAX_CONCURRENCY"), CultureInfo.InvariantCulture, out var c) ? c : defaults.MaxConcurrency;
        var environment = BenchSettings.ForChild(new Dictionary<string, string?>
        {
            [BenchProbe.Variable] = probe,
            ["OMDB_API_KEY"] = "bench",
            ["OMDB_DAILY_LIMIT"] = "0",
        });
        var ideal = movies * latency.TotalSeconds / concurrency;
        var first = await RunOnceAsync(movies, runId, source, lake, probe, environment, concurrency, ideal, nextDay: false, cancellationToken);
        var second = withNextDay ? await RunOnceAsync(movies, runId + "-day2", source, lake, probe, environment, concurrency, ideal, nextDay: true, cancellationToken) : null;
        Directory.Delete(lake, recursive: true);
        return first with { NextDay = second };
    }

    private async Task<RunMeasurement> RunOnceAsync(int movies, string runId, string source, string lake, string probe, Dictionary<string, string?> environment,
        int concurrency, double ideal, bool nextDay, CancellationToken cancellationToken)
    {
        string[] args = ["run", "--source", source, "--top-n", movies.ToString(CultureInfo.InvariantCulture), "--lake", lake, "--omdb-url", omdb.BaseUrl.ToString(), "--run-id", runId, "--json"];
        await omdb.ResetAsync(cancellationToken);
        // Generous: a run that takes this long has hung, whatever the machine.
        var process = await MoviesProcess.RunAsync(args, environment, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(ideal * 4), cancellationToken);
        var stats = await omdb.StatsAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"movies run of {movies} movies exited with {process.ExitCode}: {process.Stderr.Trim()}");
        }

        using var summary = JsonDocument.Parse(process.Stdout);
        var fetched = summary.RootElement.GetProperty("fetched").GetInt32();
        var cached = summary.RootElement.GetProperty("cached").GetInt32();
        var silverRows = summary.RootElement.GetProperty("silverRows").GetInt32();
        if ((nextDay ? cached : fetched) != movies)
        {
            throw new InvalidOperationException($"movies run {runId} fetched {fetched} and took {cached} from the cache of {movies} movies; its figures would mean nothing.");
        }

        var report = JsonSerializer.Deserialize(File.ReadAllBytes(probe), BenchJsonContext.Default.ProbeReport)
            ?? throw new InvalidOperationException("The probed run wrote no report.");
        File.Delete(probe);
        var total = report.Ops.Values.Sum(o => o.Total);
        return new RunMeasurement(
            movies,
            latency.TotalMilliseconds,
            concurrency,
            Math.Round(process.Seconds, 3),
            stats.WindowSeconds,
            Math.Round(ideal, 3),
            stats.Requests,
            fetched,
            silverRows,
            Math.Round(report.PeakWorkingSetBytes / Mb, 1),
            Math.Round((report.PeakWorkingSetBytes - report.StartWorkingSetBytes) / Mb, 1),
            Math.Round((double)total / movies, 3),
            report.Ops.ToDictionary(o => o.Key, o => Math.Round((double)o.Value.Total / movies, 3), StringComparer.Ordinal),
            report.Ops,
            Math.Round(report.PeakBeforeGoldBytes / Mb, 1),
            Cached: cached,
            PeakMbByStage: report.PeakByStageBytes?.ToDictionary(p => p.Key, p => Math.Round(p.Value / Mb, 1), StringComparer.Ordinal));
    }
}
