using System.Diagnostics;
using System.Globalization;

namespace Movies.Cli.Bench;

/// <summary><c>movies bench</c>: every figure from fresh <c>movies</c> processes, repeated, with its median
/// and spread. enrich_ratio from whole runs against the OMDb stand-in process at its latency; ops_per_movie
/// and run memory from whole runs at each size (stand-in without latency: the counts do not depend on it,
/// and the wall time then shows the engine's own pace); gold_vs_duckdb and peak_mb from paired gold builds.</summary>
public sealed class Benchmark(string workFolder, string sampleSource, Action<string> progress)
{
    public async Task<BenchResult> RunAsync(BenchPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.Load();
        var enrichRuns = new List<RunMeasurement>();
        await using (var omdb = await OmdbStandInProcess.StartAsync(plan.Latency, cancellationToken))
        {
            var runs = new RunScenario(workFolder, sampleSource, omdb, plan.Latency);
            for (var i = 1; i <= plan.Pairs; i++)
            {
                var run = await runs.MeasureAsync(plan.EnrichMovies, $"20260101-bench-enrich-{i}", withNextDay: false, cancellationToken);
                enrichRuns.Add(run);
                progress($"enrich {i}/{plan.Pairs}: {run.Movies:N0} movies, window {run.EnrichWindowSeconds:0.00} s (ideal {run.EnrichIdealSeconds:0.00} s), process {run.ProcessSeconds:0.00} s");
            }
        }

        var sizeRuns = await MeasureSizesAsync(plan.Sizes, TimeSpan.Zero, 1, cancellationToken);
        var gold = await new GoldScenario(workFolder, sampleSource, progress).MeasureAsync(plan.GoldRows, plan.Pairs, cancellationToken);

        var first = enrichRuns[0];
        var enrich = new EnrichFigures(
            plan.EnrichMovies,
            plan.Latency.TotalMilliseconds,
            first.OmdbConcurrency,
            first.EnrichIdealSeconds,
            Spread.Of([.. enrichRuns.Select(r => r.EnrichWindowSeconds / r.EnrichIdealSeconds)]),
            Spread.Of([.. enrichRuns.Select(r => r.EnrichWindowSeconds)]),
            Spread.Of([.. enrichRuns.Select(r => r.ProcessSeconds)]),
            Spread.Of([.. enrichRuns.Select(r => r.ProcessSeconds / r.EnrichIdealSeconds)]),
            enrichRuns);
        var opsPerMovie = enrichRuns.Take(1).Concat(sizeRuns)
            .GroupBy(r => r.Movies)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.First().OpsPerMovie, StringComparer.Ordinal);
        return new BenchResult(plan.Mode, plan.Pairs, enrich.Ratio.Median, enrich, opsPerMovie, sizeRuns, gold.Ratio.Median, gold,
            gold.EnginePeakMb.Median, gold.EnginePeakGrowthMb.Median, BenchSettings.Overrides(), Math.Round(clock.Elapsed.TotalSeconds, 1), Machine.Describe(loadAtStart));
    }

    /// <summary>Whole runs at each size, <paramref name="repeat"/> times each, against a stand-in at <paramref name="latency"/>.</summary>
    public async Task<List<RunMeasurement>> MeasureSizesAsync(IReadOnlyList<int> sizes, TimeSpan latency, int repeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var measured = new List<RunMeasurement>();
        await using var omdb = await OmdbStandInProcess.StartAsync(latency, cancellationToken);
        var runs = new RunScenario(workFolder, sampleSource, omdb, latency);
        foreach (var size in sizes)
        {
            for (var i = 1; i <= repeat; i++)
            {
                var run = await runs.MeasureAsync(size, string.Create(CultureInfo.InvariantCulture, $"20260101-bench-{size}-{i}"), cancellationToken: cancellationToken);
                measured.Add(run);
                progress($"run {run.Movies:N0} movies ({i}/{repeat}): process {run.ProcessSeconds:0.00} s, enrichment window {run.EnrichWindowSeconds:0.00} s, peak {run.PeakMb:0} MB ({run.PeakBeforeGoldMb:0} before gold), {run.OpsPerMovie} lake ops per movie");
                if (run.NextDay is { } next)
                {
                    progress($"  next day, same catalogue: process {next.ProcessSeconds:0.00} s, {next.OmdbRequests} OMDb requests, {next.Cached:N0} cached, peak {next.PeakMb:0} MB, {next.OpsPerMovie} lake ops per movie");
                }
            }
        }

        return measured;
    }
}
