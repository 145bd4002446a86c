using System.Text.Json;
using System.Text.RegularExpressions;

namespace Movies.Infra.Tests;

/// <summary>A resource of a compiled ARM template, with the (nested) template that declares it.</summary>
internal sealed record ArmResource(JsonElement Element, JsonElement Template)
{
    public string Type => Element.GetProperty("type").GetString() ?? "";

    public JsonElement Properties =>
        Element.TryGetProperty("properties", out var properties) ? properties : default;

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public string Name => Element.TryGetProperty("name", out var name) ? name.ToString() : "";
}

/// <summary>An output of a compiled ARM template (root or nested).</summary>
internal sealed record ArmOutput(string Name, JsonElement Element, JsonElement Template)
{
    public string Type => Element.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";

    public string Value => Element.TryGetProperty("value", out var value) ? value.ToString() : "";
}

/// <summary>
/// Walks a compiled template. Bicep modules compile to Microsoft.Resources/deployments with the
/// module's template inline under properties.template: those are walked recursively.
/// </summary>
internal static partial class ArmTemplate
{
    public static IReadOnlyList<ArmResource> Resources(JsonElement template)
    {
        var found = new List<ArmResource>();
        Collect(template, found);
        return found;
    }

    public static IReadOnlyList<ArmOutput> Outputs(JsonElement template)
    {
        var found = new List<ArmOutput>();
        CollectOutputs(template, found);
        return found;
    }

    public static IReadOnlyList<ArmResource> OfType(this IEnumerable<ArmResource> resources, string type) =>
        resources.Where(r => r.Is(type)).ToList();

    /// <summary>
    /// Replaces variables('x').a.b references by the variable's value where it is a plain string,
    /// so a role definition id kept in a variable can be read.
    /// </summary>
    public static string ResolveVariables(string expression, JsonElement template)
    {
        if (!template.TryGetProperty("variables", out var variables))
        {
            return expression;
        }

        return VariableReference().Replace(expression, match =>
        {
            if (!variables.TryGetProperty(match.Groups["name"].Value, out var value))
            {
                return match.Value;
            }

            foreach (var member in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(member, out value))
                {
                    return match.Value;
                }
            }

            return value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : match.Value;
        });
    }

    private static List<JsonElement> ResourceElements(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        // languageVersion 2.0 (symbolic names) compiles resources to an object.
        return resources.ValueKind switch
        {
            JsonValueKind.Array => resources.EnumerateArray().ToList(),
            JsonValueKind.Object => resources.EnumerateObject().Select(p => p.Value).ToList(),
            _ => [],
        };
    }

    private static void Collect(JsonElement template, List<ArmResource> found)
    {
        foreach (var element in ResourceElements(template))
        {
            var resource = new ArmResource(element, template);
            if (resource.Is("Microsoft.Resources/deployments")
                && resource.Properties.ValueKind == JsonValueKind.Object
                && resource.Properties.TryGetProperty("template", out var nested))
            {
                Collect(nested, found);
            }
            else if (!IsExisting(element))
            {
                found.Add(resource);
            }
        }
    }

    private static void CollectOutputs(JsonElement template, List<ArmOutput> found)
    {
        if (template.TryGetProperty("outputs", out var outputs))
        {
            found.AddRange(outputs.EnumerateObject().Select(o => new ArmOutput(o.Name, o.Value, template)));
        }

        foreach (var element in ResourceElements(template))
        {
            if (element.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                CollectOutputs(nested, found);
            }
        }
    }

    private static bool IsExisting(JsonElement element) =>
        element.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True;

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex VariableReference();
}
