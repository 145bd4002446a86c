using Microsoft.Extensions.Logging;

namespace Movies.Functions;

internal static partial class Log
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Started run {RunId}: TOP_N {TopN}, BATCH_SIZE {BatchSize}")]
    public static partial void RunScheduled(ILogger logger, string runId, int topN, int batchSize);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Run {RunId} is already {Status}; not starting it again")]
    public static partial void RunAlreadyActive(ILogger logger, string runId, string status);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Run {RunId} already completed today; nothing to do")]
    public static partial void RunAlreadyCompleted(ILogger logger, string runId);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Run {RunId} ended {Status}; restarting it with the same id (it resumes its plan)")]
    public static partial void RunRestarting(ILogger logger, string runId, string status);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Rejected a run request: {Errors}")]
    public static partial void RunRejected(ILogger logger, string errors);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Run {RunId} orchestration started at {StartedAt}")]
    public static partial void OrchestrationStarted(ILogger logger, string runId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "Run {RunId} finished: {Movies} movies, {Fetched} fetched; fatal: {FatalReason}")]
    public static partial void OrchestrationFinished(ILogger logger, string runId, int movies, int fetched, string? fatalReason);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Error, Message = "Run {RunId} failed in {TaskName}: {Reason}")]
    public static partial void OrchestrationFailed(ILogger logger, string runId, string taskName, string reason);

    [LoggerMessage(EventId = 8013, Level = LogLevel.Error, Message = "Could not publish {EventType} of run {RunId}: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string eventType, string runId, string reason);

    [LoggerMessage(EventId = 8020, Level = LogLevel.Debug, Message = "Ignoring {Container}/{BlobName}: not a run manifest")]
    public static partial void NotAManifest(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 8021, Level = LogLevel.Information, Message = "Promoting {Container}/{BlobName}")]
    public static partial void Promoting(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 8030, Level = LogLevel.Information, Message = "Purged {Count} orchestration instances created before {Before}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 8040, Level = LogLevel.Information, Message = "Sent {EventType} of run {RunId} as {MessageId} to topic {Topic}")]
    public static partial void EventSent(ILogger logger, string eventType, string runId, string messageId, string topic);
}
