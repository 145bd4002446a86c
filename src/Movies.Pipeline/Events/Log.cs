using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Events;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Published {EventType} of run {RunId} as {MessageId} to events/{EventBlob}")]
    public static partial void EventWritten(ILogger logger, string eventType, string runId, string messageId, string eventBlob);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "{EventType} of run {RunId} ({MessageId}) was already published; nothing to do")]
    public static partial void EventDuplicate(ILogger logger, string eventType, string runId, string messageId);
}
