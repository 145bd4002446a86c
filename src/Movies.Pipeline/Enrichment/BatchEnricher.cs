using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Enrichment;

/// <summary>The enrich step for one batch: each movie already in bronze is kept (a resumed run fetches
/// nothing twice), the others are looked up on OMDb and written to bronze once. Every movie leaves with
/// an outcome; the batch's outcomes are written for the manifest. An outcome decided without a bronze blob
/// (not found, failed) is saved as soon as it is known, create-only, under the attempt
/// (<see cref="BronzePaths.DecidedOutcomes"/>): a retry of the step in the same attempt reuses it instead of
/// looking the movie up again, while a restart (a new attempt) tries those movies again. The batch is enriched under a
/// lease on it (<c>_batches/NNNN.lock</c>), so two processes of one run never look the same movie up at once: the
/// second waits, then finds the first's movies decided. A holder that crashes frees it within the lease time.</summary>
public sealed class BatchEnricher(ILakeStore lake, OmdbClient omdb, RunStopSignals stops, IOptions<OmdbClientOptions> options, ILogger<BatchEnricher> logger)
{
    /// <summary>How long a batch waits for another process enriching the same batch (its retries included).</summary>
    public static readonly TimeSpan BatchWait = TimeSpan.FromMinutes(10);

    public async Task<BatchResult> EnrichAsync(BatchWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var lease = await lake.AcquireLeaseAsync(LakeContainers.Bronze, BronzePaths.BatchLock(work.RunFolder, work.Batch), BatchWait, cancellationToken);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        cancellationToken = held.Token;
        var plan = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(work.RunFolder, work.Batch), PipelineJsonContext.Blobs.BatchPlan, cancellationToken)
            ?? throw new InvalidOperationException($"Run {work.RunId} has no plan for batch {work.Batch}; run the select step first.");

        RunIds.Validate(work.Attempt);
        // One listing per batch, so saved outcomes cost nothing per movie until a retry has some to read.
        var decided = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, BronzePaths.DecidedOutcomes(work.RunFolder, work.Batch, work.Attempt), cancellationToken))
        {
            decided.Add(name);
        }

        var outcomes = new MovieOutcome[plan.Movies.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Movies.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await EnrichMovieAsync(work, plan.Movies[i], decided, token));

        var fatal = stops.ReasonFor(work.RunId);
        await lake.WriteJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(work.RunFolder, work.Batch), new BatchOutcome(work.RunId, work.Batch, fatal, outcomes), PipelineJsonContext.Blobs.BatchOutcome, overwrite: true, cancellationToken);
        var counts = OutcomeCounts.Of(outcomes);
        Log.BatchDone(logger, work.Batch, counts.Fetched, counts.NotFound, counts.Failed, counts.Skipped);
        return new BatchResult(work.Batch, counts, fatal);
    }

    private async Task<MovieOutcome> EnrichMovieAsync(BatchWork work, PlannedMovie movie, HashSet<string> decided, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new MovieLogScope(work.RunId, work.Batch, movie.MovieKey, "EnrichBatch"));
        var blob = BronzePaths.Movie(work.RunFolder, movie.MovieKey);
        MovieOutcome Outcome(string outcome, string? reason, int attempts, string? name = null)
            => new(movie.MovieKey, movie.Title, movie.Year, work.Batch, outcome, name, reason, attempts);

        var decidedBlob = BronzePaths.DecidedOutcome(work.RunFolder, work.Batch, work.Attempt, movie.MovieKey);
        if (decided.Contains(decidedBlob)
            && await lake.ReadJsonAsync(LakeContainers.Bronze, decidedBlob, PipelineJsonContext.Blobs.MovieOutcome, cancellationToken) is { } saved)
        {
            Log.MovieDecided(logger, movie.MovieKey, saved.Outcome);
            return saved;
        }

        var existing = await lake.DownloadAsync(LakeContainers.Bronze, blob, cancellationToken);
        if (existing is not null)
        {
            Log.MovieResumed(logger, movie.MovieKey);
            return Outcome(MovieOutcomes.Fetched, null, AttemptsOf(existing), blob);
        }

        if (stops.ReasonFor(work.RunId) is { } stopped)
        {
            return Outcome(MovieOutcomes.Skipped, $"run stopped: {stopped}", 0);
        }

        var lookup = await omdb.GetMovieAsync(movie.Title, movie.Year, work.RunId, cancellationToken);
        Log.MovieDone(logger, movie.MovieKey, lookup.Outcome, lookup.Attempts);
        switch (lookup.Outcome)
        {
            case OmdbLookupOutcome.Found:
                var record = new BronzeRecord(work.RunId, movie.MovieKey, work.Batch, new BronzeRequest(movie.Title, movie.Year, lookup.Request),
                    lookup.RequestedAt, lookup.Attempts, movie.Source, lookup.Body!);
                // Create-only: if a concurrent or earlier attempt already wrote it, that copy stands.
                await lake.WriteJsonAsync(LakeContainers.Bronze, blob, record, PipelineJsonContext.Blobs.BronzeRecord, overwrite: false, cancellationToken);
                return Outcome(MovieOutcomes.Fetched, null, lookup.Attempts, blob);
            case OmdbLookupOutcome.Stopped:
                return Outcome(MovieOutcomes.Skipped, $"run stopped: {lookup.Reason}", lookup.Attempts);
            case OmdbLookupOutcome.NotFound:
                return await SaveAsync(decidedBlob, Outcome(MovieOutcomes.NotFound, lookup.Reason, lookup.Attempts), cancellationToken);
            case OmdbLookupOutcome.Fatal:
                // Not saved: a skipped movie was not answered, so a retry may still look it up.
                Log.RunFatal(logger, lookup.Reason!);
                stops.Stop(work.RunId, lookup.Reason!);
                return Outcome(MovieOutcomes.Skipped, $"run stopped: {lookup.Reason}", lookup.Attempts);
            default:
                return await SaveAsync(decidedBlob, Outcome(MovieOutcomes.Failed, lookup.Reason, lookup.Attempts), cancellationToken);
        }
    }

    /// <summary>Create-only: when a concurrent try of the same attempt saved this movie first, its outcome stands.</summary>
    private async Task<MovieOutcome> SaveAsync(string decidedBlob, MovieOutcome outcome, CancellationToken cancellationToken)
    {
        if (await lake.WriteJsonAsync(LakeContainers.Bronze, decidedBlob, outcome, PipelineJsonContext.Blobs.MovieOutcome, overwrite: false, cancellationToken))
        {
            return outcome;
        }

        return await lake.ReadJsonAsync(LakeContainers.Bronze, decidedBlob, PipelineJsonContext.Blobs.MovieOutcome, cancellationToken) ?? outcome;
    }

    private static int AttemptsOf(BinaryData bronze)
    {
        using var document = JsonDocument.Parse(bronze.ToMemory());
        return document.RootElement.TryGetProperty("attempts", out var attempts) && attempts.TryGetInt32(out var value) ? value : 0;
    }
}
