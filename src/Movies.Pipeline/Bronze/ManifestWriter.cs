using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Bronze;

/// <summary>The last step of ingestion: gathers every batch's outcomes into the run manifest. A movie
/// whose batch never ran is recorded as skipped with the reason, so every selected movie is accounted for.</summary>
public sealed partial class ManifestWriter(ILakeStore lake, ILogger<ManifestWriter> logger)
{
    public async Task<ManifestResult> WriteAsync(ManifestWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var info = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.RunInfo(work.RunFolder), PipelineJsonContext.Blobs.RunInfo, cancellationToken)
            ?? throw new InvalidOperationException($"Run {work.RunId} has no run info at {work.RunFolder}; run the select step first.");

        var fatal = work.FatalReason;
        var movies = new List<MovieOutcome>(info.TopN);
        for (var batch = 1; batch <= info.Batches; batch++)
        {
            var plan = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(work.RunFolder, batch), PipelineJsonContext.Blobs.BatchPlan, cancellationToken)
                ?? throw new InvalidOperationException($"Run {work.RunId} has no plan for batch {batch}.");
            var outcome = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(work.RunFolder, batch), PipelineJsonContext.Blobs.BatchOutcome, cancellationToken);
            fatal ??= outcome?.FatalReason;
            var byKey = outcome?.Movies.ToDictionary(m => m.MovieKey, StringComparer.Ordinal) ?? [];
            foreach (var movie in plan.Movies)
            {
                movies.Add(byKey.GetValueOrDefault(movie.MovieKey) ?? new MovieOutcome(movie.MovieKey, movie.Title, movie.Year, batch, MovieOutcomes.Skipped, null,
                    fatal is null ? "batch did not run" : $"run stopped before this batch: {fatal}", 0));
            }
        }

        var counts = OutcomeCounts.Of(movies);
        var manifest = new RunManifest(info.RunId, info.RunDate, info.StartedAt, info.TopN, info.BatchSize, info.Batches, counts, fatal, info.SourceRows, info.SourceRejects.Count, movies);
        var name = BronzePaths.Manifest(work.RunFolder);
        // Rewritten on resume: a manifest always describes the run's latest state; its arrival restarts silver, which is idempotent.
        await lake.WriteJsonAsync(LakeContainers.Bronze, name, manifest, PipelineJsonContext.Blobs.RunManifest, overwrite: true, cancellationToken);
        LogManifest(logger, work.RunId, name, movies.Count, counts.Fetched);
        return new ManifestResult(name, movies.Count, counts);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Run {RunId} manifest {ManifestBlob}: {Movies} movies, {Fetched} fetched")]
    private static partial void LogManifest(ILogger logger, string runId, string manifestBlob, int movies, int fetched);
}
