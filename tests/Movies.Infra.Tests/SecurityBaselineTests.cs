using System.Text.Json;

namespace Movies.Infra.Tests;

/// <summary>The Azure baseline of issue 25 (docs/security.md), checked on the compiled template: the network default is an
/// explicit parameter and private networking denies by default with private endpoints; every data service and the app
/// send their audit logs to Log Analytics; basic publishing credentials are off; each role assignment is pinned (and
/// justified in docs/deploy.md); App Service authentication with Entra ID is an option that keeps the platform's
/// key-authenticated webhooks working.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class SecurityBaselineTests(CompiledMainTemplate compiled)
{
    private const string PrivateNetworking = "root.parameters('privateNetworking')";

    private ArmScope Root => ArmScope.Root(compiled.Root);

    private IEnumerable<(JsonElement Resource, ArmScope Scope)> OfType(string type)
        => Root.Resources().Where(r => string.Equals(r.Resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    private static string Resolved(JsonElement resource, ArmScope scope, params string[] path)
    {
        var element = resource;
        foreach (var part in path)
        {
            Assert.True(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(part, out element), $"{resource.GetProperty("type")} has no {string.Join('.', path)}");
        }

        return element.ValueKind == JsonValueKind.String ? scope.Resolve(element.GetString()!) : element.GetRawText();
    }

    // ---- 10. Network ----

    [Fact]
    public void Network_PublicDefault_IsAnExplicitDocumentedParameter()
    {
        var parameter = compiled.Root.GetProperty("parameters").GetProperty("privateNetworking");
        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, parameter.GetProperty("defaultValue").ValueKind);
        Assert.Contains("explicit choice", parameter.GetProperty("metadata").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("${PRIVATE_NETWORKING=false}", AzdParameter("privateNetworking"));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.KeyVault/vaults")]
    public void Network_StorageAndVault_DenyByDefaultWhenPrivate(string type)
    {
        var resources = OfType(type).ToList();

        Assert.NotEmpty(resources);
        Assert.All(resources, r =>
        {
            var rule = Resolved(r.Resource, r.Scope, "properties", "networkAcls", "defaultAction");
            Assert.Equal("Deny", ArmCondition.Evaluate(rule, PrivateNetworking, true));
            Assert.Equal("Allow", ArmCondition.Evaluate(rule, PrivateNetworking, false));
            Assert.Equal("'AzureServices'", Resolved(r.Resource, r.Scope, "properties", "networkAcls", "bypass"));
        });
    }

    [Fact]
    public void Network_ServiceBus_PremiumWithoutPublicAccessWhenPrivate()
    {
        var (bus, scope) = Assert.Single(OfType("Microsoft.ServiceBus/namespaces"));

        var access = Resolved(bus, scope, "properties", "publicNetworkAccess");
        Assert.Equal("Disabled", ArmCondition.Evaluate(access, PrivateNetworking, true));
        Assert.Equal("Enabled", ArmCondition.Evaluate(access, PrivateNetworking, false));
        var sku = Resolved(bus, scope, "sku");
        Assert.StartsWith($"if(({PrivateNetworking}), createObject('name', 'Premium'", sku, StringComparison.Ordinal);
        Assert.Contains("createObject('name', 'Standard'", sku, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_Private_PrivateEndpointForEveryServiceTheAppCalls()
    {
        var network = Module("network");
        Assert.Equal("[parameters('privateNetworking')]", network.GetProperty("condition").GetString());
        var endpoints = network.GetProperty("properties").GetProperty("parameters").GetProperty("endpoints").GetProperty("value").EnumerateArray()
            .Select(e => (Target: Root.Resolve(e.GetProperty("resourceId").GetString()!), Group: e.GetProperty("groupId").GetString()))
            .Select(e => (Name: ArmScope.ResourceNameIn(e.Target, "Microsoft.Storage/storageAccounts") ?? ArmScope.ResourceNameIn(e.Target, "Microsoft.KeyVault/vaults")
                ?? ArmScope.ResourceNameIn(e.Target, "Microsoft.ServiceBus/namespaces"), e.Group))
            .ToHashSet();

        Assert.Equal(
            new HashSet<(string?, string?)>
            {
                ("root.variables('hostStorageName')", "blob"), ("root.variables('hostStorageName')", "queue"), ("root.variables('hostStorageName')", "table"),
                ("root.variables('lakeStorageName')", "blob"), ("root.variables('lakeStorageName')", "queue"),
                ("root.variables('vaultName')", "vault"), ("root.variables('serviceBusName')", "namespace"),
            },
            endpoints);
        var (vnet, scope) = Assert.Single(OfType("Microsoft.Network/virtualNetworks"));
        Assert.Contains("Microsoft.App/environments", Resolved(vnet, scope, "properties", "subnets"), StringComparison.Ordinal);
        Assert.Single(OfType("Microsoft.Network/privateEndpoints"));
    }

    [Fact]
    public void Network_Private_AppIntegratedWithTheAppSubnet()
    {
        var passed = Module("api").GetProperty("properties").GetProperty("parameters").GetProperty("virtualNetworkSubnetId").GetString()!;
        var subnet = compiled.Root.GetProperty("variables").GetProperty("appSubnetId").GetString()!;

        Assert.Equal("[if(parameters('privateNetworking'), createObject('value', variables('appSubnetId')), createObject('value', ''))]", passed);
        Assert.Contains("'Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'app')", subnet, StringComparison.Ordinal);
        var (site, scope) = Assert.Single(OfType("Microsoft.Web/sites"));
        Assert.Contains("parameters('virtualNetworkSubnetId')", site.GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString(), StringComparison.Ordinal);
    }

    // ---- 11. Diagnostic settings ----

    public static TheoryData<string, string, string[]> AuditedResources() => new()
    {
        { "Microsoft.Storage/storageAccounts/blobServices", "lakeStorageName", ["StorageWrite", "StorageDelete"] },
        { "Microsoft.Storage/storageAccounts/blobServices", "hostStorageName", ["StorageDelete"] },
        { "Microsoft.KeyVault/vaults", "vaultName", ["AuditEvent"] },
        { "Microsoft.ServiceBus/namespaces", "serviceBusName", ["OperationalLogs"] },
        { "Microsoft.Web/sites", "functionAppName", ["FunctionAppLogs"] },
    };

    [Theory]
    [MemberData(nameof(AuditedResources))]
    public void Diagnostics_EveryDataServiceAndTheApp_LogToTheWorkspace(string type, string name, string[] categories)
    {
        var settings = OfType("Microsoft.Insights/diagnosticSettings")
            .Where(d => ArmScope.ResourceNameIn(Resolved(d.Resource, d.Scope, "scope"), type) == $"root.variables('{name}')")
            .ToList();

        var (setting, scope) = Assert.Single(settings);
        Assert.Equal("resourceId('Microsoft.OperationalInsights/workspaces', root.parameters('logAnalyticsName'))",
            ArmCondition.Unwrap(Resolved(setting, scope, "properties", "workspaceId")));
        var enabled = setting.GetProperty("properties").GetProperty("logs").EnumerateArray()
            .Where(l => l.GetProperty("enabled").ValueKind == JsonValueKind.True).Select(l => l.GetProperty("category").GetString()!);
        Assert.Superset(categories.ToHashSet(), enabled.ToHashSet());
    }

    [Fact]
    public void Diagnostics_EveryStorageVaultBusAndApp_HasOne()
    {
        var audited = OfType("Microsoft.Insights/diagnosticSettings").Select(d => Resolved(d.Resource, d.Scope, "scope")).ToList();
        var resources = OfType("Microsoft.Storage/storageAccounts").Select(r => ("Microsoft.Storage/storageAccounts/blobServices", r))
            .Concat(OfType("Microsoft.KeyVault/vaults").Select(r => ("Microsoft.KeyVault/vaults", r)))
            .Concat(OfType("Microsoft.ServiceBus/namespaces").Select(r => ("Microsoft.ServiceBus/namespaces", r)))
            .Concat(OfType("Microsoft.Web/sites").Select(r => ("Microsoft.Web/sites", r)))
            .ToList();

        Assert.Equal(5, resources.Count);
        Assert.All(resources, r =>
        {
            var name = ArmCondition.Unwrap(Resolved(r.Item2.Resource, r.Item2.Scope, "name"));
            Assert.Contains(audited, scope => ArmScope.ResourceNameIn(scope, r.Item1) == name);
        });
    }

    // ---- 12. Basic publishing credentials ----

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void PublishingCredentials_BasicAuth_DisabledOnEveryApp(string policy)
    {
        var sites = OfType("Microsoft.Web/sites").Select(s => ArmCondition.Unwrap(Resolved(s.Resource, s.Scope, "name"))).ToList();
        var policies = OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .Where(p => Resolved(p.Resource, p.Scope, "name").EndsWith($"'{policy}')", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(sites);
        Assert.Equal(sites.Count, policies.Count);
        Assert.All(policies, p => Assert.Equal(JsonValueKind.False, p.Resource.GetProperty("properties").GetProperty("allow").ValueKind));
    }

    // ---- 13. Roles ----

    /// <summary>Every role assignment of the deployment: who, which role, on what. A change here is a change of the trust
    /// boundary: make it on purpose, with its reason in docs/deploy.md.</summary>
    public static readonly IReadOnlyList<(string Principal, string Role, string Scope)> PinnedRoles =
    [
        ("app", "Storage Blob Data Owner", "host storage"),
        ("app", "Storage Queue Data Contributor", "host storage"),
        ("app", "Storage Table Data Contributor", "host storage"),
        ("app", "Storage Blob Data Owner", "lake"),
        ("app", "Storage Queue Data Contributor", "lake"),
        ("app", "Key Vault Secrets User", "vault"),
        ("app", "Azure Service Bus Data Sender", "topic pipeline-events"),
        ("app", "Monitoring Metrics Publisher", "Application Insights"),
        ("event grid", "Storage Blob Data Contributor", "container eventgrid-deadletter"),
        ("user", "Storage Blob Data Contributor", "containers source, landing, bronze, silver"),
        ("user", "Storage Blob Data Reader", "container gold"),
        ("user", "Storage Queue Data Contributor", "queue webjobs-blobtrigger-poison"),
        ("user", "Key Vault Secrets Officer", "vault"),
        ("gold readers", "Storage Blob Data Reader", "container gold"),
    ];

    [Fact]
    public void Roles_EveryAssignment_IsPinned()
    {
        var actual = new FunctionsContract(compiled.Root).RoleAssignments.Select(a => (Principal(a.Principal), a.Role, ScopeOf(a.Scope))).ToList();

        Assert.Equal(PinnedRoles.OrderBy(r => r.ToString(), StringComparer.Ordinal), actual.OrderBy(r => r.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void Roles_User_NoneOnAWholeStorageAccountAndOfficerOnlyWithoutTheKey()
    {
        var user = new FunctionsContract(compiled.Root).RoleAssignments.Where(a => a.Principal.Contains("'principalId'", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(user);
        Assert.DoesNotContain(user, a => a.Scope.StartsWith("resourceId('Microsoft.Storage/storageAccounts',", StringComparison.Ordinal));
        var officer = OfType("Microsoft.Authorization/roleAssignments")
            .Single(r => InfraRules.RoleDefinitionGuid(r.Resource.GetProperty("properties").GetProperty("roleDefinitionId").GetString() ?? "", r.Scope.Template) == "b86a8fe4-44ce-4948-aee5-eccb2c155cd7");
        Assert.Equal("and(not(empty((root.parameters('principalId')))), (empty(root.parameters('omdbApiKey'))))", Resolved(officer.Resource, officer.Scope, "condition"));
    }

    [Fact]
    public void Roles_EveryPinnedRole_JustifiedInDeployDocs()
    {
        var docs = File.ReadAllText(RepositoryRoot.Combine("docs", "deploy.md"));

        Assert.All(PinnedRoles, r => Assert.Contains($"| {r.Principal} | {r.Role} | {r.Scope} |", docs, StringComparison.Ordinal));
    }

    // ---- 14. Entra ID ----

    [Fact]
    public void Entra_Option_RequiresTokensButKeepsTheKeyWebhooks()
    {
        var parameter = compiled.Root.GetProperty("parameters").GetProperty("entraClientId");
        Assert.Equal(string.Empty, parameter.GetProperty("defaultValue").GetString());
        Assert.Equal("${ENTRA_CLIENT_ID=}", AzdParameter("entraClientId"));
        var (auth, scope) = Assert.Single(OfType("Microsoft.Web/sites/config"), c => Resolved(c.Resource, c.Scope, "name").Contains("'authsettingsV2'", StringComparison.Ordinal));
        Assert.Equal("not(empty((root.parameters('entraClientId'))))", Resolved(auth, scope, "condition"));
        var properties = auth.GetProperty("properties");
        var validation = properties.GetProperty("globalValidation");
        Assert.Equal(JsonValueKind.True, validation.GetProperty("requireAuthentication").ValueKind);
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
        // Only the platform's webhooks, each authenticated by its system key: the starter itself needs a token.
        Assert.Equal(["/runtime/webhooks/blobs", "/runtime/webhooks/durabletask"], validation.GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()));
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.Contains("api://", scope.Resolve(entra.GetProperty("validation").GetProperty("allowedAudiences")[0].GetString()!), StringComparison.Ordinal);
        Assert.Contains("/v2.0", scope.Resolve(entra.GetProperty("registration").GetProperty("openIdIssuer").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_EventGridBlobTriggers_DeliverToAnExcludedPath()
    {
        var triggers = Attributes("BlobTrigger");

        // Event Grid delivers every blob trigger's events to the blob extension's webhook (post-deploy.sh), with its system
        // key: /runtime/webhooks/blobs, which App Service authentication leaves to that key.
        Assert.NotEmpty(triggers);
        Assert.All(triggers, t => Assert.Contains("Source = BlobTriggerSource.EventGrid", t, StringComparison.Ordinal));
        Assert.Contains("/runtime/webhooks/blobs?functionName=", File.ReadAllText(RepositoryRoot.Combine("scripts", "post-deploy.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_HttpStarter_KeepsTheFunctionKey()
    {
        var http = Assert.Single(Attributes("HttpTrigger"));

        Assert.StartsWith("[HttpTrigger(AuthorizationLevel.Function,", http, StringComparison.Ordinal);
    }

    /// <summary>The text of every <c>[Kind(...)]</c> attribute in the Functions app's sources.</summary>
    private static List<string> Attributes(string kind)
        => [.. Directory.GetFiles(RepositoryRoot.Combine("src", "Movies.Functions"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), $@"\[{kind}\([^\]]*\)\]").Select(m => m.Value))];

    private JsonElement Module(string name)
    {
        var resources = compiled.Root.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : [.. resources.EnumerateObject().Select(p => p.Value)];
        return Assert.Single(all, r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == name);
    }

    private static string AzdParameter(string name)
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")));
        return parameters.RootElement.GetProperty("parameters").GetProperty(name).GetProperty("value").GetString()!;
    }

    private static string Principal(string principal) => principal switch
    {
        "root.variables('apiIdentityName')" => "app",
        "root.variables('eventGridIdentityName')" => "event grid",
        "(root.parameters('principalId'))" => "user",
        "(root.parameters('goldReaderPrincipalId'))" => "gold readers",
        _ => principal,
    };

    private static string ScopeOf(string scope) => scope switch
    {
        "resourceId('Microsoft.Storage/storageAccounts', (root.variables('hostStorageName')))" => "host storage",
        "resourceId('Microsoft.Storage/storageAccounts', (root.variables('lakeStorageName')))" => "lake",
        "resourceId('Microsoft.KeyVault/vaults', (root.variables('vaultName')))" => "vault",
        "resourceId('Microsoft.ServiceBus/namespaces/topics', (root.variables('serviceBusName')), (root.parameters('serviceBusTopic')))" => "topic pipeline-events",
        "resourceId('Microsoft.Insights/components', (root.variables('appInsightsName')))" => "Application Insights",
        "resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', (root.variables('lakeStorageName')), 'default', (root.variables('deadLetterContainerName')))" => "container eventgrid-deadletter",
        "resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', (root.variables('lakeStorageName')), 'default', ('gold'))" => "container gold",
        "resourceId('Microsoft.Storage/storageAccounts/queueServices/queues', (root.variables('lakeStorageName')), 'default', (root.variables('poisonQueueName')))" => "queue webjobs-blobtrigger-poison",
        _ when scope.Contains("\"source\",", StringComparison.Ordinal) && scope.Contains("\"silver\"", StringComparison.Ordinal) && scope.Contains("[copyIndex()]", StringComparison.Ordinal)
            => "containers source, landing, bronze, silver",
        _ => scope,
    };
}
