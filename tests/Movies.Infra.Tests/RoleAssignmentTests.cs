using System.Text.Json;

namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class RoleAssignmentTests(CompiledMainTemplate compiled)
{
    private IReadOnlyList<ArmResource> Assignments =>
        compiled.Resources.OfType("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void RoleAssignments_All_ScopedToSingleResource()
    {
        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, assignment =>
        {
            var scope = assignment.Element.TryGetProperty("scope", out var s) ? s.GetString() : null;
            Assert.True(
                InfraRules.ScopeTargetsSingleResource(scope),
                $"Role assignment {assignment.Name} has scope '{scope}', not one resource.");
        });
    }

    [Fact]
    public void RoleAssignments_All_UseKnownRoles()
    {
        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, assignment =>
        {
            var roleDefinitionId = assignment.Properties.GetProperty("roleDefinitionId").GetString() ?? "";
            var guid = InfraRules.RoleDefinitionGuid(roleDefinitionId, assignment.Template);
            Assert.True(
                guid is not null && InfraRules.KnownRoles.ContainsKey(guid),
                $"Role assignment {assignment.Name} uses unknown role '{roleDefinitionId}'.");
        });
    }

    [Fact]
    public void RoleAssignments_App_GetsEveryRoleItNeeds()
    {
        var roles = Assignments
            .Select(a => InfraRules.RoleDefinitionGuid(a.Properties.GetProperty("roleDefinitionId").GetString() ?? "", a.Template))
            .OfType<string>()
            .Select(guid => InfraRules.KnownRoles[guid])
            .ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "Storage Blob Data Owner",
                "Storage Queue Data Contributor",
                "Storage Table Data Contributor",
                "Storage Blob Data Contributor",
                "Key Vault Secrets User",
                "Key Vault Secrets Officer",
                "Azure Service Bus Data Sender",
                "Monitoring Metrics Publisher",
            },
            roles);
    }

    [Fact]
    public void RoleAssignments_BlobDataReader_OnlyOnTheGoldContainer()
    {
        var readers = Assignments
            .Where(a => InfraRules.RoleDefinitionGuid(a.Properties.GetProperty("roleDefinitionId").GetString() ?? "", a.Template) == "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")
            .ToList();

        // Power BI (and the operator) read gold only (docs/powerbi.md, docs/deploy.md): never the whole lake.
        Assert.Equal(2, readers.Count);
        Assert.All(readers, reader => Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers", reader.Element.GetProperty("scope").GetString() ?? "", StringComparison.Ordinal));
        Assert.Contains(new FunctionsContract(compiled.Root).RoleAssignments, a => a.Role == "Storage Blob Data Reader" && a.Scope.Contains("'gold'", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignments_Names_AreDeterministicGuids()
    {
        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, assignment => Assert.StartsWith("[guid(", assignment.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[resourceGroup().id]")]
    [InlineData("[subscription().id]")]
    [InlineData("[resourceId('Microsoft.Resources/resourceGroups', 'rg-movies')]")]
    public void ScopeTargetsSingleResource_GroupOrSubscription_ReturnsFalse(string? scope)
    {
        Assert.False(InfraRules.ScopeTargetsSingleResource(scope));
    }

    [Theory]
    [InlineData("[resourceId('Microsoft.Storage/storageAccounts', parameters('lakeStorageName'))]")]
    [InlineData("[format('Microsoft.ServiceBus/namespaces/{0}/topics/{1}', parameters('ns'), parameters('topic'))]")]
    public void ScopeTargetsSingleResource_ResourceId_ReturnsTrue(string scope)
    {
        Assert.True(InfraRules.ScopeTargetsSingleResource(scope));
    }

    [Fact]
    public void RoleDefinitionGuid_VariableReference_ResolvesFromTemplate()
    {
        using var template = JsonDocument.Parse("""{ "variables": { "roles": { "owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b" } } }""");

        var guid = InfraRules.RoleDefinitionGuid(
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').owner)]",
            template.RootElement);

        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", guid);
    }

    [Fact]
    public void RoleDefinitionGuid_UnknownRole_IsNotKnown()
    {
        using var template = JsonDocument.Parse("{}");

        // Owner: never granted by this deployment.
        var guid = InfraRules.RoleDefinitionGuid(
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]",
            template.RootElement);

        Assert.NotNull(guid);
        Assert.False(InfraRules.KnownRoles.ContainsKey(guid));
    }
}
