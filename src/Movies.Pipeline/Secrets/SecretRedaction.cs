using System.Buffers;
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
        => RedactForms(text, string.IsNullOrEmpty(secret) ? [] : FormsOf(secret));

    /// <summary>Every form a secret can take in text (see <see cref="Redact"/>), longest first, so a form that contains
    /// another is masked whole.</summary>
    public static IReadOnlyList<string> FormsOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return [.. AllFormsOf(secret).Where(f => f.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(f => f.Length)];
    }

    /// <summary><paramref name="text"/> with each of <paramref name="forms"/> masked (case-insensitive), then any apikey
    /// parameter, storage account key or SAS signature. Text holding none of them is returned as it is, unscanned by the
    /// patterns (a cheap check first: most text from outside holds no secret).</summary>
    public static string RedactForms(string text, IReadOnlyList<string> forms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(forms);
        var redacted = text;
        foreach (var form in forms)
        {
            if (redacted.Contains(form, StringComparison.OrdinalIgnoreCase))
            {
                redacted = redacted.Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (redacted.AsSpan().IndexOfAny(PatternMarkers) < 0)
        {
            return redacted;
        }

        redacted = ApiKeyParameter().Replace(redacted, "$1" + Mask);
        return StorageSecret().Replace(redacted, "$1" + Mask);
    }

    private static IEnumerable<string> AllFormsOf(string secret)
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

    /// <summary>What every pattern below starts with: text without any of these needs no pattern scan.</summary>
    private static readonly SearchValues<string> PatternMarkers =
        SearchValues.Create(["apikey=", "accountkey=", "sharedaccesssignature=", "sig="], StringComparison.OrdinalIgnoreCase);

    // A value ends where a URL parameter, a JSON string or an HTML attribute would: so masking a key inside an answer
    // that echoes the request keeps the answer valid JSON.
    [GeneratedRegex("((?:^|[^A-Za-z0-9_])apikey=)[^&#\\s\"'\\\\<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyParameter();

    [GeneratedRegex("((?:AccountKey|SharedAccessSignature)=|[?&]sig=)[^;&#\\s\"'\\\\<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StorageSecret();
}
