using System.Text.Json;
using System.Xml;

namespace Movies.Infra.Tests;

/// <summary>
/// What the Functions app needs from Azure, checked against the compiled template: each rule returns the
/// problems it finds (empty when the template satisfies it), so a test can show a rule failing on a template
/// that lacks what it checks. The app's side comes from what its build generates (<see cref="FunctionsBuild"/>).
/// </summary>
internal sealed class FunctionsContract(JsonElement template)
{
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string KeyVault = "Microsoft.KeyVault/vaults";
    public const string ServiceBusNamespace = "Microsoft.ServiceBus/namespaces";
    public const string ServiceBusTopic = "Microsoft.ServiceBus/namespaces/topics";

    public const string BlobDataOwner = "Storage Blob Data Owner";
    public const string QueueDataContributor = "Storage Queue Data Contributor";
    public const string TableDataContributor = "Storage Table Data Contributor";
    public const string KeyVaultSecretsUser = "Key Vault Secrets User";
    public const string ServiceBusDataSender = "Azure Service Bus Data Sender";

    private readonly ArmScope _root = ArmScope.Root(template);

    /// <summary>The function app's settings, each resolved to root parameters and variables.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (resource, scope) in _root.Resources())
            {
                if (Type(resource) == "Microsoft.Web/sites/config" && Name(resource).Contains("appsettings", StringComparison.OrdinalIgnoreCase)
                    && resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var setting in properties.EnumerateObject())
                    {
                        settings[setting.Name] = setting.Value.ValueKind == JsonValueKind.String ? scope.Resolve(setting.Value.GetString()!) : setting.Value.GetRawText();
                    }
                }
            }

            return settings;
        }
    }

    /// <summary>Every role assignment: the role's name, the principal (an identity's name, or the expression),
    /// and the scope, both resolved to root parameters and variables.</summary>
    public IReadOnlyList<(string Role, string Principal, string Scope)> RoleAssignments
    {
        get
        {
            var assignments = new List<(string, string, string)>();
            foreach (var (resource, scope) in _root.Resources().Where(r => Type(r.Resource) == "Microsoft.Authorization/roleAssignments"))
            {
                var properties = resource.GetProperty("properties");
                var guid = InfraRules.RoleDefinitionGuid(properties.GetProperty("roleDefinitionId").GetString() ?? "", scope.Template);
                var role = guid is not null && InfraRules.KnownRoles.TryGetValue(guid, out var known) ? known : guid ?? "?";
                var principal = scope.Resolve(properties.GetProperty("principalId").GetString() ?? "");
                var target = resource.TryGetProperty("scope", out var s) ? scope.Resolve(s.GetString() ?? "") : "";
                assignments.Add((role, ArmScope.ResourceNameIn(principal, Identity) ?? principal, target));
            }

            return assignments;
        }
    }

    /// <summary>A blob-triggered connection in Azure is identity based: the extension needs the blob and the queue
    /// endpoint (receipts, poison queue), the credential and the client id, and the identity needs Blob Data Owner
    /// and Queue Data Contributor on that account.</summary>
    public IReadOnlyList<string> BlobTriggerConnection(string connection)
        => IdentityStorageConnection(connection, ["blobServiceUri", "queueServiceUri"], [BlobDataOwner, QueueDataContributor]);

    /// <summary>AzureWebJobsStorage holds the Functions host's state and the Durable task hub (blobs, queues, tables).</summary>
    public IReadOnlyList<string> TaskHubConnection()
        => IdentityStorageConnection("AzureWebJobsStorage", ["blobServiceUri", "queueServiceUri", "tableServiceUri"], [BlobDataOwner, QueueDataContributor, TableDataContributor]);

    /// <summary>SERVICEBUS_NAMESPACE names a namespace of the template, and the app's identity (AZURE_CLIENT_ID, what
    /// DefaultAzureCredential uses) may send to it (on the namespace or on a topic of it).</summary>
    public IReadOnlyList<string> ServiceBus(string setting = "SERVICEBUS_NAMESPACE")
    {
        var problems = new List<string>();
        var settings = AppSettings;
        if (!settings.TryGetValue(setting, out var value))
        {
            return [$"app setting {setting} is missing"];
        }

        var ns = ArmScope.ResourceNameIn(value, ServiceBusNamespace);
        if (ns is null)
        {
            return [$"{setting} = {value} names no Service Bus namespace of the template"];
        }

        var identity = AppIdentity(settings, problems);
        if (identity is not null && !RoleAssignments.Any(a => a.Role == ServiceBusDataSender && a.Principal == identity
            && (ArmScope.ResourceNameIn(a.Scope, ServiceBusNamespace) == ns || ArmScope.ResourceNameIn(a.Scope, ServiceBusTopic) == ns)))
        {
            problems.Add($"identity {identity} has no {ServiceBusDataSender} on namespace {ns} or its topics");
        }

        return problems;
    }

    /// <summary>KEY_VAULT_URI names a vault of the template and the app's identity holds Key Vault Secrets User on it.</summary>
    public IReadOnlyList<string> KeyVaultAccess(string setting = "KEY_VAULT_URI")
    {
        var problems = new List<string>();
        var settings = AppSettings;
        if (!settings.TryGetValue(setting, out var value))
        {
            return [$"app setting {setting} is missing"];
        }

        var vault = ArmScope.ResourceNameIn(value, KeyVault);
        if (vault is null)
        {
            return [$"{setting} = {value} names no Key Vault of the template"];
        }

        var identity = AppIdentity(settings, problems);
        if (identity is not null && !RoleAssignments.Any(a => a.Role == KeyVaultSecretsUser && a.Principal == identity && ArmScope.ResourceNameIn(a.Scope, KeyVault) == vault))
        {
            problems.Add($"identity {identity} has no {KeyVaultSecretsUser} on vault {vault}");
        }

        return problems;
    }

    /// <summary>Each named setting is an app setting of the function app.</summary>
    public IReadOnlyList<string> SettingsInBicep(IEnumerable<string> names)
    {
        var settings = AppSettings;
        return names.Where(n => !settings.ContainsKey(n)).Select(n => $"{n} has no app setting in Bicep (infra/app/api.bicep)").ToList();
    }

    /// <summary>Every Service Bus topic detects duplicates (message ids) over at least one day.</summary>
    public IReadOnlyList<string> ServiceBusDuplicateDetection()
    {
        var problems = new List<string>();
        var topics = _root.Resources().Where(r => Type(r.Resource) == ServiceBusTopic).ToList();
        if (topics.Count == 0)
        {
            problems.Add("the template has no Service Bus topic");
        }

        foreach (var (topic, scope) in topics)
        {
            var properties = topic.GetProperty("properties");
            if (!(properties.TryGetProperty("requiresDuplicateDetection", out var on) && on.ValueKind == JsonValueKind.True))
            {
                problems.Add($"topic {Name(topic)}: requiresDuplicateDetection is not true");
                continue;
            }

            // A module parameter with a default resolves to that default ('P1D').
            var window = properties.TryGetProperty("duplicateDetectionHistoryTimeWindow", out var w) ? scope.Resolve(w.GetString() ?? "").Trim('(', ')') : null;
            if (window is null || !window.StartsWith('\'') || XmlConvert.ToTimeSpan(window.Trim('\'')) < TimeSpan.FromDays(1))
            {
                problems.Add($"topic {Name(topic)}: duplicateDetectionHistoryTimeWindow {window ?? "(default 10 minutes)"} is under one day");
            }
        }

        return problems;
    }

    private static string Type(JsonElement resource) => resource.GetProperty("type").GetString() ?? "";

    private static string Name(JsonElement resource) => resource.TryGetProperty("name", out var name) ? name.ToString() : "";

    private static string? AppIdentity(IReadOnlyDictionary<string, string> settings, List<string> problems)
    {
        if (!settings.TryGetValue("AZURE_CLIENT_ID", out var clientId))
        {
            problems.Add("app setting AZURE_CLIENT_ID (the identity DefaultAzureCredential uses) is missing");
            return null;
        }

        var identity = ArmScope.ResourceNameIn(clientId, Identity);
        if (identity is null)
        {
            problems.Add($"AZURE_CLIENT_ID = {clientId} names no user-assigned identity of the template");
        }

        return identity;
    }

    private List<string> IdentityStorageConnection(string connection, string[] endpoints, string[] roles)
    {
        var problems = new List<string>();
        var settings = AppSettings;
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var name = $"{connection}__{endpoint}";
            if (!settings.TryGetValue(name, out var value))
            {
                problems.Add($"app setting {name} is missing");
            }
            else if (ArmScope.ResourceNameIn(value, StorageAccount) is { } account)
            {
                accounts.Add(account);
            }
            else
            {
                problems.Add($"{name} = {value} names no storage account of the template");
            }
        }

        if (!settings.TryGetValue($"{connection}__credential", out var credential) || credential != "'managedidentity'")
        {
            problems.Add($"app setting {connection}__credential is not managedidentity");
        }

        string? identity = null;
        if (!settings.TryGetValue($"{connection}__clientId", out var clientId))
        {
            problems.Add($"app setting {connection}__clientId is missing");
        }
        else if ((identity = ArmScope.ResourceNameIn(clientId, Identity)) is null)
        {
            problems.Add($"{connection}__clientId = {clientId} names no user-assigned identity of the template");
        }

        if (accounts.Count > 1)
        {
            problems.Add($"{connection} endpoints name different accounts: {string.Join(", ", accounts)}");
        }

        if (identity is not null && accounts.Count == 1)
        {
            var account = accounts.Single();
            var assignments = RoleAssignments;
            foreach (var role in roles)
            {
                // On the account itself: a container-scoped role does not reach the queues nor the other containers.
                if (!assignments.Any(a => a.Role == role && a.Principal == identity && ArmScope.ResourceNameIn(a.Scope, StorageAccount) == account))
                {
                    problems.Add($"{connection}: identity {identity} has no {role} on account {account}");
                }
            }
        }

        return problems;
    }
}
