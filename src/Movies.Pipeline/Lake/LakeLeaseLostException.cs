namespace Movies.Pipeline.Lake;

/// <summary>A lease was lost while held (its holder was paused, throttled or cut off past its validity, and another
/// holder may have taken it): nothing more was written under it, and no write under it is retried.</summary>
public sealed class LakeLeaseLostException : Exception
{
    public LakeLeaseLostException(string container, string name, string? message = null, Exception? inner = null)
        : base(message ?? $"Lost the lease on {container}/{name} while holding it (paused or cut off past its validity): another process may hold it now, so nothing more was written under it.", inner)
    {
        Container = container;
        Name = name;
    }

    public string Container { get; }

    public string Name { get; }
}
