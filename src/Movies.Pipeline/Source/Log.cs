using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Source;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Run {RunId} selected {Selected} movies ({FromQueue} deferred by earlier runs first), {Cached} answered from the cache, the rest in {Batches} batches, from {SourceRows} source rows ({SourceRejects} rejected, {Unrated} without IMDb rating or votes)")]
    public static partial void Selected(ILogger logger, string runId, int selected, int fromQueue, int cached, int batches, int sourceRows, int sourceRejects, int unrated);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Run {RunId} already planned with {Batches} batches; resuming it")]
    public static partial void PlanResumed(ILogger logger, string runId, int batches);
}
