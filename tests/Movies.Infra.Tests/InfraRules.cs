using System.Text.Json;
using System.Text.RegularExpressions;

namespace Movies.Infra.Tests;

/// <summary>The rules the compiled template is held to, as plain functions so each can be shown to fail.</summary>
internal static partial class InfraRules
{
    /// <summary>Built-in roles this deployment may assign, by role definition id.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"] = "Storage Blob Data Reader",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"] = "Azure Service Bus Data Sender",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>Settings of local.settings.sample.json that exist only for local runs: connection strings
    /// (Azure uses the identity-based __ forms), the key itself (Azure reads Key Vault), a folder lake, a local
    /// source file, the offline OMDb catalog and the limits of <c>movies sql</c> (the app runs no SQL).</summary>
    public static readonly IReadOnlySet<string> LocalOnlySettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",
        "AzureWebJobsStorage",
        "LakeStorage",
        "OMDB_API_KEY",
        "LAKE_PATH",
        "SOURCE_PATH",
        "OMDB_OFFLINE_CATALOG",
        "SQL_TIMEOUT_SECONDS",
        "SQL_MEMORY_LIMIT_MB",
    };

    /// <summary>
    /// True when a role assignment scope names one resource (a resource id of a provider type),
    /// false for no scope, a resource group or a subscription.
    /// </summary>
    public static bool ScopeTargetsSingleResource(string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return false;
        }

        var match = ResourceTypeInScope().Match(scope);
        if (!match.Success)
        {
            return false;
        }

        var type = match.Groups["type"].Value;
        return !type.StartsWith("Microsoft.Resources/", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("Microsoft.Management/", StringComparison.OrdinalIgnoreCase)
            && !scope.Contains("resourceGroup()", StringComparison.OrdinalIgnoreCase)
            && !scope.Contains("subscription()", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The role definition GUID an expression names, after resolving variables; null if none.</summary>
    public static string? RoleDefinitionGuid(string roleDefinitionId, JsonElement template)
    {
        var resolved = ArmTemplate.ResolveVariables(roleDefinitionId, template);
        var match = Guid().Match(resolved);
        return match.Success ? match.Value.ToLowerInvariant() : null;
    }

    /// <summary>True when an output name suggests it carries a credential.</summary>
    public static bool OutputNameLooksSecret(string name) => SecretName().IsMatch(name);

    /// <summary>True when an output value reads keys, SAS tokens, connection strings or secure parameters.</summary>
    public static bool OutputValueLooksSecret(string value, JsonElement template)
    {
        if (SecretValue().IsMatch(value))
        {
            return true;
        }

        if (!template.TryGetProperty("parameters", out var parameters))
        {
            return false;
        }

        return parameters.EnumerateObject()
            .Where(p => IsSecureType(p.Value.TryGetProperty("type", out var t) ? t.GetString() : null))
            .Any(p => value.Contains($"parameters('{p.Name}')", StringComparison.Ordinal));
    }

    public static bool IsSecureType(string? type) =>
        string.Equals(type, "securestring", StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, "secureObject", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when an app setting value embeds a shared key or SAS.</summary>
    public static bool SettingValueHoldsKey(string value) => KeyInSetting().IsMatch(value);

    [GeneratedRegex(@"'(?<type>Microsoft\.[A-Za-z]+/[A-Za-z]+)")]
    private static partial Regex ResourceTypeInScope();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"password|passwd|secret(?!_?name)|connection_?string|api_?key|account_?key|access_?key|shared_?key|(^|_)sas(_|$)|_key$|^key$|token$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\blist[A-Z][A-Za-z]*\(|ConnectionString|(primary|secondary)(Master)?Key|AccountKey=|SharedAccessKey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"AccountKey=|SharedAccessKey|SharedAccessSignature|\blist[A-Z][A-Za-z]*\(|sig=", RegexOptions.IgnoreCase)]
    private static partial Regex KeyInSetting();
}
