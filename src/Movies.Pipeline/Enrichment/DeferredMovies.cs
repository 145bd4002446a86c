using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// The deferred queue: movies runs could not look up because the day's quota ran out, one blob
/// (<see cref="EnrichmentPaths.DeferredQueue"/>) that the next run reads first when it plans (O(deferred), no
/// history read). A run changes it once, after its manifest: it removes the movies it answered and adds those it
/// deferred, by a conditional write with retry, so runs that end at once never lose each other's changes. A run that
/// took movies from the queue and then failed leaves them there for the next.
/// </summary>
public sealed class DeferredMovies(ILakeStore lake, ILogger<DeferredMovies> logger)
{
    public async Task<DeferredQueue> ReadAsync(CancellationToken cancellationToken = default)
        => await lake.ReadJsonAsync(LakeContainers.Bronze, EnrichmentPaths.DeferredQueue, PipelineJsonContext.Lines.DeferredQueue, cancellationToken) ?? DeferredQueue.Empty;

    /// <summary>Removes <paramref name="answered"/> (movie keys that now have an outcome other than deferred or
    /// skipped) from the queue and appends <paramref name="deferred"/> not already in it, in order. Writes only when the
    /// queue changes; returns the queue's length after.</summary>
    public async Task<int> UpdateAsync(IReadOnlySet<string> answered, IReadOnlyList<DeferredMovie> deferred, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(deferred);
        var length = 0;
        await lake.UpdateJsonAsync(LakeContainers.Bronze, EnrichmentPaths.DeferredQueue, PipelineJsonContext.Lines.DeferredQueue, current =>
        {
            var waiting = current?.Movies ?? [];
            var queued = new HashSet<string>(StringComparer.Ordinal);
            var next = new List<DeferredMovie>(waiting.Count + deferred.Count);
            foreach (var movie in waiting.Concat(deferred))
            {
                if (!answered.Contains(movie.Movie.MovieKey) && queued.Add(movie.Movie.MovieKey))
                {
                    next.Add(movie);
                }
            }

            length = next.Count;
            var unchanged = next.Count == waiting.Count && next.Zip(waiting).All(p => ReferenceEquals(p.First, p.Second));
            return unchanged ? null : new DeferredQueue(next);
        }, cancellationToken: cancellationToken);
        Log.QueueUpdated(logger, deferred.Count, length);
        return length;
    }

    /// <summary>The queue entries for a run's deferred movies, as its plans held them.</summary>
    public static IEnumerable<DeferredMovie> Of(string runId, IEnumerable<(PlannedMovie Movie, MovieOutcome Outcome)> movies)
        => movies.Where(m => m.Outcome.Outcome == MovieOutcomes.Deferred).Select(m => new DeferredMovie(m.Movie, runId, m.Outcome.Reason ?? "deferred"));
}
