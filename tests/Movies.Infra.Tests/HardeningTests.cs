using System.Text.Json;

namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class HardeningTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void StorageAccounts_All_DenySharedKeyPublicAccessAndOldTls()
    {
        var accounts = compiled.Resources.OfType("Microsoft.Storage/storageAccounts");

        // Host storage and the lake.
        Assert.True(accounts.Count >= 2, $"Expected the host and lake accounts, found {accounts.Count}.");
        Assert.All(accounts, account =>
        {
            var properties = account.Properties;
            Assert.Equal(JsonValueKind.False, properties.GetProperty("allowSharedKeyAccess").ValueKind);
            Assert.Equal(JsonValueKind.False, properties.GetProperty("allowBlobPublicAccess").ValueKind);
            Assert.Equal(JsonValueKind.True, properties.GetProperty("supportsHttpsTrafficOnly").ValueKind);
            Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        });
    }

    [Fact]
    public void ServiceBusNamespaces_All_DisableLocalAuth()
    {
        var namespaces = compiled.Resources.OfType("Microsoft.ServiceBus/namespaces");

        Assert.NotEmpty(namespaces);
        Assert.All(namespaces, ns =>
        {
            Assert.Equal(JsonValueKind.True, ns.Properties.GetProperty("disableLocalAuth").ValueKind);
            Assert.Equal("1.2", ns.Properties.GetProperty("minimumTlsVersion").GetString());
        });
    }

    [Fact]
    public void ApplicationInsights_All_DisableLocalAuth()
    {
        var components = compiled.Resources.OfType("Microsoft.Insights/components");

        Assert.NotEmpty(components);
        Assert.All(components, component =>
            Assert.Equal(JsonValueKind.True, component.Properties.GetProperty("DisableLocalAuth").ValueKind));
    }

    [Fact]
    public void KeyVaults_All_UseRbacAndPurgeProtection()
    {
        var vaults = compiled.Resources.OfType("Microsoft.KeyVault/vaults");

        Assert.NotEmpty(vaults);
        Assert.All(vaults, vault =>
        {
            Assert.Equal(JsonValueKind.True, vault.Properties.GetProperty("enableRbacAuthorization").ValueKind);
            Assert.Equal(JsonValueKind.True, vault.Properties.GetProperty("enablePurgeProtection").ValueKind);
            Assert.Equal(JsonValueKind.True, vault.Properties.GetProperty("enableSoftDelete").ValueKind);
        });
    }

    [Fact]
    public void LakeLifecycle_Rules_NeverTouchGold()
    {
        var policies = compiled.Resources.OfType("Microsoft.Storage/storageAccounts/managementPolicies");

        Assert.NotEmpty(policies);
        var prefixes = policies
            .SelectMany(p => p.Properties.GetProperty("policy").GetProperty("rules").EnumerateArray())
            .SelectMany(rule => rule.GetProperty("definition").GetProperty("filters").GetProperty("prefixMatch").EnumerateArray())
            .Select(prefix => prefix.GetString() ?? "")
            .ToList();
        Assert.Contains("bronze/", prefixes);
        Assert.DoesNotContain(prefixes, prefix => prefix.StartsWith("gold", StringComparison.OrdinalIgnoreCase) || prefix.Length == 0);
    }

    [Fact]
    public void EventGrid_SystemTopic_WatchesStorageAccount()
    {
        var topics = compiled.Resources.OfType("Microsoft.EventGrid/systemTopics");

        var topic = Assert.Single(topics);
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties.GetProperty("topicType").GetString());
    }
}
