using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Lake;

internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Storage {Method} {Path} attempt {Attempt} failed ({Reason}); retrying")]
    public static partial void StorageRetrying(ILogger logger, string method, string path, int attempt, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Lost the lease on {Container}/{Name}: {Reason}")]
    public static partial void LeaseLost(ILogger logger, string container, string name, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Could not release the lease on {Container}/{Name} ({Reason}); it expires by itself")]
    public static partial void LeaseReleaseFailed(ILogger logger, string container, string name, string reason);
}
