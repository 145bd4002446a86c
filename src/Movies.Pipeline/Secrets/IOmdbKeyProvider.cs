namespace Movies.Pipeline.Secrets;

/// <summary>Where the OMDb key comes from: the environment locally, Key Vault in Azure.</summary>
public interface IOmdbKeyProvider
{
    /// <summary>The key, or null when none is configured.</summary>
    ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Reloads the key after OMDb called it invalid; true when a different key came back
    /// (someone rotated the secret), so the caller may try once more.</summary>
    ValueTask<bool> RefreshApiKeyAsync(CancellationToken cancellationToken = default);
}
