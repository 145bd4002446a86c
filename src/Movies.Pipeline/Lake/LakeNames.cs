namespace Movies.Pipeline.Lake;

/// <summary>Checks blob names before they reach a store, so both stores accept exactly the same names
/// and a name can never climb out of the lake folder.</summary>
public static class LakeNames
{
    public const int MaxNameLength = 1024;

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
}
