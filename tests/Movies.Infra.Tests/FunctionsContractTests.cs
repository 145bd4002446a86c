using System.Text.Json;
using System.Text.Json.Nodes;

namespace Movies.Infra.Tests;

/// <summary>
/// The part of Azure that CI can see: the Functions app's triggers and settings, read from what its build generates
/// for the Functions host (<see cref="FunctionsBuild"/>: functions.metadata, extensions.json, the app's assemblies),
/// against the compiled template's app settings, role assignments and Service Bus topic, and local.settings.sample.json.
/// Each rule is also run on a copy of the compiled template with the one thing it checks taken out, to show that it can fail.
/// </summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class FunctionsContractTests(CompiledMainTemplate compiled)
{
    private static IReadOnlyList<FunctionBinding> Bindings => FunctionsBuild.Bindings;

    private FunctionsContract Contract => new(compiled.Root);

    public static TheoryData<string> BlobTriggerConnections()
    {
        var data = new TheoryData<string>();
        foreach (var connection in Bindings.Where(b => b.Type == "blobTrigger").Select(b => b.Connection!).Distinct(StringComparer.Ordinal))
        {
            data.Add(connection);
        }

        return data;
    }

    /// <summary>Every setting the app reads by name: <c>%SETTING%</c> in its bindings and host.json, and every
    /// engine or app option's <c>[ConfigurationKeyName]</c> in the built assemblies.</summary>
    public static TheoryData<string> SettingsTheAppReads()
    {
        var data = new TheoryData<string>();
        foreach (var name in SettingNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Metadata_FunctionsApp_HasEventGridBlobTimerHttpAndDurableBindings()
    {
        var types = Bindings.Select(b => b.Type).ToHashSet();

        Assert.Superset(new HashSet<string> { "blobTrigger", "timerTrigger", "durableClient", "orchestrationTrigger", "activityTrigger", "httpTrigger" }, types);
        Assert.All(Bindings.Where(b => b.Type == "blobTrigger"), b => Assert.Equal(("LakeStorage", "EventGrid"), (b.Connection, b.Values.GetValueOrDefault("source"))));
        Assert.Equal(["IngestLandedFile", "PromoteToGold", "PromoteToSilver"], Bindings.Where(b => b.Type == "blobTrigger").Select(b => b.Function).Order(StringComparer.Ordinal));
        Assert.Contains("PIPELINE_SCHEDULE", Bindings.SelectMany(b => b.SettingReferences));
    }

    [Fact]
    public void Extensions_TheHostLoads_MatchTheBindingsAndShipWithTheBuild()
    {
        // The host loads a binding's extension from extensions.json: Event Grid blob triggers need the storage blobs
        // extension, the durable bindings the Durable Task one; each is in the build's .azurefunctions folder.
        Assert.Contains("AzureStorageBlobs", FunctionsBuild.Extensions.Keys);
        Assert.Contains("DurableTask", FunctionsBuild.Extensions.Keys);
        Assert.All(FunctionsBuild.Extensions.Values, hint => Assert.True(File.Exists(Path.Combine(FunctionsBuild.Output, hint)), $"{hint} is not in the build"));
        Assert.Contains(Bindings, b => FunctionsBuild.DurableTypes.Contains(b.Type));
    }

    [Theory]
    [MemberData(nameof(BlobTriggerConnections))]
    public void BlobTriggerConnection_InTemplate_HasEndpointsIdentityAndRoles(string connection)
    {
        var problems = Contract.BlobTriggerConnection(connection);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every container a blob trigger watches or the engine writes (<c>LakeContainers</c>, read from its source).</summary>
    public static TheoryData<string> LakeContainersUsed()
        => [.. Bindings.Where(b => b.Type == "blobTrigger").Select(b => b.Container!)
            .Concat(EngineContainerNames()).Distinct(StringComparer.Ordinal)];

    private static IReadOnlyList<string> EngineContainerNames() => FunctionsBuild.Constants("Movies.Pipeline.Lake.LakeContainers");

    [Theory]
    [MemberData(nameof(LakeContainersUsed))]
    public void Container_TriggeredOrWritten_IsCreatedOnTheLake(string container)
    {
        var containers = compiled.Root.GetProperty("variables").GetProperty("lakeContainers").EnumerateArray().Select(c => c.GetString()).ToList();

        Assert.Contains(container, containers);
    }

    [Fact]
    public void EngineContainers_IncludeTheLandingZone()
        => Assert.Contains("landing", EngineContainerNames());

    [Fact]
    public void TaskHubConnection_InTemplate_HasBlobQueueTableEndpointsAndRoles()
    {
        Assert.Contains(Bindings, b => b.Type is "orchestrationTrigger" && b.Connection == "AzureWebJobsStorage");

        var problems = Contract.TaskHubConnection();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ServiceBus_InTemplate_HasNamespaceAndDataSender()
    {
        var problems = Contract.ServiceBus();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void KeyVault_InTemplate_HasSecretsUser()
    {
        var problems = Contract.KeyVaultAccess();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(SettingsTheAppReads))]
    public void Setting_TheAppReads_IsInBicepUnlessLocalOnly(string name)
    {
        var problems = InfraRules.LocalOnlySettings.Contains(name) ? [] : Contract.SettingsInBicep([name]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(SettingsTheAppReads))]
    public void Setting_TheAppReads_IsInLocalSettingsSample(string name)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.sample.json")));

        Assert.True(sample.RootElement.GetProperty("Values").TryGetProperty(name, out _), $"{name} has no entry in local.settings.sample.json");
    }

    [Fact]
    public void ServiceBusTopics_InTemplate_DetectDuplicatesOverADay()
    {
        var problems = Contract.ServiceBusDuplicateDetection();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // The rules above, shown failing: each on the compiled template with the one thing it checks taken out.

    [Fact]
    public void BlobTriggerRule_WithoutQueueEndpoint_Fails()
    {
        var problems = Mutated(t => RemoveAppSetting(t, "LakeStorage__queueServiceUri")).BlobTriggerConnection("LakeStorage");

        Assert.Contains(problems, p => p.Contains("LakeStorage__queueServiceUri is missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FunctionsContract.BlobDataOwner)]
    [InlineData(FunctionsContract.QueueDataContributor)]
    public void BlobTriggerRule_WithoutLakeRole_Fails(string role)
    {
        var problems = Mutated(t => RemoveRole(t, role, "lakeStorageName")).BlobTriggerConnection("LakeStorage");

        Assert.Contains(problems, p => p.Contains($"no {role} on account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__tableServiceUri", null)]
    [InlineData(null, FunctionsContract.TableDataContributor)]
    [InlineData(null, FunctionsContract.QueueDataContributor)]
    public void TaskHubRule_WithoutTableEndpointOrRole_Fails(string? setting, string? role)
    {
        var contract = Mutated(t =>
        {
            if (setting is not null)
            {
                RemoveAppSetting(t, setting);
            }

            if (role is not null)
            {
                RemoveRole(t, role, "hostStorageName");
            }
        });

        Assert.NotEmpty(contract.TaskHubConnection());
    }

    [Fact]
    public void ServiceBusRule_WithoutDataSender_Fails()
    {
        var problems = Mutated(t => RemoveRole(t, FunctionsContract.ServiceBusDataSender, null)).ServiceBus();

        Assert.Contains(problems, p => p.Contains(FunctionsContract.ServiceBusDataSender, StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceBusRule_WithoutNamespaceSetting_Fails()
        => Assert.NotEmpty(Mutated(t => RemoveAppSetting(t, "SERVICEBUS_NAMESPACE")).ServiceBus());

    [Fact]
    public void KeyVaultRule_WithoutSecretsUser_Fails()
    {
        var problems = Mutated(t => RemoveRole(t, FunctionsContract.KeyVaultSecretsUser, null)).KeyVaultAccess();

        Assert.Contains(problems, p => p.Contains(FunctionsContract.KeyVaultSecretsUser, StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsRule_WithoutPipelineSchedule_Fails()
    {
        var problems = Mutated(t => RemoveAppSetting(t, "PIPELINE_SCHEDULE")).SettingsInBicep(SettingNames());

        Assert.Contains(problems, p => p.StartsWith("PIPELINE_SCHEDULE", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateDetectionRule_Off_Fails()
    {
        var problems = Mutated(t =>
        {
            foreach (var topic in AllResources(t).Where(r => (string?)r["type"] == FunctionsContract.ServiceBusTopic))
            {
                topic["properties"]!["requiresDuplicateDetection"] = false;
            }
        }).ServiceBusDuplicateDetection();

        Assert.Contains(problems, p => p.Contains("requiresDuplicateDetection", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateDetectionRule_TenMinuteWindow_Fails()
    {
        var problems = Mutated(t =>
        {
            foreach (var topic in AllResources(t).Where(r => (string?)r["type"] == FunctionsContract.ServiceBusTopic))
            {
                topic["properties"]!["requiresDuplicateDetection"] = true;
                topic["properties"]!["duplicateDetectionHistoryTimeWindow"] = "PT10M";
            }
        }).ServiceBusDuplicateDetection();

        Assert.Contains(problems, p => p.Contains("under one day", StringComparison.Ordinal));
    }

    private static SortedSet<string> SettingNames()
    {
        var names = new SortedSet<string>(Bindings.SelectMany(b => b.SettingReferences), StringComparer.Ordinal);
        names.UnionWith(FunctionsBuild.SettingReferencesIn(File.ReadAllText(FunctionsBuild.File("host.json"))));
        names.UnionWith(FunctionsBuild.ConfigurationKeys());
        return names;
    }

    private FunctionsContract Mutated(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(compiled.Root.GetRawText())!;
        change(node);
        return new FunctionsContract(JsonDocument.Parse(node.ToJsonString()).RootElement);
    }

    private static IEnumerable<JsonObject> AllResources(JsonNode template)
    {
        var resources = template["resources"];
        var list = resources is JsonObject map ? map.Select(p => p.Value) : resources?.AsArray() ?? [];
        foreach (var resource in list.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"]?["template"] is { } nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void RemoveAppSetting(JsonNode template, string name)
    {
        foreach (var config in AllResources(template).Where(r => (string?)r["type"] == "Microsoft.Web/sites/config"))
        {
            config["properties"]!.AsObject().Remove(name);
        }
    }

    /// <summary>Takes out the role assignments of a role (on the given account parameter only, when set).</summary>
    private static void RemoveRole(JsonNode template, string role, string? accountParameter)
    {
        var guid = InfraRules.KnownRoles.Single(r => r.Value == role).Key;
        foreach (var parent in new[] { template }.Concat(AllResources(template).Select(r => r["properties"]?["template"]).OfType<JsonNode>()))
        {
            var resources = parent["resources"];
            if (resources is not JsonArray array)
            {
                continue;
            }

            var variables = parent["variables"]?.ToJsonString() ?? "";
            foreach (var assignment in array.OfType<JsonObject>().Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments").ToList())
            {
                var roleId = (string?)assignment["properties"]?["roleDefinitionId"] ?? "";
                var names = roleId.Contains(guid, StringComparison.OrdinalIgnoreCase)
                    || (variables.Contains(guid, StringComparison.OrdinalIgnoreCase) && RoleVariableIs(roleId, parent, guid));
                if (names && (accountParameter is null || ((string?)assignment["scope"] ?? "").Contains($"'{accountParameter}'", StringComparison.Ordinal)))
                {
                    array.Remove(assignment);
                }
            }
        }
    }

    private static bool RoleVariableIs(string roleDefinitionId, JsonNode template, string guid)
    {
        using var document = JsonDocument.Parse(template.ToJsonString());
        return InfraRules.RoleDefinitionGuid(roleDefinitionId, document.RootElement) == guid;
    }
}
