using System.Text.RegularExpressions;

namespace Movies.Pipeline.Secrets;

/// <summary>Keeps the OMDb key out of logs, exception messages and blobs.</summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>The request URI with the value of <c>apikey</c> masked.</summary>
    public static string RedactUri(Uri? uri)
        => uri is null ? string.Empty : ApiKeyParameter().Replace(uri.ToString(), "$1" + Mask);

    /// <summary>Any text with every occurrence of the secret masked, and any apikey parameter too.</summary>
    public static string Redact(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = ApiKeyParameter().Replace(text, "$1" + Mask);
        return string.IsNullOrEmpty(secret) ? redacted : redacted.Replace(secret, Mask, StringComparison.Ordinal);
    }

    [GeneratedRegex("((?:^|[?&])apikey=)[^&#\\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyParameter();
}
