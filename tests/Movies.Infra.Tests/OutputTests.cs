using System.Text.Json;

namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class OutputTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void Outputs_All_AreNotSecureTypes()
    {
        Assert.NotEmpty(compiled.Outputs);
        Assert.All(compiled.Outputs, output =>
            Assert.False(InfraRules.IsSecureType(output.Type), $"Output {output.Name} is {output.Type}."));
    }

    [Fact]
    public void Outputs_All_CarryNoSecrets()
    {
        Assert.NotEmpty(compiled.Outputs);
        Assert.All(compiled.Outputs, output =>
        {
            Assert.False(InfraRules.OutputNameLooksSecret(output.Name), $"Output name {output.Name} looks like a secret.");
            Assert.False(
                InfraRules.OutputValueLooksSecret(output.Value, output.Template),
                $"Output {output.Name} = {output.Value} looks like a secret.");
        });
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_FUNCTION_APP_HOSTNAME")]
    [InlineData("LAKE_STORAGE_ACCOUNT_NAME")]
    [InlineData("LAKE_DEADLETTER_CONTAINER_NAME")]
    [InlineData("EVENTGRID_SYSTEM_TOPIC_NAME")]
    [InlineData("EVENTGRID_IDENTITY_ID")]
    [InlineData("KEY_VAULT_NAME")]
    [InlineData("KEY_VAULT_URI")]
    [InlineData("SERVICEBUS_NAMESPACE")]
    [InlineData("TASK_HUB_NAME")]
    public void Outputs_Main_HaveWhatHooksNeed(string name)
    {
        Assert.True(
            compiled.Root.GetProperty("outputs").TryGetProperty(name, out _),
            $"main.bicep has no output {name}.");
    }

    [Theory]
    [InlineData("STORAGE_CONNECTION_STRING", "[variables('x')]")]
    [InlineData("OMDB_API_KEY", "[parameters('name')]")]
    [InlineData("AZURE_STORAGE_KEY", "[parameters('name')]")]
    [InlineData("ADMIN_PASSWORD", "[parameters('name')]")]
    public void OutputNameLooksSecret_SecretNames_ReturnsTrue(string name, string value)
    {
        _ = value;
        Assert.True(InfraRules.OutputNameLooksSecret(name));
    }

    [Theory]
    [InlineData("KEY_VAULT_URI")]
    [InlineData("OMDB_SECRET_NAME")]
    [InlineData("AZURE_CLIENT_ID")]
    public void OutputNameLooksSecret_PlainNames_ReturnsFalse(string name)
    {
        Assert.False(InfraRules.OutputNameLooksSecret(name));
    }

    [Theory]
    [InlineData("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value]")]
    [InlineData("[reference(resourceId('Microsoft.Insights/components', 'appi'), '2020-02-02').ConnectionString]")]
    [InlineData("[parameters('omdbApiKey')]")]
    public void OutputValueLooksSecret_KeysOrSecureParameters_ReturnsTrue(string value)
    {
        using var template = JsonDocument.Parse("""{ "parameters": { "omdbApiKey": { "type": "securestring" } } }""");

        Assert.True(InfraRules.OutputValueLooksSecret(value, template.RootElement));
    }
}
