using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Secrets;

public sealed class SecretsOptions
{
    /// <summary>The key itself, for local runs. Never logged.</summary>
    [ConfigurationKeyName("OMDB_API_KEY")]
    public string? OmdbApiKey { get; set; }

    /// <summary>When set, the key is read from this vault instead of <see cref="OmdbApiKey"/>.</summary>
    [ConfigurationKeyName("KEY_VAULT_URI")]
    public string? KeyVaultUri { get; set; }

    public bool UsesKeyVault => !string.IsNullOrWhiteSpace(KeyVaultUri);

    [ConfigurationKeyName("OMDB_SECRET_NAME")]
    public string OmdbSecretName { get; set; } = "omdb-api-key";

    /// <summary>Client id of the user-assigned managed identity used for Key Vault.</summary>
    [ConfigurationKeyName("AZURE_CLIENT_ID")]
    public string? AzureClientId { get; set; }
}
