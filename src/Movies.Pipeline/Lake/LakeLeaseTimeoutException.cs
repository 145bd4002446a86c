using System.Globalization;

namespace Movies.Pipeline.Lake;

/// <summary>A lease stayed held by someone else for longer than the caller would wait.</summary>
public sealed class LakeLeaseTimeoutException : TimeoutException
{
    public LakeLeaseTimeoutException(string container, string name, TimeSpan waited, Exception? inner = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"Waited {waited.TotalSeconds:0.#} s for the lease on {container}/{name}, which another process holds; try again when it has finished (a crashed holder frees it within a minute)."), inner)
    {
        Container = container;
        Name = name;
    }

    public string Container { get; }

    public string Name { get; }
}
