using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Movies.Infra.Tests;

/// <summary>One binding attribute of a function, as written in the source: its kind (<c>BlobTrigger</c>,
/// <c>TimerTrigger</c>, <c>DurableClient</c>...), its connection setting and its string arguments.</summary>
internal sealed record FunctionBinding(string Function, string Kind, string? Connection, IReadOnlyList<string> Arguments, string Location)
{
    /// <summary>The <c>%SETTING%</c> names its arguments refer to.</summary>
    public IEnumerable<string> SettingReferences => Arguments.SelectMany(FunctionsSource.SettingReferencesIn);
}

/// <summary>
/// Reads the Functions app's source with Roslyn (syntax only: the app cannot be compiled here): every
/// <c>[Function]</c> method's binding attributes, and every <c>[ConfigurationKeyName]</c> a setting is bound by.
/// Constants used as attribute arguments (<c>[TimerTrigger(Schedule)]</c>, <c>nameof(X)</c>) are resolved.
/// </summary>
internal static partial class FunctionsSource
{
    /// <summary>Bindings whose connection defaults to AzureWebJobsStorage when none is named.</summary>
    private static readonly HashSet<string> StorageKinds = new(StringComparer.Ordinal)
    {
        "BlobTrigger", "BlobInput", "BlobOutput", "QueueTrigger", "QueueOutput", "TableInput", "TableOutput",
    };

    /// <summary>Durable bindings: they use the task hub in AzureWebJobsStorage.</summary>
    private static readonly HashSet<string> DurableKinds = new(StringComparer.Ordinal)
    {
        "DurableClient", "OrchestrationTrigger", "ActivityTrigger", "EntityTrigger",
    };

    public static IReadOnlyList<FunctionBinding> Bindings(string folder)
    {
        var bindings = new List<FunctionBinding>();
        foreach (var (path, root) in Parse(folder))
        {
            foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                var constants = Constants(type);
                foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
                {
                    var function = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => NameOf(a) == "Function");
                    if (function is null)
                    {
                        continue;
                    }

                    var name = Arguments(function, constants).FirstOrDefault() ?? method.Identifier.Text;
                    var attributes = method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).Concat(method.AttributeLists)
                        .SelectMany(l => l.Attributes)
                        .Where(a => NameOf(a) != "Function");
                    foreach (var attribute in attributes)
                    {
                        var kind = NameOf(attribute);
                        var connection = NamedArgument(attribute, "Connection", constants)
                            ?? NamedArgument(attribute, "ConnectionName", constants)
                            ?? (StorageKinds.Contains(kind) || DurableKinds.Contains(kind) ? "AzureWebJobsStorage" : null);
                        var line = attribute.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        bindings.Add(new FunctionBinding(name, kind, connection, Arguments(attribute, constants), $"{Path.GetRelativePath(RepositoryRoot.Path, path)}:{line}"));
                    }
                }
            }
        }

        return bindings;
    }

    /// <summary>The setting names bound by <c>[ConfigurationKeyName("X")]</c> in the given source folders.</summary>
    public static IReadOnlySet<string> ConfigurationKeys(params string[] folders)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, root) in folders.SelectMany(Parse))
        {
            foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>().Where(a => NameOf(a) == "ConfigurationKeyName"))
            {
                keys.UnionWith(Arguments(attribute, new Dictionary<string, string>()));
            }
        }

        return keys;
    }

    public static IEnumerable<string> SettingReferencesIn(string text)
        => SettingReference().Matches(text).Select(m => m.Groups["name"].Value);

    private static IEnumerable<(string Path, SyntaxNode Root)> Parse(string folder)
        => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: p).GetRoot()));

    private static string NameOf(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.Text,
            AliasQualifiedNameSyntax a => a.Name.Identifier.Text,
            SimpleNameSyntax s => s.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static Dictionary<string, string> Constants(TypeDeclarationSyntax type)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in type.Members.OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword)))
        {
            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer?.Value is LiteralExpressionSyntax literal && literal.Token.Value is string value)
                {
                    constants[variable.Identifier.Text] = value;
                }
            }
        }

        return constants;
    }

    private static List<string> Arguments(AttributeSyntax attribute, IReadOnlyDictionary<string, string> constants)
        => attribute.ArgumentList?.Arguments
            .Where(a => a.NameEquals is null)
            .Select(a => Value(a.Expression, constants))
            .OfType<string>()
            .ToList() ?? [];

    private static string? NamedArgument(AttributeSyntax attribute, string name, IReadOnlyDictionary<string, string> constants)
        => attribute.ArgumentList?.Arguments
            .Where(a => a.NameEquals?.Name.Identifier.Text == name)
            .Select(a => Value(a.Expression, constants))
            .FirstOrDefault();

    private static string? Value(ExpressionSyntax expression, IReadOnlyDictionary<string, string> constants) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Token.Value as string,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf
            => nameOf.ArgumentList.Arguments[0].Expression.ToString().Split('.')[^1],
        IdentifierNameSyntax identifier => constants.GetValueOrDefault(identifier.Identifier.Text),
        _ => null,
    };

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
