using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Enrichment;

/// <summary>Innermost handler of the OMDb client, around each attempt:
/// <list type="bullet">
/// <item>checks right before sending that the lookup's run is not stopped, so once it is no request leaves;</item>
/// <item>takes one request of the day's quota (<see cref="OmdbQuota"/>) for every attempt, retries included, so the
/// requests sent never exceed <c>OMDB_DAILY_LIMIT</c>; with none left the attempt is not sent;</item>
/// <item>counts attempts on the request's resilience context;</item>
/// <item>reads the body inside the attempt (a body that stalls counts against the attempt timeout), streamed and
/// capped at <c>OMDB_MAX_BODY_BYTES</c>;</item>
/// <item>stops the run on a run-fatal answer, and closes the day's quota on "Request limit reached!", while this
/// attempt still holds its concurrency slot, so no queued lookup can start a request after it;</item>
/// <item>passes the body through the <see cref="SecretRedactor"/> as soon as it is read: an answer that echoes the
/// request (the key included) is masked before anything classifies, stores or logs it.</item>
/// </list></summary>
public sealed class OmdbAttemptHandler(OmdbQuota quota, IOptions<OmdbClientOptions> options, TimeProvider time, SecretRedactor redactor)
    : DelegatingHandler
{
    private const int ChunkBytes = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var context = request.GetResilienceContext();
        var gate = context?.Properties.GetValue(OmdbClient.GateKey, null);
        if (gate is not null && !gate.TryEnterSend())
        {
            throw new OmdbRunStoppedException(gate.StopReason ?? "stopped");
        }

        try
        {
            if (await quota.TryTakeAsync(cancellationToken) is { } spent)
            {
                throw new OmdbQuotaSpentException(spent);
            }

            context?.Properties.Set(OmdbClient.AttemptsKey, context.Properties.GetValue(OmdbClient.AttemptsKey, 0) + 1);
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                response.Content = await ReadCappedAsync(response.Content, options.Value.MaxBodyBytes, redactor, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            // Still holding the concurrency slot: the run is stopped (or the day closed) before any queued lookup can take it.
            var (kind, reason) = await ClassifyAsync(response);
            if (kind == OmdbAnswerKind.LimitReached)
            {
                await quota.CloseDayAsync(reason!, CancellationToken.None);
            }
            else if (gate is not null && kind == OmdbAnswerKind.Fatal)
            {
                gate.Stop(reason!);
            }

            return response;
        }
        finally
        {
            gate?.ExitSend();
        }
    }

    /// <summary>What an answer means: run-fatal (bad key, a Retry-After beyond the cap) or the key's limit reached, with
    /// the reason; anything else the client sorts out.</summary>
    internal async Task<(OmdbAnswerKind Kind, string? Reason)> ClassifyAsync(HttpResponseMessage response)
    {
        if (OmdbRetryAfter.TooLong(response, options.Value.MaxRetryAfter, time.GetUtcNow()) is { } tooLong)
        {
            return (OmdbAnswerKind.Fatal, tooLong);
        }

        return OmdbAnswer.Classify((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpContent> ReadCappedAsync(HttpContent content, int maxBytes, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new OmdbAnswerTooLargeException(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new OmdbAnswerTooLargeException(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var body = buffer.ToArray();
        var text = Encoding.UTF8.GetString(body);
        var redacted = redactor.Redact(text);
        var buffered = new ByteArrayContent(ReferenceEquals(text, redacted) ? body : Encoding.UTF8.GetBytes(redacted));
        foreach (var header in content.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Dispose();
        return buffered;
    }
}
