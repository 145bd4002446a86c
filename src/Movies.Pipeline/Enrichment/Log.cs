using Microsoft.Extensions.Logging;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Enrichment;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "OMDb answered {Request} with {StatusCode} in {ElapsedMs} ms")]
    public static partial void HttpAnswered(ILogger logger, RedactedUri request, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "OMDb request {Request} failed with {Error} after {ElapsedMs} ms")]
    public static partial void HttpFailed(ILogger logger, RedactedUri request, string error, double elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Retrying OMDb call, attempt {Attempt} failed ({Reason}); next try in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "OMDb lookup failed: {Reason}")]
    public static partial void LookupFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Movie {MovieKey} {Outcome} after {Attempts} attempts")]
    public static partial void MovieDone(ILogger logger, string movieKey, OmdbLookupOutcome outcome, int attempts);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Movie {MovieKey} already in bronze; not fetched again")]
    public static partial void MovieResumed(ILogger logger, string movieKey);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "Movie {MovieKey} already {Outcome} in this attempt; not looked up again")]
    public static partial void MovieDecided(ILogger logger, string movieKey, string outcome);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "OMDb answered a run-fatal error: {Reason}; no further calls in this run")]
    public static partial void RunFatal(ILogger logger, string reason);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Batch {Batch} done: {Fetched} fetched, {NotFound} not found, {Failed} failed, {Skipped} skipped")]
    public static partial void BatchDone(ILogger logger, int batch, int fetched, int notFound, int failed, int skipped);
}
