using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// OMDb's answers across runs, by movie key, so a film answered within <c>REFRESH_AFTER_DAYS</c> (not found: within
/// <c>NOT_FOUND_RETRY_DAYS</c>) is not looked up again. The index is <see cref="Shards"/> JSON blobs, a movie's shard
/// fixed by a hash of its key. A run reads every shard once when it plans (its selection's answers), and merges its
/// own answers into the shards it touched once its manifest is written, each shard by a conditional write with retry
/// (<see cref="LakeStoreConditionalExtensions.UpdateJsonAsync"/>), so concurrent runs never lose each other's answers.
/// That is at most 3 × <see cref="Shards"/> storage operations per run, whatever its size: O(1) per movie. A cached
/// answer names the bronze blob that holds it (an earlier run's); nothing is copied.
/// </summary>
public sealed class AnswerCache(ILakeStore lake, IOptions<AnswerCacheOptions> options, ILogger<AnswerCache> logger)
{
    /// <summary>16 shards: a 100,000-film catalogue is ~1 MB per shard (one request each way), and a run of 1,000 pays
    /// ~48 operations for the cache, 0.05 per movie.</summary>
    public const int Shards = 16;

    public static int ShardOf(string movieKey)
    {
        ArgumentNullException.ThrowIfNull(movieKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(movieKey), hash);
        return hash[0] % Shards;
    }

    /// <summary>The cached answers still fresh at <paramref name="now"/> for <paramref name="movieKeys"/>. Reads only
    /// the shards those keys fall in, one at a time, keeping just the matches.</summary>
    public async Task<IReadOnlyDictionary<string, CachedAnswer>> FindAsync(IReadOnlyCollection<string> movieKeys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(movieKeys);
        var found = new Dictionary<string, CachedAnswer>(StringComparer.Ordinal);
        var settings = options.Value;
        if (movieKeys.Count == 0 || (settings.RefreshAfterDays == 0 && settings.NotFoundRetryDays == 0))
        {
            return found;
        }

        var wanted = movieKeys.ToHashSet(StringComparer.Ordinal);
        foreach (var shard in wanted.Select(ShardOf).Distinct().Order())
        {
            var answers = await lake.ReadJsonAsync(LakeContainers.Bronze, EnrichmentPaths.CacheShard(shard), PipelineJsonContext.Lines.AnswerCacheShard, cancellationToken);
            foreach (var answer in answers?.Answers ?? [])
            {
                if (wanted.Contains(answer.MovieKey) && IsFresh(answer, now))
                {
                    found[answer.MovieKey] = answer;
                }
            }
        }

        Log.CacheRead(logger, wanted.Count, found.Count);
        return found;
    }

    /// <summary>True when <paramref name="answer"/> may stand in for a lookup at <paramref name="now"/>.</summary>
    public bool IsFresh(CachedAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        // A window of 0 means "always ask": an answer recorded after this run's clock was read (another process
        // finished while this one planned) has a negative age and must not count as fresh then.
        var age = now - answer.AnsweredAt;
        var settings = options.Value;
        return answer.Outcome switch
        {
            MovieOutcomes.Fetched => settings.RefreshAfterDays > 0 && age < settings.RefreshAfter && answer.Blob is not null,
            MovieOutcomes.NotFound => settings.NotFoundRetryDays > 0 && age < settings.NotFoundRetry,
            _ => false,
        };
    }

    /// <summary>Merges <paramref name="answers"/> into their shards: a film's newer answer replaces an older one, an
    /// answer already there changes nothing (a shard with nothing new is not written). Returns the shards written.</summary>
    public async Task<int> RecordAsync(IEnumerable<CachedAnswer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var written = 0;
        foreach (var shard in answers.GroupBy(a => ShardOf(a.MovieKey)).OrderBy(g => g.Key))
        {
            var incoming = shard.ToList();
            var changed = false;
            await lake.UpdateJsonAsync(LakeContainers.Bronze, EnrichmentPaths.CacheShard(shard.Key), PipelineJsonContext.Lines.AnswerCacheShard, current =>
            {
                var merged = Merge(current?.Answers ?? [], incoming);
                changed = merged is not null;
                return merged is null ? null : new AnswerCacheShard(merged);
            }, cancellationToken: cancellationToken);
            written += changed ? 1 : 0;
        }

        return written;
    }

    /// <summary>The shard's answers with <paramref name="incoming"/> merged, ordered by key; null when nothing changes.</summary>
    internal static List<CachedAnswer>? Merge(IReadOnlyList<CachedAnswer> current, IReadOnlyList<CachedAnswer> incoming)
    {
        var byKey = new Dictionary<string, CachedAnswer>(current.Count + incoming.Count, StringComparer.Ordinal);
        foreach (var answer in current)
        {
            byKey[answer.MovieKey] = answer;
        }

        var changed = false;
        foreach (var answer in incoming)
        {
            if (!byKey.TryGetValue(answer.MovieKey, out var existing) || (existing.AnsweredAt <= answer.AnsweredAt && existing != answer))
            {
                byKey[answer.MovieKey] = answer;
                changed = true;
            }
        }

        return changed ? [.. byKey.Values.OrderBy(a => a.MovieKey, StringComparer.Ordinal)] : null;
    }
}
