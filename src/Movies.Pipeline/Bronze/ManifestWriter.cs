using Microsoft.Extensions.Logging;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Bronze;

/// <summary>The last step of ingestion: gathers every batch's outcomes, then the movies the cache answered, into the run
/// manifest. A batch's plan is read only when its outcome cannot stand alone (the batch never ran, or it deferred
/// movies, whose plan the deferred queue keeps). A movie whose batch never ran is recorded as skipped (or, when the day's
/// quota ran out, deferred) with the reason, so every selected movie is accounted for. Then, once per run: the run's
/// answers go into the answer cache, its deferred movies into the deferred queue (and those it answered out of it), and
/// the attempt's state in this process is released (<see cref="RunStopSignals.Release"/>), and the quota this process
/// reserved and did not use goes back to the ledger unless another run of this process is still drawing on it.</summary>
public sealed partial class ManifestWriter(ILakeStore lake, AnswerCache cache, DeferredMovies deferredQueue, OmdbQuota quota, RunStopSignals stops, ILogger<ManifestWriter> logger)
{
    public async Task<ManifestResult> WriteAsync(ManifestWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var info = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.RunInfo(work.RunFolder), PipelineJsonContext.Blobs.RunInfo, cancellationToken)
            ?? throw new InvalidOperationException($"Run {work.RunId} has no run info at {work.RunFolder}; run the select step first.");

        var fatal = work.FatalReason;
        var deferReason = work.DeferReason;
        var movies = new List<MovieOutcome>(info.SelectedMovies);
        var deferred = new List<DeferredMovie>();
        for (var batch = 1; batch <= info.Batches; batch++)
        {
            var outcome = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(work.RunFolder, batch), PipelineJsonContext.Blobs.BatchOutcome, cancellationToken);
            fatal ??= outcome?.FatalReason;
            deferReason ??= outcome?.DeferReason;
            if (outcome is not null && outcome.DeferReason is null)
            {
                movies.AddRange(outcome.Movies);
                continue;
            }

            var plan = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(work.RunFolder, batch), PipelineJsonContext.Blobs.BatchPlan, cancellationToken)
                ?? throw new InvalidOperationException($"Run {work.RunId} has no plan for batch {batch}.");
            var byKey = outcome?.Movies.ToDictionary(m => m.MovieKey, StringComparer.Ordinal) ?? [];
            foreach (var movie in plan.Movies)
            {
                var line = byKey.GetValueOrDefault(movie.MovieKey) ?? NotRun(movie, batch, fatal, deferReason);
                movies.Add(line);
                if (line.Outcome == MovieOutcomes.Deferred)
                {
                    deferred.Add(new DeferredMovie(movie, work.RunId, line.Reason ?? MovieOutcomes.Deferred));
                }
            }
        }

        if (info.Cached > 0)
        {
            var cached = await lake.ReadJsonStreamAsync(LakeContainers.Bronze, BronzePaths.CachedOutcomes(work.RunFolder), PipelineJsonContext.Lines.CachedOutcomes, cancellationToken)
                ?? throw new InvalidOperationException($"Run {work.RunId} has no cached outcomes at {BronzePaths.CachedOutcomes(work.RunFolder)}.");
            movies.AddRange(cached.Movies);
        }

        var counts = OutcomeCounts.Of(movies);
        var manifest = new RunManifest(info.RunId, info.RunDate, info.StartedAt, info.TopN, info.BatchSize, info.Batches, counts, fatal, info.SourceRows, info.SourceRejects.Count, movies,
            counts.Deferred > 0 ? deferReason : null);
        var name = BronzePaths.Manifest(work.RunFolder);
        // Rewritten on resume: a manifest always describes the run's latest state; its arrival restarts silver, which is idempotent.
        await lake.WriteJsonStreamAsync(LakeContainers.Bronze, name, manifest, PipelineJsonContext.Blobs.RunManifest, cancellationToken);
        LogManifest(logger, work.RunId, name, movies.Count, counts.Fetched, counts.Cached, counts.Deferred);

        await cache.RecordAsync(AnswersOf(movies, work.RunId), cancellationToken);
        if (info.FromQueue > 0 || deferred.Count > 0)
        {
            var answered = movies.Where(m => m.Outcome is not (MovieOutcomes.Deferred or MovieOutcomes.Skipped)).Select(m => m.MovieKey).ToHashSet(StringComparer.Ordinal);
            await deferredQueue.UpdateAsync(answered, deferred, cancellationToken);
        }

        // The block is this process's, shared by its runs: given back only when no other run here is looking movies up.
        if (work.Attempt is null ? stops.Count == 0 : stops.Release(work.RunId, work.Attempt))
        {
            await quota.ReturnUnusedAsync(cancellationToken);
        }

        return new ManifestResult(name, movies.Count, counts);
    }

    /// <summary>The answers this run got from OMDb (a batch's found and not-found movies), for the cache; the cache's own
    /// answers (batch 0) are already there.</summary>
    private static IEnumerable<CachedAnswer> AnswersOf(IEnumerable<MovieOutcome> movies, string runId)
        => movies
            .Where(m => m.Batch > 0 && m.AnsweredAt is not null && (m.Outcome == MovieOutcomes.NotFound || (m.Outcome == MovieOutcomes.Fetched && m.Blob is not null)))
            .Select(m => new CachedAnswer(m.MovieKey, m.Outcome, m.Blob, m.ImdbId, m.AnsweredAt!.Value, runId, m.Outcome == MovieOutcomes.NotFound ? m.Reason : null));

    private static MovieOutcome NotRun(PlannedMovie movie, int batch, string? fatal, string? deferReason)
    {
        var (outcome, reason) = (fatal, deferReason) switch
        {
            (not null, _) => (MovieOutcomes.Skipped, $"run stopped before this batch: {fatal}"),
            (null, not null) => (MovieOutcomes.Deferred, deferReason),
            _ => (MovieOutcomes.Skipped, "batch did not run"),
        };
        return new MovieOutcome(movie.MovieKey, movie.Title, movie.Year, batch, outcome, null, reason, 0);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Run {RunId} manifest {ManifestBlob}: {Movies} movies, {Fetched} fetched, {Cached} cached, {Deferred} deferred")]
    private static partial void LogManifest(ILogger logger, string runId, string manifestBlob, int movies, int fetched, int cached, int deferred);
}
