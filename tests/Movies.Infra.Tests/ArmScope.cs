using System.Text.Json;
using System.Text.RegularExpressions;

namespace Movies.Infra.Tests;

/// <summary>
/// A template of the compiled deployment (the root or a module) with what its parent passed to it, so an
/// expression can be followed across modules: <c>parameters('x')</c> becomes the value the parent passed,
/// a module output reference becomes that output's expression, a module variable its value. The root's
/// parameters and variables stay, marked <c>root.</c>: they name the deployment's resources (<c>root.variables('lakeStorageName')</c>).
/// </summary>
internal sealed partial class ArmScope
{
    private readonly Dictionary<string, JsonElement> _passed;
    private readonly Dictionary<string, ArmScope> _modules = new(StringComparer.Ordinal);

    private ArmScope(JsonElement template, ArmScope? parent, Dictionary<string, JsonElement> passed)
    {
        Template = template;
        Parent = parent;
        _passed = passed;
        foreach (var resource in ResourceElements(template))
        {
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && resource.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty("template", out var nested))
            {
                var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                if (properties.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
                {
                    foreach (var parameter in parameters.EnumerateObject())
                    {
                        if (parameter.Value.ValueKind == JsonValueKind.Object && parameter.Value.TryGetProperty("value", out var value))
                        {
                            values[parameter.Name] = value;
                        }
                    }
                }

                _modules[resource.GetProperty("name").GetString() ?? ""] = new ArmScope(nested, this, values);
            }
        }
    }

    public JsonElement Template { get; }

    public ArmScope? Parent { get; }

    public static ArmScope Root(JsonElement template) => new(template, null, new Dictionary<string, JsonElement>(StringComparer.Ordinal));

    /// <summary>Every resource of the deployment (modules walked, <c>existing</c> ones left out), with its scope.</summary>
    public IEnumerable<(JsonElement Resource, ArmScope Scope)> Resources()
    {
        foreach (var resource in ResourceElements(Template))
        {
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                if (_modules.TryGetValue(resource.GetProperty("name").GetString() ?? "", out var module))
                {
                    foreach (var inner in module.Resources())
                    {
                        yield return inner;
                    }
                }
            }
            else if (!(resource.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True))
            {
                yield return (resource, this);
            }
        }
    }

    /// <summary>An expression (or a literal) written in this scope, in terms of the root's parameters and variables.</summary>
    public string Resolve(string text)
    {
        var expression = IsExpression(text) ? text[1..^1] : $"'{text}'";
        for (var round = 0; round < 50; round++)
        {
            var next = ReplaceParameters(ReplaceVariables(ReplaceSymbolicReferences(ReplaceModuleOutputs(expression))));
            if (next == expression)
            {
                // The root's own names, marked so that a module that receives this text leaves them alone.
                return Parent is null ? RootName().Replace(expression, "root.$1('") : expression;
            }

            expression = next;
        }

        throw new InvalidOperationException($"Expression does not settle: {expression}");
    }

    /// <summary>The name (as a root parameter, variable or literal) of the resource of <paramref name="type"/> that a
    /// resolved expression names through <c>resourceId('type', name, ...)</c>; null when it names none.</summary>
    public static string? ResourceNameIn(string resolved, string type)
    {
        var marker = $"'{type}'";
        var at = resolved.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = resolved[(at + marker.Length)..].TrimStart();
        if (!rest.StartsWith(','))
        {
            return null;
        }

        var argument = FirstArgument(rest[1..]);
        var name = NameToken().Match(argument);
        return name.Success ? name.Value : argument.Trim();
    }

    private static bool IsExpression(string text) => text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal);

    private static string Literal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when IsExpression(value.GetString()!) => value.GetString()!,
        JsonValueKind.String => $"['{value.GetString()}']",
        _ => $"[json('{value.GetRawText()}')]",
    };

    private static IEnumerable<JsonElement> ResourceElements(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        return resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
    }

    /// <summary>The text of the first argument of a call whose arguments start here, up to a ',' or ')' at depth 0.</summary>
    internal static string FirstArgument(string text)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')' && depth-- == 0)
            {
                return text[..i];
            }
            else if (!inString && c == ',' && depth == 0)
            {
                return text[..i];
            }
        }

        return text;
    }

    /// <summary>Index of the ')' closing the '(' at <paramref name="open"/>.</summary>
    internal static int Closing(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>reference(...'Microsoft.Resources/deployments', 'm'...).outputs.o.value</c> → module m's output o.</summary>
    private string ReplaceModuleOutputs(string expression)
    {
        var start = 0;
        while ((start = expression.IndexOf("reference(", start, StringComparison.Ordinal)) >= 0)
        {
            var close = Closing(expression, start + "reference".Length);
            if (close < 0)
            {
                break;
            }

            var module = ModuleName().Match(expression[start..close]);
            var output = OutputAccess().Match(expression[(close + 1)..]);
            if (module.Success && output.Success && _modules.TryGetValue(module.Groups["module"].Value, out var scope)
                && scope.Template.TryGetProperty("outputs", out var outputs)
                && outputs.TryGetProperty(output.Groups["output"].Value, out var value))
            {
                var replacement = "(" + scope.Resolve(value.GetProperty("value").GetString() ?? "") + ")";
                expression = expression[..start] + replacement + expression[(close + 1 + output.Length)..];
                start += replacement.Length;
            }
            else
            {
                start = close;
            }
        }

        return expression;
    }

    /// <summary><c>reference('symbol')</c> (templates with symbolic names) → <c>reference(resourceId('type', name))</c>.</summary>
    private string ReplaceSymbolicReferences(string expression)
        => SymbolicReference().Replace(expression, match =>
        {
            if (!Template.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object
                || !resources.TryGetProperty(match.Groups["symbol"].Value, out var resource))
            {
                return match.Value;
            }

            var name = resource.GetProperty("name").GetString() ?? "";
            return $"reference(resourceId('{resource.GetProperty("type").GetString()}', {(IsExpression(name) ? name[1..^1] : $"'{name}'")}))";
        });

    private string ReplaceVariables(string expression)
    {
        if (Parent is null || !Template.TryGetProperty("variables", out var variables))
        {
            return expression;
        }

        return VariableReference().Replace(expression, match =>
            variables.TryGetProperty(match.Groups["name"].Value, out var value) && value.ValueKind == JsonValueKind.String
                ? "(" + Literal(value)[1..^1] + ")"
                : match.Value);
    }

    private string ReplaceParameters(string expression)
    {
        if (Parent is null)
        {
            return expression;
        }

        return ParameterReference().Replace(expression, match =>
        {
            var name = match.Groups["name"].Value;
            if (_passed.TryGetValue(name, out var value))
            {
                return "(" + Parent.Resolve(Literal(value)) + ")";
            }

            return Template.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty(name, out var parameter)
                && parameter.TryGetProperty("defaultValue", out var defaultValue)
                ? "(" + Literal(defaultValue)[1..^1] + ")"
                : match.Value;
        });
    }

    [GeneratedRegex(@"'Microsoft\.Resources/deployments',\s*'(?<module>[^']+)'")]
    private static partial Regex ModuleName();

    [GeneratedRegex(@"^\.outputs\.(?<output>[A-Za-z0-9_]+)\.value")]
    private static partial Regex OutputAccess();

    [GeneratedRegex(@"reference\('(?<symbol>[A-Za-z_][A-Za-z0-9_]*)'\)")]
    private static partial Regex SymbolicReference();

    [GeneratedRegex(@"(?<!root\.)\bvariables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?<!root\.)\bparameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"(?<!root\.)\b(variables|parameters)\('")]
    private static partial Regex RootName();

    [GeneratedRegex(@"root\.(variables|parameters)\('[^']+'\)|'[^']*'")]
    private static partial Regex NameToken();
}
