using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Movies.Pipeline.Providers;

/// <summary>The normalised title rows without an imdbID join on, with the year: exact after these rules and nothing
/// fuzzier, so two titles match only when a reader would call them the same title. Case is folded; accents are
/// dropped ("Amélie" = "Amelie"); apostrophes vanish ("Schindler's" = "Schindlers"); "&amp;" reads "and"; any other
/// punctuation is a space; a trailing article moves to the front (", The") and then a leading "The", "A" or "An" is
/// dropped ("The Matrix" = "Matrix, The" = "Matrix").</summary>
public static partial class TitleKeys
{
    private static readonly Dictionary<char, string> Letters = new()
    {
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ł'] = "l",
        ['đ'] = "d",
        ['þ'] = "th",
    };

    /// <summary>The key of a title, or null when nothing of it is left (a title of punctuation only).</summary>
    public static string? Of(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = title.Trim();
        if (TrailingArticle().Match(text) is { Success: true } trailing)
        {
            text = $"{trailing.Groups["article"].Value} {trailing.Groups["rest"].Value}";
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘' or '`' or '´')
            {
                continue;
            }

            if (c == '&')
            {
                folded.Append(" and ");
            }
            else if (Letters.TryGetValue(c, out var letters))
            {
                folded.Append(letters);
            }
            else
            {
                folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }

        var words = folded.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1 && words[0] is "the" or "a" or "an")
        {
            words = words[1..];
        }

        return words.Length == 0 ? null : string.Join(' ', words);
    }

    [GeneratedRegex(@"^(?<rest>.+?),\s*(?<article>the|a|an)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingArticle();
}
