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

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Batch {Batch} done: {Fetched} fetched, {NotFound} not found, {Failed} failed, {Skipped} skipped, {Deferred} deferred")]
    public static partial void BatchDone(ILogger logger, int batch, int fetched, int notFound, int failed, int skipped, int deferred);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = "Movie {MovieKey} deferred to the next run: {Reason}")]
    public static partial void MovieDeferred(ILogger logger, string movieKey, string reason);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Answer cache: {Found} of {Wanted} movies answered within their refresh time")]
    public static partial void CacheRead(ILogger logger, int wanted, int found);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Information, Message = "OMDb quota for {Day}: reserved {Granted} requests of the daily limit {Limit}")]
    public static partial void QuotaReserved(ILogger logger, DateOnly day, int granted, int limit);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Warning, Message = "OMDb quota for {Day} closed for every run: {Reason}")]
    public static partial void QuotaClosed(ILogger logger, DateOnly day, string reason);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Information, Message = "Deferred queue: {Added} movies deferred by this run, {Waiting} waiting in all")]
    public static partial void QueueUpdated(ILogger logger, int added, int waiting);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Batch {Batch} is being enriched by {Holder}; waiting for it to finish or its claim to lapse")]
    public static partial void BatchClaimWaiting(ILogger logger, int batch, string holder);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Error, Message = "Lost the claim on batch {Batch}: {Reason}")]
    public static partial void BatchClaimLost(ILogger logger, int batch, string reason);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Batch {Batch} was already enriched by this attempt; its outcome stands")]
    public static partial void BatchAlreadyDone(ILogger logger, int batch);
}
