using System.Security.Cryptography;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Providers;

/// <summary>Landing to bronze for one provider file: the file byte for byte under its SHA-256, then its arrival
/// manifest, written once. The first time a content is seen it gets the provider's next arrival number (a conditional
/// write on <c>_sequence.json</c>); the same content again finds its manifest and changes nothing, under whatever name
/// or however often it lands. Two processes taking the same new file at once agree on one manifest (create-only).</summary>
public sealed class ProviderBronzeWriter(ILakeStore lake, TimeProvider clock)
{
    /// <summary>The arrival of <paramref name="content"/>, recorded now unless it was before (then
    /// <c>IsNew</c> is false). <paramref name="rows"/> counts the file's rows, for the manifest.</summary>
    public async Task<(ProviderArrival Arrival, bool IsNew)> WriteAsync(Provider provider, ProviderPart part, string landingBlob, string fileName,
        BinaryData content, Func<int> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(rows);
        var sha256 = Sha256Of(content);
        var manifestBlob = ProviderPaths.Arrival(provider.Name, sha256);
        if (await lake.ReadJsonAsync(LakeContainers.Bronze, manifestBlob, PipelineJsonContext.Blobs.ProviderArrival, cancellationToken) is { } known)
        {
            return (known, false);
        }

        var rowCount = rows();
        var bronzeBlob = ProviderPaths.BronzeFile(provider.Name, sha256, fileName);
        // Create-only: a racing writer of the same content writes the same bytes to the same name.
        await lake.UploadAsync(LakeContainers.Bronze, bronzeBlob, content, overwrite: false, cancellationToken);
        var sequence = await lake.UpdateJsonAsync(LakeContainers.Bronze, ProviderPaths.Sequence(provider.Name), PipelineJsonContext.Blobs.ProviderSequence,
            current => new ProviderSequence((current?.Last ?? 0) + 1), cancellationToken: cancellationToken);
        var arrivedAt = clock.GetUtcNow();
        var arrival = new ProviderArrival(provider.Name, part.Name, sequence!.Last, ProviderPaths.ArrivalId(arrivedAt, provider.Name, sequence.Last), arrivedAt,
            fileName, $"{LakeContainers.Landing}/{landingBlob}", sha256, content.ToMemory().Length, rowCount, bronzeBlob);
        if (await lake.WriteJsonAsync(LakeContainers.Bronze, manifestBlob, arrival, PipelineJsonContext.Blobs.ProviderArrival, overwrite: false, cancellationToken))
        {
            return (arrival, true);
        }

        // Another process recorded the same content first: its arrival is the one (this number stays unused).
        var winner = await lake.ReadJsonAsync(LakeContainers.Bronze, manifestBlob, PipelineJsonContext.Blobs.ProviderArrival, cancellationToken)
            ?? throw new InvalidDataException($"bronze/{manifestBlob} was written by another process and is gone.");
        return (winner, false);
    }

    public static string Sha256Of(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
    }

    /// <summary>The arrival recorded for a content, or null when it never arrived.</summary>
    public Task<ProviderArrival?> FindAsync(string provider, string sha256, CancellationToken cancellationToken = default)
        => lake.ReadJsonAsync(LakeContainers.Bronze, ProviderPaths.Arrival(provider, sha256), PipelineJsonContext.Blobs.ProviderArrival, cancellationToken);
}
