using System.Text.Json;
using System.Text.Json.Nodes;

namespace Movies.Functions.Tests.Packaging;

/// <summary>The Functions app restores its direct package references at exactly their pins (the versions this registry
/// serves, ../shared/FUNCTIONS_API.md), read from its own restore output after the build.</summary>
public sealed class PinnedPackagesTests
{
    private static readonly string Assets = RepositoryRoot.Combine("src", "Movies.Functions", "obj", "project.assets.json");

    [Fact]
    public void FunctionsApp_DirectReferences_ResolveToTheirPinsWithoutDrift()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Assets));

        var problems = PinnedPackages.Problems(assets.RootElement);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var direct = assets.RootElement.GetProperty("project").GetProperty("frameworks").GetProperty("net10.0").GetProperty("dependencies");
        Assert.Equal("[2.52.0, )", direct.GetProperty("Microsoft.Azure.Functions.Worker").GetProperty("version").GetString());
        Assert.Equal("[1.22.0, )", direct.GetProperty("Microsoft.Azure.Functions.Worker.Extensions.DurableTask").GetProperty("version").GetString());
    }

    [Fact]
    public void Rule_ReferenceResolvedAboveItsPin_Fails()
    {
        // The drift this catches: a pin of 2.0.0 that the registry does not serve restores 2.52.0 with NU1603.
        var assets = JsonNode.Parse(File.ReadAllText(Assets))!;
        assets["project"]!["frameworks"]!["net10.0"]!["dependencies"]!["Microsoft.Azure.Functions.Worker"]!["version"] = "[2.0.0, )";
        assets["logs"]!.AsArray().Add(new JsonObject
        {
            ["code"] = "NU1603",
            ["message"] = "Movies.Functions depends on Microsoft.Azure.Functions.Worker (>= 2.0.0) but Microsoft.Azure.Functions.Worker 2.0.0 was not found.",
            ["libraryId"] = "Microsoft.Azure.Functions.Worker",
        });

        var problems = PinnedPackages.Problems(JsonDocument.Parse(assets.ToJsonString()).RootElement);

        Assert.Contains("Microsoft.Azure.Functions.Worker: pinned at 2.0.0, resolved to 2.52.0", problems);
        Assert.Contains(problems, p => p.StartsWith("Microsoft.Azure.Functions.Worker: NU1603", StringComparison.Ordinal));
    }
}
