using System.Text.Json;

namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class AppSettingsTests(CompiledMainTemplate compiled)
{
    private ArmResource FunctionApp =>
        Assert.Single(
            compiled.Resources.OfType("Microsoft.Web/sites"),
            site => site.Element.TryGetProperty("kind", out var kind)
                && (kind.GetString() ?? "").Contains("functionapp", StringComparison.OrdinalIgnoreCase));

    /// <summary>App setting names and values from siteConfig.appSettings and sites/config 'appsettings'.</summary>
    private Dictionary<string, string> AppSettings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (FunctionApp.Properties.TryGetProperty("siteConfig", out var siteConfig)
                && siteConfig.TryGetProperty("appSettings", out var list)
                && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var setting in list.EnumerateArray())
                {
                    settings[setting.GetProperty("name").GetString() ?? ""] = setting.GetProperty("value").ToString();
                }
            }

            foreach (var config in compiled.Resources.OfType("Microsoft.Web/sites/config")
                .Where(c => c.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(
                    config.Properties.ValueKind == JsonValueKind.Object,
                    $"appsettings must be a literal object to be checked, not {config.Properties}.");
                foreach (var setting in config.Properties.EnumerateObject())
                {
                    settings[setting.Name] = setting.Value.ToString();
                }
            }

            return settings;
        }
    }

    public static TheoryData<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.sample.json")));
        var data = new TheoryData<string>();
        foreach (var setting in sample.RootElement.GetProperty("Values").EnumerateObject())
        {
            if (!InfraRules.LocalOnlySettings.Contains(setting.Name))
            {
                data.Add(setting.Name);
            }
        }

        return data;
    }

    [Fact]
    public void SampleSettings_LocalSettingsSample_AreRead()
    {
        Assert.True(SampleSettings().Count >= 10, "local.settings.sample.json lists too few settings.");
    }

    [Theory]
    [MemberData(nameof(SampleSettings))]
    public void AppSettings_SampleSetting_IsSetOnFunctionApp(string name)
    {
        Assert.True(AppSettings.ContainsKey(name), $"App setting {name} of local.settings.sample.json is not set in Bicep.");
    }

    [Fact]
    public void AppSettings_LocalOnlySettings_AreNotSet()
    {
        Assert.NotEmpty(AppSettings);
        Assert.All(InfraRules.LocalOnlySettings, name => Assert.False(AppSettings.ContainsKey(name), $"{name} is local-only."));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage__clientId")]
    [InlineData("AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage__tableServiceUri")]
    [InlineData("LakeStorage__credential")]
    [InlineData("LakeStorage__clientId")]
    [InlineData("LakeStorage__blobServiceUri")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    public void AppSettings_IdentityConnection_IsSet(string name)
    {
        Assert.True(AppSettings.ContainsKey(name), $"App setting {name} is missing.");
    }

    [Fact]
    public void AppSettings_Credentials_AreManagedIdentity()
    {
        Assert.Equal("managedidentity", AppSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", AppSettings["LakeStorage__credential"]);
        Assert.Contains("Authorization=AAD", AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_Values_HoldNoKeys()
    {
        Assert.NotEmpty(AppSettings);
        Assert.All(AppSettings, setting =>
            Assert.False(InfraRules.SettingValueHoldsKey(setting.Value), $"{setting.Key} holds a key: {setting.Value}"));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abc")]
    [InlineData("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value]")]
    public void SettingValueHoldsKey_KeyOrConnectionString_ReturnsTrue(string value)
    {
        Assert.True(InfraRules.SettingValueHoldsKey(value));
    }

    [Fact]
    public void FunctionApp_FlexConsumption_DeploysWithUserAssignedIdentity()
    {
        var config = FunctionApp.Properties.GetProperty("functionAppConfig");

        var runtime = config.GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
        var storage = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.True(config.GetProperty("scaleAndConcurrency").TryGetProperty("instanceMemoryMB", out _));
        Assert.True(config.GetProperty("scaleAndConcurrency").TryGetProperty("maximumInstanceCount", out _));
        Assert.Equal("UserAssigned", FunctionApp.Element.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public void FunctionApp_Tags_NameTheAzdService()
    {
        var tags = FunctionApp.Element.GetProperty("tags").ToString();

        Assert.Contains("azd-service-name", tags, StringComparison.Ordinal);
        Assert.Contains("'api'", tags, StringComparison.Ordinal);
    }
}
