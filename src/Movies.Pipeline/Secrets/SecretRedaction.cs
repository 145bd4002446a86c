using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Web;

namespace Movies.Pipeline.Secrets;

/// <summary>Keeps the OMDb key (and storage keys) out of logs, exception messages and blobs.</summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>The request URI, in its escaped form, with the value of <c>apikey</c> masked.</summary>
    public static string RedactUri(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        // The escaped form: a key with a space or '&' stays one parameter value, masked whole.
        var text = uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;
        return ApiKeyParameter().Replace(text, "$1" + Mask);
    }

    /// <summary>Any text with every form of the secret masked (as given, URL-encoded with %20 or '+', in either hex
    /// case, URL-decoded, with '+' read as a space, JSON-escaped), then any apikey parameter, storage account key or SAS signature.</summary>
    public static string Redact(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = text;
        if (!string.IsNullOrEmpty(secret))
        {
            // Longest first, so a form that contains another is masked whole.
            foreach (var form in FormsOf(secret).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length))
            {
                redacted = redacted.Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        redacted = ApiKeyParameter().Replace(redacted, "$1" + Mask);
        return StorageSecret().Replace(redacted, "$1" + Mask);
    }

    private static IEnumerable<string> FormsOf(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return WebUtility.UrlEncode(secret);
        yield return HttpUtility.UrlEncode(secret);
        yield return Uri.UnescapeDataString(secret);
        yield return HttpUtility.UrlDecode(secret);
        yield return secret.Replace('+', ' ');
        yield return JavaScriptEncoder.Default.Encode(secret);
        yield return JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret);
    }

    [GeneratedRegex("((?:^|[?&])apikey=)[^&#\\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyParameter();

    [GeneratedRegex("((?:AccountKey|SharedAccessSignature)=|[?&]sig=)[^;&#\\s\"]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StorageSecret();
}
