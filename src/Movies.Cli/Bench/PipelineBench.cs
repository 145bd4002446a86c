using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Cli.Bench;

/// <summary>Measures the engine in this process: enrichment against a fixed-latency OMDb, and storage
/// operations per movie of whole runs at growing sizes.</summary>
public sealed class PipelineBench(string workFolder, string sampleSource)
{
    private const int BatchSize = 50;

    public async Task<(double Ratio, double Seconds, double Ideal)> MeasureEnrichAsync(int movies, int concurrency, TimeSpan latency, CancellationToken cancellationToken)
    {
        await using var omdb = new OmdbBenchServer(latency);
        var source = SyntheticSource.Write(sampleSource, movies, workFolder);
        using var services = Build(Path.Combine(workFolder, "enrich"), source, omdb.BaseUrl, concurrency, null);
        // A small run first, so JIT and connection set-up are not billed to the measured one.
        EnsureComplete(await RunAsync(services, "bench-warmup", Math.Min(movies, BatchSize), cancellationToken), Math.Min(movies, BatchSize));
        var clock = Stopwatch.StartNew();
        var outcome = await RunAsync(services, "bench-enrich", movies, cancellationToken);
        clock.Stop();
        EnsureComplete(outcome, movies);
        var ideal = movies * latency.TotalSeconds / concurrency;
        return (clock.Elapsed.TotalSeconds / ideal, clock.Elapsed.TotalSeconds, ideal);
    }

    public async Task<double> MeasureOpsPerMovieAsync(int movies, CancellationToken cancellationToken)
    {
        await using var omdb = new OmdbBenchServer(TimeSpan.Zero);
        var source = SyntheticSource.Write(sampleSource, movies, workFolder);
        var lakePath = Path.Combine(workFolder, $"ops-{movies}");
        var counting = new CountingLakeStore(new FileSystemLakeStore(lakePath));
        using var services = Build(lakePath, source, omdb.BaseUrl, 32, s => s.AddSingleton<ILakeStore>(counting));
        var outcome = await RunAsync(services, $"bench-ops-{movies}", movies, cancellationToken);
        EnsureComplete(outcome, movies);
        return (double)counting.Total / movies;
    }

    private static ServiceProvider Build(string lake, string source, Uri omdb, int concurrency, Action<IServiceCollection>? configure)
        => CliHost.Build(
            new Dictionary<string, string?>
            {
                ["LAKE_PATH"] = lake,
                ["SOURCE_PATH"] = source,
                ["OMDB_BASE_URL"] = omdb.ToString(),
                ["OMDB_API_KEY"] = "bench",
                ["OMDB_OFFLINE_CATALOG"] = string.Empty,
                ["OMDB_MAX_CONCURRENCY"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["OMDB_DAILY_LIMIT"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
                ["MAX_PARALLEL_BATCHES"] = "1000",
                ["MIN_VOTES"] = "1000",
            },
            "text",
            LogLevel.Error,
            configure);

    private static Task<RunOutcome> RunAsync(ServiceProvider services, string runId, int movies, CancellationToken cancellationToken)
    {
        var startedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // A fixed batch size, so per-batch costs grow with the run as they do in production.
        var request = new RunRequest(runId, DateOnly.FromDateTime(startedAt.UtcDateTime), startedAt, movies, Math.Min(movies, BatchSize));
        return services.GetRequiredService<PipelineRunner>().RunAsync(request, null, cancellationToken);
    }

    private static void EnsureComplete(RunOutcome outcome, int movies)
    {
        if (outcome.Manifest.Counts.Fetched != movies)
        {
            throw new InvalidOperationException($"Benchmark run fetched {outcome.Manifest.Counts.Fetched} of {movies} movies; its figures would mean nothing.");
        }
    }
}
