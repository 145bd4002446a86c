using Movies.Pipeline.Lake;

namespace Movies.Testing;

/// <summary>A real lake that "crashes" (throws, as a killed process would stop) at a chosen write: the writes
/// before it reached the lake, the rest never happen.</summary>
public sealed class CrashingLake(ILakeStore inner, Func<string, string, bool> crashBefore) : DelegatingLakeStore(inner)
{
    public override Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
        => crashBefore(container, name) ? Crash(container, name) : base.UploadAsync(container, name, content, overwrite, cancellationToken);

    public override Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        => crashBefore(container, name) ? Crash(container, name) : base.UploadIfVersionAsync(container, name, content, ifVersion, cancellationToken);

    public override Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        => crashBefore(container, name) ? Crash(container, name) : base.UploadStreamAsync(container, name, write, cancellationToken);

    private static Task<bool> Crash(string container, string name) => throw new IOException($"simulated crash before writing {container}/{name}");
}
