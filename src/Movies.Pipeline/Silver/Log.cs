using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Silver;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Run {RunId} silver {ManifestBlob}: {BronzeRecords} bronze records, {Rows} rows, {Rejects} rejected")]
    public static partial void Promoted(ILogger logger, string runId, string manifestBlob, int bronzeRecords, int rows, int rejects);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Run {RunId} rejected {MovieKey} ({Reason}): {Detail}")]
    public static partial void Rejected(ILogger logger, string runId, string movieKey, string reason, string detail);
}
