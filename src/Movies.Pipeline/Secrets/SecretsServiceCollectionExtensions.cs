using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;

namespace Movies.Pipeline.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>The OMDb key provider: Key Vault when <c>KEY_VAULT_URI</c> is set, else <c>OMDB_API_KEY</c>; and the
    /// one <see cref="SecretRedactor"/>, which learns every key the provider hands out.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>().BindFlatConfiguration()
            .Validate(o => !o.UsesKeyVault || Uri.IsWellFormedUriString(o.KeyVaultUri, UriKind.Absolute), "KEY_VAULT_URI must be an absolute URI such as https://myvault.vault.azure.net/.")
            .ValidateOnStart();
        services.AddSingleton<SecretRedactor>();
        services.AddSingleton<IOmdbKeyProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SecretsOptions>>();
            if (!options.Value.UsesKeyVault)
            {
                return new EnvironmentOmdbKeyProvider(options);
            }

            var client = sp.GetService<SecretClient>() ?? CreateSecretClient(options.Value, sp.GetRequiredService<IOptions<ResilienceOptions>>().Value);
            return new KeyVaultOmdbKeyProvider(client, options, sp.GetRequiredService<ILogger<KeyVaultOmdbKeyProvider>>(), sp.GetRequiredService<SecretRedactor>());
        });
        return services;
    }

    /// <summary>A client on <c>KEY_VAULT_URI</c> with <c>DefaultAzureCredential</c> (the user-assigned
    /// identity of <c>AZURE_CLIENT_ID</c> in Azure).</summary>
    public static SecretClient CreateSecretClient(SecretsOptions secrets, ResilienceOptions resilience, SecretClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = secrets.AzureClientId });
        return CreateSecretClient(secrets, resilience, credential, clientOptions);
    }

    /// <summary>A client on <c>KEY_VAULT_URI</c> with the given credential and client options (transport,
    /// diagnostics); retries always follow <c>MAX_RETRIES</c> and <c>BASE_DELAY_SECONDS</c>.</summary>
    public static SecretClient CreateSecretClient(SecretsOptions secrets, ResilienceOptions resilience, TokenCredential credential, SecretClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(resilience);
        clientOptions ??= new SecretClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = resilience.MaxRetries;
        clientOptions.Retry.Delay = resilience.BaseDelay;
        clientOptions.Retry.MaxDelay = resilience.MaxDelay;
        return new SecretClient(new Uri(secrets.KeyVaultUri!, UriKind.Absolute), credential, clientOptions);
    }
}
