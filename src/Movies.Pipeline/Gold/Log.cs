using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Gold;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Run {RunId} gold {ManifestBlob}: {Status}, {Movies} movies in latest")]
    public static partial void Promoted(ILogger logger, string runId, string manifestBlob, string status, int movies);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Run {RunId} failed its quality check: {Reason}")]
    public static partial void QualityFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Run {RunId} published gold version {Version} ({ContentHash})")]
    public static partial void Committed(ILogger logger, string runId, long version, string contentHash);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Run {RunId} gold unchanged: version {Version} already holds these tables")]
    public static partial void Unchanged(ILogger logger, string runId, long version);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Gold version {Version} of run {RunId} was cut short before latest was complete; rolled it forward from its history copy")]
    public static partial void RolledForward(ILogger logger, long version, string runId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Gold version {Version} of run {RunId} was cut short and its history copy differs from what it recorded; keeping latest at version {Committed}")]
    public static partial void CannotRollForward(ILogger logger, long version, string runId, long committed);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Run {RunId} lost the gold lease before its commit was published (paused past the lease); its writes were refused, nothing of it is published")]
    public static partial void CommitFenced(ILogger logger, string runId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Provider arrival {ArrivalId} published gold version {Version}: {Films} films joined with every provider's current table")]
    public static partial void ProvidersPublished(ILogger logger, string arrivalId, long version, int films);
}
