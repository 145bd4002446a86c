using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mono.Cecil;

namespace Movies.Infra.Tests;

/// <summary>One binding of a function, as the build's <c>functions.metadata</c> gives it to the Functions host: its type
/// (<c>blobTrigger</c>, <c>timerTrigger</c>, <c>durableClient</c>...), the connection it uses (the host's default,
/// AzureWebJobsStorage, when it names none and uses storage), and its own string settings (path, schedule, route...).</summary>
internal sealed record FunctionBinding(string Function, string Type, string? Connection, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The <c>%SETTING%</c> names its values refer to.</summary>
    public IEnumerable<string> SettingReferences => Values.Values.SelectMany(FunctionsBuild.SettingReferencesIn);

    public string? Path => Values.GetValueOrDefault("path");

    /// <summary>The container a blob binding's path is in.</summary>
    public string? Container => Path?[..Path.IndexOf('/', StringComparison.Ordinal)];
}

/// <summary>
/// What the build of <c>src/Movies.Functions</c> generates and the Functions host reads: <c>functions.metadata</c> (every
/// function and its bindings), <c>extensions.json</c> (the host extensions it loads), and the assemblies deployed with
/// them (for the settings the app binds by <c>[ConfigurationKeyName]</c>). The test project builds the app first
/// (a project reference that takes no assembly); the output folder is the app's for this build's configuration.
/// </summary>
internal static partial class FunctionsBuild
{
    /// <summary>Binding types that use storage through AzureWebJobsStorage when they name no connection.</summary>
    private static readonly HashSet<string> StorageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "blobTrigger", "blob", "queueTrigger", "queue", "table",
    };

    /// <summary>Durable bindings: they use the task hub, on AzureWebJobsStorage unless host.json names another connection.</summary>
    public static readonly HashSet<string> DurableTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "durableClient", "orchestrationTrigger", "activityTrigger", "entityTrigger",
    };

    public static string Output { get; } = typeof(FunctionsBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(a => a.Key == "FunctionsOutput")?.Value
        ?? throw new InvalidOperationException("The test assembly does not say where the Functions app was built (AssemblyMetadata FunctionsOutput).");

    public static IReadOnlyList<FunctionBinding> Bindings { get; } = ReadBindings();

    /// <summary>The host extensions of <c>extensions.json</c>, by name, with the assembly each is loaded from.</summary>
    public static IReadOnlyDictionary<string, string> Extensions { get; } = ReadExtensions();

    public static string File(string name)
    {
        var path = System.IO.Path.Combine(Output, name);
        return System.IO.File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build src/Movies.Functions first (the test project's build does).");
    }

    public static IEnumerable<string> SettingReferencesIn(string text)
        => SettingReference().Matches(text).Select(m => m.Groups["name"].Value);

    /// <summary>Every <c>[ConfigurationKeyName]</c> of the app's and the engine's options, read from the built assemblies.</summary>
    public static IReadOnlySet<string> ConfigurationKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in new[] { "Movies.Functions.dll", "Movies.Pipeline.dll" })
        {
            using var module = ModuleDefinition.ReadModule(File(assembly));
            foreach (var property in module.GetTypes().SelectMany(t => t.Properties))
            {
                keys.UnionWith(property.CustomAttributes.Where(a => a.AttributeType.Name == "ConfigurationKeyNameAttribute").Select(a => (string)a.ConstructorArguments[0].Value));
            }
        }

        return keys;
    }

    /// <summary>The string constants of a type of the engine, read from the built assembly (<c>LakeContainers</c>...).</summary>
    public static IReadOnlyList<string> Constants(string typeFullName)
    {
        using var module = ModuleDefinition.ReadModule(File("Movies.Pipeline.dll"));
        var type = module.GetType(typeFullName) ?? throw new InvalidOperationException($"{typeFullName} is not in Movies.Pipeline.dll.");
        return [.. type.Fields.Where(f => f.HasConstant && f.Constant is string).Select(f => (string)f.Constant)];
    }

    private static List<FunctionBinding> ReadBindings()
    {
        using var metadata = JsonDocument.Parse(System.IO.File.ReadAllText(File("functions.metadata")));
        var taskHubConnection = TaskHubConnection();
        var bindings = new List<FunctionBinding>();
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                var values = binding.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name is not ("name" or "type" or "direction"))
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                var connection = values.GetValueOrDefault("connection")
                    ?? (DurableTypes.Contains(type) ? taskHubConnection : StorageTypes.Contains(type) ? "AzureWebJobsStorage" : null);
                bindings.Add(new FunctionBinding(name, type, connection, values));
            }
        }

        return bindings;
    }

    private static Dictionary<string, string> ReadExtensions()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("extensions.json")));
        return document.RootElement.GetProperty("extensions").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("hintPath").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The task hub's connection: host.json's <c>durableTask.storageProvider.connectionName</c>, else AzureWebJobsStorage.</summary>
    private static string TaskHubConnection()
    {
        using var host = JsonDocument.Parse(System.IO.File.ReadAllText(File("host.json")));
        return host.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("durableTask", out var durable)
            && durable.TryGetProperty("storageProvider", out var provider) && provider.TryGetProperty("connectionName", out var connection)
            ? connection.GetString()!
            : "AzureWebJobsStorage";
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
