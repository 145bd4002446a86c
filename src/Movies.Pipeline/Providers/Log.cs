using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Providers;

internal static partial class Log
{
    [LoggerMessage(EventId = 10001, Level = LogLevel.Information, Message = "Provider {Provider} file {FileName} arrived as {ArrivalId} ({Rows} rows, sha256 {Sha256})")]
    public static partial void Arrived(ILogger logger, string provider, string fileName, string arrivalId, int rows, string sha256);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Information, Message = "Provider {Provider} file {FileName} was ingested before as {ArrivalId}")]
    public static partial void AlreadyArrived(ILogger logger, string provider, string fileName, string arrivalId);

    [LoggerMessage(EventId = 10003, Level = LogLevel.Information, Message = "Provider {Provider} {ArrivalId} in silver: {Rows} rows, {Rejects} rejected")]
    public static partial void FileInSilver(ILogger logger, string provider, string arrivalId, int rows, int rejects);

    [LoggerMessage(EventId = 10004, Level = LogLevel.Debug, Message = "Provider {Provider} {ArrivalId} rejected row {Row} ({Reason}): {Detail}")]
    public static partial void Rejected(ILogger logger, string provider, string arrivalId, int row, string reason, string detail);

    [LoggerMessage(EventId = 10009, Level = LogLevel.Warning, Message = "Provider {Provider} {ArrivalId} rejected {Rejects} of {Rows} rows ({Reasons}); each is in silver/{RejectsBlob}")]
    public static partial void RejectedRows(ILogger logger, string provider, string arrivalId, int rejects, int rows, string reasons, string rejectsBlob);

    [LoggerMessage(EventId = 10005, Level = LogLevel.Information, Message = "Provider {Provider} table version {Version} from {ArrivalId}: {Rows} rows")]
    public static partial void Current(ILogger logger, string provider, string arrivalId, long version, int rows);

    [LoggerMessage(EventId = 10006, Level = LogLevel.Information, Message = "Provider {Provider} {ArrivalId} is superseded by the newer {CurrentArrivalId}: kept in bronze and its own silver only")]
    public static partial void Superseded(ILogger logger, string provider, string arrivalId, string currentArrivalId);

    [LoggerMessage(EventId = 10007, Level = LogLevel.Error, Message = "Landed file landing/{LandingBlob} was refused and stays in landing: {Reason}")]
    public static partial void Refused(ILogger logger, string landingBlob, string reason);

    [LoggerMessage(EventId = 10008, Level = LogLevel.Information, Message = "Landed file landing/{LandingBlob} is gone: already ingested and removed, or removed by hand")]
    public static partial void Gone(ILogger logger, string landingBlob);
}
