using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Enrichment;

/// <summary>Replaces the default HTTP client logging, which would print the key in the query string.</summary>
public sealed class OmdbHttpLogger(ILogger<OmdbHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        => Log.HttpAnswered(logger, new RedactedUri(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        => Log.HttpFailed(logger, new RedactedUri(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);
}
