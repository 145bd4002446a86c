using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Movies.Pipeline.Source;

/// <summary>The blob-safe, deterministic key of a movie: a readable slug of the title, the year and a
/// short hash of both, so any title (slashes, dots, unicode, 10 kB) gives a short, unique name.</summary>
public static class MovieKey
{
    private const int MaxSlugLength = 60;

    public static string Create(string title, int? year)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = Slug(title);
        var yearPart = year?.ToString(CultureInfo.InvariantCulture) ?? "nd";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{yearPart}"));
        return $"{slug}-{yearPart}-{Convert.ToHexStringLower(hash, 0, 5)}";
    }

    private static string Slug(string title)
    {
        var builder = new StringBuilder(MaxSlugLength);
        var lastWasDash = true;
        // Decomposing first turns "é" into "e" + accent, so accented Latin titles stay readable.
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (builder.Length >= MaxSlugLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasDash = false;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !lastWasDash)
            {
                builder.Append('-');
                lastWasDash = true;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "untitled" : slug;
    }
}
