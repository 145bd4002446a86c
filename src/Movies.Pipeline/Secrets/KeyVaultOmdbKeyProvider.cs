using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;

namespace Movies.Pipeline.Secrets;

/// <summary>The key from Key Vault, read once and cached; read again once after OMDb rejects it.</summary>
public sealed class KeyVaultOmdbKeyProvider(SecretClient client, IOptions<SecretsOptions> options, ILogger<KeyVaultOmdbKeyProvider> logger, SecretRedactor? redactor = null)
    : IOmdbKeyProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _key;
    private bool _loaded;

    public async ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return _key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                _key = await LoadAsync(cancellationToken);
                _loaded = true;
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> RefreshApiKeyAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var previous = _key;
            _key = await LoadAsync(cancellationToken);
            _loaded = true;
            var changed = !string.Equals(previous, _key, StringComparison.Ordinal);
            Log.KeyRefreshed(logger, options.Value.OmdbSecretName, changed);
            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.OmdbSecretName;
        try
        {
            KeyVaultSecret secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
            // Known to the redactor before anything can echo it back.
            redactor?.Remember(secret.Value);
            return string.IsNullOrWhiteSpace(secret.Value) ? null : secret.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            Log.SecretMissing(logger, name);
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or AggregateException or HttpRequestException)
        {
            throw new PipelineServiceException($"Key Vault {client.VaultUri} could not be read (secret {name}): {ServiceErrors.Describe(e)}", e);
        }
    }
}
