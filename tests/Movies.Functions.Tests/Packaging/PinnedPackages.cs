using System.Text.Json;

namespace Movies.Functions.Tests.Packaging;

/// <summary>What NuGet made of a project's direct package references, read from its restore output
/// (<c>obj/project.assets.json</c>): each is pinned (Directory.Packages.props gives NuGet the range <c>[pin, )</c>) and
/// must resolve to exactly its pin, with no restore warning about it. A pin the registry does not serve restores anyway,
/// to the next version up, with NU1603 or NU1102: this is what catches that drift.</summary>
internal static class PinnedPackages
{
    private static readonly string[] DriftCodes = ["NU1101", "NU1102", "NU1103", "NU1603", "NU1605"];

    public static IReadOnlyList<string> Problems(JsonElement assets, string framework = "net10.0")
    {
        var problems = new List<string>();
        var resolved = assets.GetProperty("targets").GetProperty(framework).EnumerateObject()
            .Select(p => p.Name.Split('/'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var direct = assets.GetProperty("project").GetProperty("frameworks").GetProperty(framework).GetProperty("dependencies").EnumerateObject().ToList();
        foreach (var reference in direct)
        {
            var range = reference.Value.GetProperty("version").GetString() ?? "";
            var pin = range.StartsWith('[') && range.EndsWith(", )", StringComparison.Ordinal) ? range[1..^3] : null;
            if (pin is null)
            {
                problems.Add($"{reference.Name}: not pinned to one version ({range})");
            }
            else if (!resolved.TryGetValue(reference.Name, out var version))
            {
                problems.Add($"{reference.Name}: pinned at {pin}, not resolved");
            }
            else if (version != pin)
            {
                problems.Add($"{reference.Name}: pinned at {pin}, resolved to {version}");
            }
        }

        var names = direct.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (assets.TryGetProperty("logs", out var logs))
        {
            foreach (var log in logs.EnumerateArray())
            {
                var code = log.GetProperty("code").GetString();
                var library = log.TryGetProperty("libraryId", out var id) ? id.GetString() : null;
                if (DriftCodes.Contains(code) && library is not null && names.Contains(library))
                {
                    problems.Add($"{library}: {code} {log.GetProperty("message").GetString()}");
                }
            }
        }

        return problems;
    }
}
