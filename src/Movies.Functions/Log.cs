using Microsoft.Extensions.Logging;

namespace Movies.Functions;

internal static partial class Log
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Started run {RunId} attempt {Attempt}: TOP_N {TopN}, BATCH_SIZE {BatchSize} ({Reason})")]
    public static partial void RunScheduled(ILogger logger, string runId, int attempt, int topN, int batchSize, string reason);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Run {RunId} not started ({Action}): {Reason}")]
    public static partial void RunNotStarted(ILogger logger, string runId, Movies.Pipeline.Workflow.StartAction action, string reason);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Run {RunId} was started by another starter at the same time: {Reason}")]
    public static partial void StartRaced(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Rejected a run request ({Status}): {Errors}")]
    public static partial void RunRejected(ILogger logger, int status, string errors);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Run {RunId} orchestration started at {StartedAt}")]
    public static partial void OrchestrationStarted(ILogger logger, string runId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "Run {RunId} finished: {Movies} movies, {Fetched} fetched; fatal: {FatalReason}")]
    public static partial void OrchestrationFinished(ILogger logger, string runId, int movies, int fetched, string? fatalReason);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Error, Message = "Run {RunId} failed in {TaskName}: {Reason}")]
    public static partial void OrchestrationFailed(ILogger logger, string runId, string taskName, string reason);

    [LoggerMessage(EventId = 8013, Level = LogLevel.Error, Message = "Could not publish {EventType} of run {RunId}: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string eventType, string runId, string reason);

    [LoggerMessage(EventId = 8014, Level = LogLevel.Information, Message = "Run {RunId} chunk {Chunk} of {Chunks} finished: {Batches} batches, {Fetched} fetched; fatal: {FatalReason}")]
    public static partial void ChunkFinished(ILogger logger, string runId, int chunk, int chunks, int batches, int fetched, string? fatalReason);

    [LoggerMessage(EventId = 8020, Level = LogLevel.Debug, Message = "Ignoring {Container}/{BlobName}: not a run manifest")]
    public static partial void NotAManifest(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 8021, Level = LogLevel.Information, Message = "Promoting {Container}/{BlobName}")]
    public static partial void Promoting(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 8022, Level = LogLevel.Error, Message = "Promotion failed: {Function} gave up on {Blob} (run {RunId}); its message waits in the {Queue} queue for a replay")]
    public static partial void PromotionFailed(ILogger logger, string function, string blob, string runId, string queue);

    [LoggerMessage(EventId = 8023, Level = LogLevel.Error, Message = "Promotion failed: message {MessageId} of the {Queue} queue is not a blob trigger message")]
    public static partial void PoisonUnreadable(ILogger logger, string queue, string messageId);

    [LoggerMessage(EventId = 8024, Level = LogLevel.Warning, Message = "{Count} or more messages wait in the {Queue} queue; those behind the first {Count} are reported once the ones before them are cleared")]
    public static partial void MorePoison(ILogger logger, int count, string queue);

    [LoggerMessage(EventId = 8027, Level = LogLevel.Warning, Message = "{Count} failed promotions reported before still wait in the {Queue} queue for a replay")]
    public static partial void PoisonStillWaiting(ILogger logger, int count, string queue);

    [LoggerMessage(EventId = 8025, Level = LogLevel.Information, Message = "Ingesting {Container}/{BlobName}")]
    public static partial void Ingesting(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 8026, Level = LogLevel.Information, Message = "Provider {Provider} file {FileName} ({ArrivalId}): {Status}, {Rows} rows in silver, {Rejects} rejected")]
    public static partial void Ingested(ILogger logger, string provider, string fileName, string arrivalId, string status, int rows, int rejects);

    [LoggerMessage(EventId = 8030, Level = LogLevel.Information, Message = "Purged {Count} orchestration instances created before {Before}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 8040, Level = LogLevel.Information, Message = "Sent {EventType} of run {RunId} as {MessageId} to topic {Topic}")]
    public static partial void EventSent(ILogger logger, string eventType, string runId, string messageId, string topic);
}
