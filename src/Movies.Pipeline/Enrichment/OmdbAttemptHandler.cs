using System.Buffers;
using Microsoft.Extensions.Options;

namespace Movies.Pipeline.Enrichment;

/// <summary>Innermost handler of the OMDb client, around each attempt:
/// <list type="bullet">
/// <item>checks right before sending that the lookup's run is not stopped, so once it is no request leaves;</item>
/// <item>counts attempts on the request's resilience context;</item>
/// <item>reads the body inside the attempt (a body that stalls counts against the attempt timeout), streamed and
/// capped at <c>OMDB_MAX_BODY_BYTES</c>;</item>
/// <item>stops the run on a run-fatal answer while this attempt still holds its concurrency slot, so no queued
/// lookup of the run can start a request after it.</item>
/// </list></summary>
public sealed class OmdbAttemptHandler(RunStopSignals stops, IOptions<OmdbClientOptions> options, TimeProvider time) : DelegatingHandler
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
            context?.Properties.Set(OmdbClient.AttemptsKey, context.Properties.GetValue(OmdbClient.AttemptsKey, 0) + 1);
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                response.Content = await ReadCappedAsync(response.Content, options.Value.MaxBodyBytes, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            // Still holding the concurrency slot: the run is stopped before any queued lookup can take it.
            if (gate is not null && await FatalReasonAsync(response) is { } fatal)
            {
                stops.Stop(gate.RunId, fatal);
            }

            return response;
        }
        finally
        {
            gate?.ExitSend();
        }
    }

    /// <summary>The run-fatal reason of an answer (bad key, quota, a Retry-After beyond the cap), or null.</summary>
    internal async Task<string?> FatalReasonAsync(HttpResponseMessage response)
    {
        if (OmdbRetryAfter.TooLong(response, options.Value.MaxRetryAfter, time.GetUtcNow()) is { } tooLong)
        {
            return tooLong;
        }

        var (kind, error) = OmdbAnswer.Classify((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return kind == OmdbAnswerKind.Fatal ? error : null;
    }

    private static async Task<HttpContent> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
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

        var buffered = new ByteArrayContent(buffer.ToArray());
        foreach (var header in content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Dispose();
        return buffered;
    }
}
