using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Report;

internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Run {RunId} report written to gold/{ReportBlob}")]
    public static partial void Written(ILogger logger, string runId, string reportBlob);
}
