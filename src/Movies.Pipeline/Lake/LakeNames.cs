using System.Globalization;
using System.Text.RegularExpressions;

namespace Movies.Pipeline.Lake;

/// <summary>Checks blob names before they reach a store, so both stores accept exactly the same names
/// and a name can never climb out of the lake folder; and the one allow-list for every name that comes from outside
/// (a landing file, a lake writer's marker, a provider file) before it becomes a path, a blob name or a SQL
/// identifier. Every pattern is anchored with <c>\z</c>: <c>$</c> would also accept a trailing newline.</summary>
public static partial class LakeNames
{
    public const int MaxNameLength = 1024;

    /// <summary>Longest identifier (a table, provider or field name): what DuckDB and Parquet take without quoting.</summary>
    public const int MaxIdentifierLength = 63;

    /// <summary>Longest landing file name kept as a bronze blob segment.</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>A table, provider or field name: lower-case letters, digits and '_', starting with a letter. Safe as
    /// a SQL identifier, a file name and a blob segment.</summary>
    public static bool IsIdentifier(string? name, int maxLength = MaxIdentifierLength)
        => name is not null && name.Length <= maxLength && Identifier().IsMatch(name);

    /// <summary>A file name from outside (a landing file): letters, digits, '.', '_', '-' and spaces, starting with a
    /// letter or digit, so never a name the lake reserves for its own files (<c>_manifest.json</c>, <c>_arrival.json</c>,
    /// <c>.locks</c>...), never a path and never a '..' segment.</summary>
    public static bool IsFileName(string? name)
        => name is not null && name.Length <= MaxFileNameLength && FileName().IsMatch(name) && !name.EndsWith('.') && !name.EndsWith(' ');

    /// <summary>A name from outside as it may appear in a one-line message: control characters shown escaped
    /// (<c>\u000a</c>), cut at 120 characters.</summary>
    public static string Printable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var shown = string.Concat(name.Take(120).Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : new string(c, 1)));
        return name.Length > 120 ? shown + "..." : shown;
    }

    /// <summary>A SHA-256 as the lake writes it: exactly 64 lower-case hex digits.</summary>
    public static bool IsSha256(string? hash) => hash is not null && Sha256().IsMatch(hash);

    /// <summary>A run id: 1 to 80 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static bool IsRunId(string? runId) => runId is not null && RunId().IsMatch(runId);

    /// <summary>A run folder as the runs write it, <c>{yyyy}/{MM}/{dd}/{runId}</c> with a real date: the only place a
    /// run manifest may be (provider files, the enrichment state and anything else in bronze are not).</summary>
    public static bool IsRunFolder(string? folder)
    {
        if (folder is null || RunFolder().Match(folder) is not { Success: true } match)
        {
            return false;
        }

        return DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    public static void Validate(string container, string name)
    {
        ValidateContainer(container);
        Check(name, isPrefix: false);
    }

    public static void ValidatePrefix(string container, string prefix)
    {
        ValidateContainer(container);
        if (prefix.Length > 0)
        {
            Check(prefix, isPrefix: true);
        }
    }

    private static void ValidateContainer(string container)
    {
        if (!LakeContainers.All.Contains(container))
        {
            throw new ArgumentException($"Unknown lake container '{container}'.", nameof(container));
        }
    }

    private static void Check(string name, bool isPrefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A blob name has 1 to {MaxNameLength} characters.", nameof(name));
        }

        if (name.Contains('\\', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new ArgumentException("A blob name cannot hold a backslash or a control character.", nameof(name));
        }

        var segments = name.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // A prefix may end with '/', a name may not; no name has an empty, '.' or '..' segment.
            var trailingOfPrefix = isPrefix && i == segments.Length - 1;
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && !trailingOfPrefix))
            {
                throw new ArgumentException("A blob name cannot have an empty, '.' or '..' segment.", nameof(name));
            }
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ -]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex(@"^[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RunId();

    [GeneratedRegex(@"^(?<date>[0-9]{4}/[0-9]{2}/[0-9]{2})/[A-Za-z0-9][A-Za-z0-9._-]{0,79}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RunFolder();
}
