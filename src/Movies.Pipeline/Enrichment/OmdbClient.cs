using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Secrets;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Movies.Pipeline.Enrichment;

/// <summary>Looks movies up on OMDb by title and year. Retries, backoff, Retry-After, the per-attempt
/// timeout and the concurrency limit live in the HttpClient's resilience pipeline (see
/// <see cref="EnrichmentServiceCollectionExtensions"/>); this class turns the final answer into an outcome.</summary>
public sealed class OmdbClient(HttpClient http, IOmdbKeyProvider keys, TimeProvider time, IOptions<OmdbClientOptions> options, RunStopSignals stops, SecretRedactor redactor,
    ILogger<OmdbClient> logger)
{
    /// <summary>Titles longer than this are not sent: no real film has one, and the URL would be refused.</summary>
    public const int MaxTitleLength = 500;

    internal static readonly ResiliencePropertyKey<int> AttemptsKey = new("movies.omdb.attempts");

    internal static readonly ResiliencePropertyKey<OmdbSendGate?> GateKey = new("movies.omdb.gate");

    public Task<OmdbLookup> GetMovieAsync(string title, int? year, CancellationToken cancellationToken = default)
        => GetMovieAsync(title, year, runId: null, attempt: null, cancellationToken);

    /// <summary>Looks a movie up for an attempt of a run: a run-fatal answer stops that attempt (see
    /// <see cref="RunStopSignals"/>) before any other lookup of it can send a request, and a lookup that is
    /// waiting (for a slot, or between retries) when its attempt stops ends at once as
    /// <see cref="OmdbLookupOutcome.Stopped"/>, having sent nothing more. OMDb's answer and every reason come back
    /// through the <see cref="SecretRedactor"/>: an answer that echoes the request never carries the key into bronze, the
    /// manifest, the batch outcomes or a log.</summary>
    public async Task<OmdbLookup> GetMovieAsync(string title, int? year, string? runId, string? attempt, CancellationToken cancellationToken = default)
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

        redactor.Remember(key);
        var gate = runId is null || attempt is null ? null : new OmdbSendGate(runId, attempt, stops);
        var lookup = await SendAsync(query, key, gate, requestedAt, cancellationToken);
        if (lookup.Outcome == OmdbLookupOutcome.Fatal && lookup.Reason == "Invalid API key!" && await keys.RefreshApiKeyAsync(cancellationToken))
        {
            // The secret was rotated since we cached it: one more try with the new key.
            key = await keys.GetApiKeyAsync(cancellationToken);
            if (key is not null)
            {
                redactor.Remember(key);
                var retried = await SendAsync(query, key, gate, requestedAt, cancellationToken);
                return Redacted(retried with { Attempts = lookup.Attempts + retried.Attempts });
            }
        }

        return Redacted(lookup);
    }

    private OmdbLookup Redacted(OmdbLookup lookup) => lookup with { Body = redactor.Redact(lookup.Body), Reason = redactor.Redact(lookup.Reason) };

    private async Task<OmdbLookup> SendAsync(string query, string key, OmdbSendGate? gate, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        // Waiting (for a slot, or for a retry) ends when the run stops; an attempt already sending is left to finish.
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onStop = gate is null ? default : gate.Stopped.Register(() =>
        {
            if (gate.IsIdle())
            {
                waits.Cancel();
            }
        });
        var context = ResilienceContextPool.Shared.Get(waits.Token);
        context.Properties.Set(GateKey, gate);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{query}&apikey={Uri.EscapeDataString(key)}");
            request.SetResilienceContext(context);
            try
            {
                using var response = await http.SendAsync(request, waits.Token);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var attempts = Attempts(context);
                if (OmdbRetryAfter.TooLong(response, options.Value.MaxRetryAfter, time.GetUtcNow()) is { } tooLong)
                {
                    return new OmdbLookup(OmdbLookupOutcome.Fatal, null, attempts, tooLong, query, requestedAt);
                }

                var (kind, error) = OmdbAnswer.Classify((int)response.StatusCode, body);
                if (kind is OmdbAnswerKind.Transient or OmdbAnswerKind.Rejected && gate?.StopReason is { } stopped)
                {
                    // Not retried because the run stopped meanwhile: the movie was never really tried to the end.
                    return new OmdbLookup(OmdbLookupOutcome.Stopped, null, attempts, stopped, query, requestedAt);
                }

                return kind switch
                {
                    OmdbAnswerKind.Found => new OmdbLookup(OmdbLookupOutcome.Found, body, attempts, null, query, requestedAt),
                    OmdbAnswerKind.NotFound => new OmdbLookup(OmdbLookupOutcome.NotFound, null, attempts, error, query, requestedAt),
                    OmdbAnswerKind.Fatal => new OmdbLookup(OmdbLookupOutcome.Fatal, null, attempts, error, query, requestedAt),
                    OmdbAnswerKind.LimitReached => new OmdbLookup(OmdbLookupOutcome.Deferred, null, attempts, $"OMDb answered \"{error}\"", query, requestedAt),
                    OmdbAnswerKind.Transient => Failed($"{error} after {attempts} attempts"),
                    _ => Failed(error),
                };
            }
            catch (Exception e) when (gate?.StopReason is { } stopped && !cancellationToken.IsCancellationRequested
                && (e is OmdbRunStoppedException || (e is OperationCanceledException && waits.IsCancellationRequested)))
            {
                return new OmdbLookup(OmdbLookupOutcome.Stopped, null, Attempts(context), stopped, query, requestedAt);
            }
            catch (OmdbQuotaSpentException e)
            {
                return new OmdbLookup(OmdbLookupOutcome.Deferred, null, context.Properties.GetValue(AttemptsKey, 0), e.Reason, query, requestedAt);
            }
            catch (OmdbAnswerTooLargeException e)
            {
                Log.LookupFailed(logger, redactor.Redact(e.Message));
                return Failed(e.Message);
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
                Log.LookupFailed(logger, redactor.Redact(reason));
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
