using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Gold;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Run {RunId} gold {ManifestBlob}: {Status}, {Movies} movies in latest")]
    public static partial void Promoted(ILogger logger, string runId, string manifestBlob, string status, int movies);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Run {RunId} failed its quality check: {Reason}")]
    public static partial void QualityFailed(ILogger logger, string runId, string reason);
}
