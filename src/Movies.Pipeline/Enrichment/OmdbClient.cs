using System.Globalization;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Secrets;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Movies.Pipeline.Enrichment;

/// <summary>Looks movies up on OMDb by title and year. Retries, backoff, Retry-After, the per-attempt
/// timeout and the concurrency limit live in the HttpClient's resilience pipeline (see
/// <see cref="EnrichmentServiceCollectionExtensions"/>); this class turns the final answer into an outcome.</summary>
public sealed class OmdbClient(HttpClient http, IOmdbKeyProvider keys, TimeProvider time, ILogger<OmdbClient> logger)
{
    /// <summary>Titles longer than this are not sent: no real film has one, and the URL would be refused.</summary>
    public const int MaxTitleLength = 500;

    internal static readonly ResiliencePropertyKey<int> AttemptsKey = new("movies.omdb.attempts");

    public async Task<OmdbLookup> GetMovieAsync(string title, int? year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        var query = year is null
            ? $"?t={Uri.EscapeDataString(title)}&type=movie"
            : string.Create(CultureInfo.InvariantCulture, $"?t={Uri.EscapeDataString(title)}&y={year}&type=movie");
        var requestedAt = time.GetUtcNow();
        if (title.Length > MaxTitleLength)
        {
            return new OmdbLookup(OmdbLookupOutcome.Failed, null, 0, $"title longer than {MaxTitleLength} characters is not sent to OMDb", Shorten(query), requestedAt);
        }

        var key = await keys.GetApiKeyAsync(cancellationToken);
        if (key is null)
        {
            return new OmdbLookup(OmdbLookupOutcome.Fatal, null, 0, "No OMDb API key is configured: set OMDB_API_KEY, or KEY_VAULT_URI and OMDB_SECRET_NAME.", query, requestedAt);
        }

        var lookup = await SendAsync(query, key, requestedAt, cancellationToken);
        if (lookup.Outcome == OmdbLookupOutcome.Fatal && lookup.Reason == "Invalid API key!" && await keys.RefreshApiKeyAsync(cancellationToken))
        {
            // The secret was rotated since we cached it: one more try with the new key.
            key = await keys.GetApiKeyAsync(cancellationToken);
            if (key is not null)
            {
                var retried = await SendAsync(query, key, requestedAt, cancellationToken);
                return retried with { Attempts = lookup.Attempts + retried.Attempts };
            }
        }

        return lookup;
    }

    private async Task<OmdbLookup> SendAsync(string query, string key, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{query}&apikey={Uri.EscapeDataString(key)}");
            request.SetResilienceContext(context);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var attempts = Attempts(context);
                var (kind, error) = OmdbAnswer.Classify((int)response.StatusCode, body);
                return kind switch
                {
                    OmdbAnswerKind.Found => new OmdbLookup(OmdbLookupOutcome.Found, body, attempts, null, query, requestedAt),
                    OmdbAnswerKind.NotFound => new OmdbLookup(OmdbLookupOutcome.NotFound, null, attempts, error, query, requestedAt),
                    OmdbAnswerKind.Fatal => new OmdbLookup(OmdbLookupOutcome.Fatal, null, attempts, error, query, requestedAt),
                    OmdbAnswerKind.Transient => Failed($"{error} after {attempts} attempts"),
                    _ => Failed(error),
                };
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or RateLimiterRejectedException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var attempts = Attempts(context);
                var reason = e switch
                {
                    TimeoutRejectedException or OperationCanceledException => $"timed out after {attempts} attempts",
                    _ => $"{e.GetType().Name}: {SecretRedaction.Redact(e.Message, key)} after {attempts} attempts",
                };
                Log.LookupFailed(logger, reason);
                return Failed(reason);
            }

            OmdbLookup Failed(string? reason) => new(OmdbLookupOutcome.Failed, null, Attempts(context), reason, query, requestedAt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static int Attempts(ResilienceContext context) => Math.Max(1, context.Properties.GetValue(AttemptsKey, 0));

    private static string Shorten(string query) => query.Length <= 200 ? query : string.Concat(query.AsSpan(0, 200), "...");
}
