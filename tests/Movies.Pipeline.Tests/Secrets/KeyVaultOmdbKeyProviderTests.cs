using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Secrets;


namespace Movies.Pipeline.Tests.Secrets;

/// <summary>The real SecretClient, over a transport that answers as Key Vault does.</summary>
public sealed class KeyVaultOmdbKeyProviderTests : IDisposable
{
    private const string SecretName = "omdb-api-key";
    private const string Key = "k3y-0f-th3-t3st";
    private readonly FakeKeyVaultHandler _vault = new(SecretName) { Value = Key };
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly KeyVaultOmdbKeyProvider _provider;

    public KeyVaultOmdbKeyProviderTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        var secrets = new SecretsOptions { KeyVaultUri = FakeKeyVaultHandler.VaultUri, OmdbSecretName = SecretName };
        var client = SecretsServiceCollectionExtensions.CreateSecretClient(
            secrets,
            new ResilienceOptions { MaxRetries = 0 },
            new FixedTokenCredential(),
            new SecretClientOptions { Transport = new HttpClientTransport(new HttpClient(_vault)) });
        _provider = new KeyVaultOmdbKeyProvider(client, Options.Create(secrets), _loggerFactory.CreateLogger<KeyVaultOmdbKeyProvider>());
    }

    [Fact]
    public async Task GetApiKeyAsync_ManyCalls_ReadsVaultOnce()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _provider.GetApiKeyAsync().AsTask()));

        Assert.All(keys, k => Assert.Equal(Key, k));
        Assert.Equal(1, _vault.Gets);
        // SecretClient caches the challenge per vault host for the process: at most one per test run.
        Assert.InRange(_vault.Challenges, 0, 1);
    }

    [Fact]
    public async Task RefreshApiKeyAsync_SecretRotated_ReturnsTrueAndNewKey()
    {
        await _provider.GetApiKeyAsync();
        _vault.Value = "r0tated-k3y";
        _vault.Version = 2;

        var changed = await _provider.RefreshApiKeyAsync();

        Assert.True(changed);
        Assert.Equal("r0tated-k3y", await _provider.GetApiKeyAsync());
        Assert.Equal(2, _vault.Gets);
    }

    [Fact]
    public async Task RefreshApiKeyAsync_SecretUnchanged_ReturnsFalse()
    {
        await _provider.GetApiKeyAsync();

        var changed = await _provider.RefreshApiKeyAsync();

        Assert.False(changed);
        Assert.Equal(Key, await _provider.GetApiKeyAsync());
    }

    [Fact]
    public async Task GetApiKeyAsync_SecretMissing_ReturnsNullAndSaysSo()
    {
        _vault.Value = null;

        var key = await _provider.GetApiKeyAsync();

        Assert.Null(key);
        Assert.Contains(_logs.Lines, l => l.Contains(SecretName, StringComparison.Ordinal) && l.Contains("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshApiKeyAsync_AnyOutcome_NeverLogsTheSecret()
    {
        await _provider.GetApiKeyAsync();
        _vault.Value = "r0tated-k3y";
        await _provider.RefreshApiKeyAsync();
        _vault.Value = null;
        await _provider.RefreshApiKeyAsync();

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Key, StringComparison.Ordinal) || l.Contains("r0tated-k3y", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _provider.Dispose();
        _loggerFactory.Dispose();
        _vault.Dispose();
    }
}
