using System.Globalization;

namespace Movies.Pipeline.Enrichment;

/// <summary>What an answer's Retry-After asks for (seconds or an HTTP date), and whether it is more than the run
/// may wait (<c>OMDB_MAX_RETRY_AFTER_SECONDS</c>).</summary>
public static class OmdbRetryAfter
{
    /// <summary>The wait the answer asks for, never negative; null when it has no Retry-After.</summary>
    public static TimeSpan? Of(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    /// <summary>The run-fatal reason when the answer asks for a longer wait than <paramref name="limit"/>, else null.</summary>
    public static string? TooLong(HttpResponseMessage? response, TimeSpan limit, DateTimeOffset now)
        => Of(response, now) is { } wait && wait > limit
            ? string.Create(CultureInfo.InvariantCulture,
                $"OMDb answered {(int?)response?.StatusCode} asking to wait {Math.Ceiling(wait.TotalSeconds)} s (Retry-After), more than OMDB_MAX_RETRY_AFTER_SECONDS {limit.TotalSeconds}: stopped as on a quota answer")
            : null;
}
