using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// The enrich step for one batch: each movie is looked up on OMDb and written to bronze once; every movie leaves with
/// an outcome, and the batch's outcomes are written for the manifest. The batch is claimed first
/// (<see cref="BatchPlanClaim"/>, a conditional write of its plan), so two processes of one run never look the same
/// movie up at once, and the claim tells whether the batch was tried before:
/// <list type="bullet">
/// <item>A first try (the usual case) checks nothing per movie: it costs the plan read, the claim, a bronze write per
/// found movie and the outcome write.</item>
/// <item>A later try (a retried step, a restart, a second process) keeps every answer an earlier try got: the earlier
/// outcome's fetched and not-found movies, the outcomes saved as soon as decided (<see cref="BronzePaths.DecidedOutcomes"/>:
/// not found from any attempt, failed from this one, so a restart tries failed movies again), and a movie already in
/// bronze. Only the rest are looked up.</item>
/// </list>
/// A movie the day's quota has no room for (<see cref="OmdbQuota"/>), or that OMDb answers "Request limit reached!", is
/// deferred, not failed; the batch reports why, so the run starts no more batches.
/// </summary>
public sealed class BatchEnricher(ILakeStore lake, OmdbClient omdb, RunStopSignals stops, IOptions<OmdbClientOptions> options, ILogger<BatchEnricher> logger)
{
    /// <summary>How long a batch waits for another process enriching the same batch (its retries included).</summary>
    public static readonly TimeSpan BatchWait = TimeSpan.FromMinutes(10);

    public async Task<BatchResult> EnrichAsync(BatchWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        RunIds.Validate(work.Attempt);
        var (claim, finished) = await BatchPlanClaim.ClaimAsync(lake, work, BatchWait, logger, cancellationToken);
        if (finished is not null)
        {
            Log.BatchAlreadyDone(logger, work.Batch);
            return Result(work.Batch, finished.Movies, finished.FatalReason, finished.DeferReason);
        }

        await using (claim)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, claim!.Lost);
            var token = held.Token;
            var plan = claim.Plan;
            var earlier = claim.TriedBefore ? await EarlierAnswersAsync(work, claim.Previous, token) : null;

            var outcomes = new MovieOutcome[plan.Movies.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, plan.Movies.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = token },
                async (i, t) => outcomes[i] = await EnrichMovieAsync(work, plan.Movies[i], earlier, t));

            var fatal = stops.ReasonFor(work.RunId, work.Attempt);
            var deferred = outcomes.FirstOrDefault(o => o.Outcome == MovieOutcomes.Deferred)?.Reason;
            await lake.WriteJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(work.RunFolder, work.Batch),
                new BatchOutcome(work.RunId, work.Batch, fatal, outcomes, work.Attempt, claim.Holder, deferred), PipelineJsonContext.Blobs.BatchOutcome, overwrite: true, token);
            claim.Complete();
            return Result(work.Batch, outcomes, fatal, deferred);
        }
    }

    private BatchResult Result(int batch, IReadOnlyList<MovieOutcome> outcomes, string? fatal, string? deferred)
    {
        var counts = OutcomeCounts.Of(outcomes);
        Log.BatchDone(logger, batch, counts.Fetched, counts.NotFound, counts.Failed, counts.Skipped, counts.Deferred);
        return new BatchResult(batch, counts, fatal, deferred);
    }

    /// <summary>What earlier tries of the batch decided: the earlier outcome's answers, and the outcomes saved as soon as
    /// decided (one listing of the batch's files). Read only when the batch was tried before.</summary>
    private async Task<EarlierAnswers> EarlierAnswersAsync(BatchWork work, BatchOutcome? previous, CancellationToken cancellationToken)
    {
        var answered = new Dictionary<string, MovieOutcome>(StringComparer.Ordinal);
        foreach (var movie in previous?.Movies ?? [])
        {
            if (movie.Outcome is MovieOutcomes.Fetched or MovieOutcomes.NotFound)
            {
                answered[movie.MovieKey] = movie;
            }
        }

        var saved = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = BronzePaths.BatchFiles(work.RunFolder, work.Batch);
        var ours = BronzePaths.DecidedOutcomes(work.RunFolder, work.Batch, work.Attempt);
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, prefix, cancellationToken))
        {
            // {prefix}{attempt}/{movieKey}.json: any attempt's may be a not-found answer; only this attempt's failures stand.
            var slash = name.IndexOf('/', prefix.Length);
            if (slash > 0 && name.EndsWith(".json", StringComparison.Ordinal))
            {
                var key = name[(slash + 1)..^".json".Length];
                if (name.StartsWith(ours, StringComparison.Ordinal) || !saved.ContainsKey(key))
                {
                    saved[key] = name;
                }
            }
        }

        return new EarlierAnswers(answered, saved, ours);
    }

    private async Task<MovieOutcome> EnrichMovieAsync(BatchWork work, PlannedMovie movie, EarlierAnswers? earlier, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new MovieLogScope(work.RunId, work.Batch, movie.MovieKey, "EnrichBatch"));
        var blob = BronzePaths.Movie(work.RunFolder, movie.MovieKey);
        MovieOutcome Outcome(string outcome, string? reason, int attempts, string? name = null, string? imdbId = null, DateTimeOffset? answeredAt = null)
            => new(movie.MovieKey, movie.Title, movie.Year, work.Batch, outcome, name, reason, attempts, imdbId, answeredAt);

        var decidedBlob = BronzePaths.DecidedOutcome(work.RunFolder, work.Batch, work.Attempt, movie.MovieKey);
        if (earlier is not null)
        {
            if (earlier.Answered.TryGetValue(movie.MovieKey, out var answered))
            {
                Log.MovieDecided(logger, movie.MovieKey, answered.Outcome);
                return answered with { Batch = work.Batch };
            }

            if (earlier.Saved.TryGetValue(movie.MovieKey, out var savedBlob)
                && await lake.ReadJsonAsync(LakeContainers.Bronze, savedBlob, PipelineJsonContext.Blobs.MovieOutcome, cancellationToken) is { } saved
                && (saved.Outcome == MovieOutcomes.NotFound || savedBlob.StartsWith(earlier.OurPrefix, StringComparison.Ordinal)))
            {
                Log.MovieDecided(logger, movie.MovieKey, saved.Outcome);
                return saved;
            }

            if (await lake.DownloadAsync(LakeContainers.Bronze, blob, cancellationToken) is { } existing)
            {
                Log.MovieResumed(logger, movie.MovieKey);
                var (attempts, requestedAt, imdbId) = Describe(existing);
                return Outcome(MovieOutcomes.Fetched, null, attempts, blob, imdbId, requestedAt);
            }
        }

        if (stops.ReasonFor(work.RunId, work.Attempt) is { } stopped)
        {
            return Outcome(MovieOutcomes.Skipped, $"run stopped: {stopped}", 0);
        }

        var lookup = await omdb.GetMovieAsync(movie.Title, movie.Year, work.RunId, work.Attempt, cancellationToken);
        Log.MovieDone(logger, movie.MovieKey, lookup.Outcome, lookup.Attempts);
        switch (lookup.Outcome)
        {
            case OmdbLookupOutcome.Found:
                var record = new BronzeRecord(work.RunId, movie.MovieKey, work.Batch, new BronzeRequest(movie.Title, movie.Year, lookup.Request),
                    lookup.RequestedAt, lookup.Attempts, movie.Source, lookup.Body!);
                // Create-only: if a concurrent or earlier attempt already wrote it, that copy stands.
                await lake.WriteJsonAsync(LakeContainers.Bronze, blob, record, PipelineJsonContext.Blobs.BronzeRecord, overwrite: false, cancellationToken);
                return Outcome(MovieOutcomes.Fetched, null, lookup.Attempts, blob, ImdbIdOf(lookup.Body!), lookup.RequestedAt);
            case OmdbLookupOutcome.Stopped:
                return Outcome(MovieOutcomes.Skipped, $"run stopped: {lookup.Reason}", lookup.Attempts);
            case OmdbLookupOutcome.Deferred:
                // Not saved: nothing was answered, so the next try (or run) asks again when the quota allows.
                Log.MovieDeferred(logger, movie.MovieKey, lookup.Reason!);
                return Outcome(MovieOutcomes.Deferred, lookup.Reason, lookup.Attempts);
            case OmdbLookupOutcome.NotFound:
                return await SaveAsync(decidedBlob, Outcome(MovieOutcomes.NotFound, lookup.Reason, lookup.Attempts, answeredAt: lookup.RequestedAt), cancellationToken);
            case OmdbLookupOutcome.Fatal:
                // Not saved: a skipped movie was not answered, so a retry may still look it up.
                Log.RunFatal(logger, lookup.Reason!);
                stops.Stop(work.RunId, work.Attempt, lookup.Reason!);
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

    /// <summary>The attempts, request time and imdbID of a bronze record found in place.</summary>
    private static (int Attempts, DateTimeOffset? RequestedAt, string? ImdbId) Describe(BinaryData bronze)
    {
        using var document = JsonDocument.Parse(bronze.ToMemory());
        var root = document.RootElement;
        var attempts = root.TryGetProperty("attempts", out var a) && a.TryGetInt32(out var value) ? value : 0;
        DateTimeOffset? requestedAt = root.TryGetProperty("requestedAt", out var r) && r.TryGetDateTimeOffset(out var at) ? at : null;
        var imdbId = root.TryGetProperty("omdb", out var o) && o.ValueKind == JsonValueKind.Object && o.TryGetProperty("imdbID", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        return (attempts, requestedAt, imdbId);
    }

    private static string? ImdbIdOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("imdbID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Earlier tries' answers: <see cref="Answered"/> from their outcome, <see cref="Saved"/> the decided
    /// outcome blobs by movie key (this attempt's preferred), <see cref="OurPrefix"/> where this attempt saves.</summary>
    private sealed record EarlierAnswers(IReadOnlyDictionary<string, MovieOutcome> Answered, IReadOnlyDictionary<string, string> Saved, string OurPrefix);
}
