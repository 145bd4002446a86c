using Azure;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Resilience;

/// <summary>Failures of the services we call (storage, Key Vault) in one line: the Azure SDK's own messages span
/// many lines (status, error code, every response header, each retry's exception), which belong in a debug log,
/// not in a warning or in front of a user.</summary>
public static class ServiceErrors
{
    /// <summary>The failure in one line, with any secret-shaped parameter (apikey, account key, SAS signature) masked:
    /// a service's message is outside text (<see cref="SecretRedaction"/>).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return SecretRedaction.RedactForms(DescribeUnredacted(exception), []);
    }

    private static string DescribeUnredacted(Exception exception)
        => exception switch
        {
            RequestFailedException { Status: > 0 } e => $"HTTP {e.Status}{(string.IsNullOrEmpty(e.ErrorCode) ? string.Empty : " " + e.ErrorCode)}",
            RequestFailedException e => FirstLine(e.InnerException is { } inner ? DescribeUnredacted(inner) : e.Message),
            AggregateException { InnerExceptions.Count: > 0 } e => $"{DescribeUnredacted(e.InnerExceptions[^1])} (after {e.InnerExceptions.Count} tries)",
            _ => $"{exception.GetType().Name}: {FirstLine(exception.Message)}",
        };

    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
