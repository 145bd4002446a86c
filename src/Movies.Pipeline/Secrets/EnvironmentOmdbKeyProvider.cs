using Microsoft.Extensions.Options;

namespace Movies.Pipeline.Secrets;

/// <summary>The key from the <c>OMDB_API_KEY</c> setting.</summary>
public sealed class EnvironmentOmdbKeyProvider(IOptions<SecretsOptions> options) : IOmdbKeyProvider
{
    public ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult(string.IsNullOrWhiteSpace(options.Value.OmdbApiKey) ? null : options.Value.OmdbApiKey);

    public ValueTask<bool> RefreshApiKeyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
