namespace Movies.Pipeline.Lake;

/// <summary>A read-modify-write lost to other writers more times than it may retry.</summary>
public sealed class LakeConflictException(string container, string name, int attempts)
    : Exception($"Blob {container}/{name} kept changing under {attempts} conditional writes; too many writers at once.")
{
    public string Container { get; } = container;

    public string Name { get; } = name;
}
