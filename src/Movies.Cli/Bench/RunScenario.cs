using System.Globalization;
using System.Text.Json;
using Movies.Pipeline.Enrichment;

namespace Movies.Cli.Bench;

/// <summary>A whole run at a given size, as a user runs it: <c>movies run</c> in a new process on a synthetic
/// source of that many movies, a folder lake, and the OMDb stand-in in another process. The engine runs on
/// its defaults (or on the tuning settings the caller exported, reported in the result); the bench only
/// lifts the daily lookup limit to the run's size, since the stand-in has no quota. The run is probed
/// (<see cref="BenchProbe"/>) for its lake operations and peak memory.</summary>
public sealed class RunScenario(string workFolder, string sampleSource, OmdbStandInProcess omdb, TimeSpan latency)
{
    private const double Mb = 1024 * 1024;
    private readonly Dictionary<int, string> _sources = [];

    public async Task<RunMeasurement> MeasureAsync(int movies, string runId, CancellationToken cancellationToken = default)
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
        var limit = int.TryParse(Environment.GetEnvironmentVariable("OMDB_DAILY_LIMIT"), CultureInfo.InvariantCulture, out var l) ? l : defaults.DailyLimit;
        var environment = BenchSettings.ForChild(new Dictionary<string, string?>
        {
            [BenchProbe.Variable] = probe,
            ["OMDB_API_KEY"] = "bench",
            ["OMDB_DAILY_LIMIT"] = Math.Max(limit, movies).ToString(CultureInfo.InvariantCulture),
        });
        string[] args = ["run", "--source", source, "--top-n", movies.ToString(CultureInfo.InvariantCulture), "--lake", lake, "--omdb-url", omdb.BaseUrl.ToString(), "--run-id", runId, "--json"];

        await omdb.ResetAsync(cancellationToken);
        var ideal = movies * latency.TotalSeconds / concurrency;
        // Generous: a run that takes this long has hung, whatever the machine.
        var process = await MoviesProcess.RunAsync(args, environment, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(ideal * 4), cancellationToken);
        var stats = await omdb.StatsAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"movies run of {movies} movies exited with {process.ExitCode}: {process.Stderr.Trim()}");
        }

        using var summary = JsonDocument.Parse(process.Stdout);
        var fetched = summary.RootElement.GetProperty("fetched").GetInt32();
        var silverRows = summary.RootElement.GetProperty("silverRows").GetInt32();
        if (fetched != movies)
        {
            throw new InvalidOperationException($"movies run fetched {fetched} of {movies} movies; its figures would mean nothing.");
        }

        var report = JsonSerializer.Deserialize(File.ReadAllBytes(probe), BenchJsonContext.Default.ProbeReport)
            ?? throw new InvalidOperationException("The probed run wrote no report.");
        File.Delete(probe);
        Directory.Delete(lake, recursive: true);
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
            report.Ops);
    }
}
