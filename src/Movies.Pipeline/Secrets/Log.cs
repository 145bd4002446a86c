using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Secrets;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Reloaded OMDb key secret {SecretName} from Key Vault; changed: {Changed}")]
    public static partial void KeyRefreshed(ILogger logger, string secretName, bool changed);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Key Vault has no secret {SecretName}; set it with az keyvault secret set")]
    public static partial void SecretMissing(ILogger logger, string secretName);
}
