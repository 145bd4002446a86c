using System.Text.Json;
using System.Text.Json.Nodes;

namespace Movies.Infra.Tests;

/// <summary>The lake's lifecycle rules, as compiled: a run's bronze expires, what the duplicate checks need never does
/// (a provider file re-sent after a year must still be recognised, and arrival numbers must never restart).</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class LakeLifecycleTests(CompiledMainTemplate compiled)
{
    /// <summary>Blobs the engine's duplicate checks and state read, named from the built engine's own constants.</summary>
    private static IReadOnlyList<string> Kept()
    {
        var providers = FunctionsBuild.Constants("Movies.Pipeline.Providers.ProviderPaths");
        var folder = providers.Single(c => c == "providers");
        var arrival = providers.Single(c => c.StartsWith("_arrival", StringComparison.Ordinal));
        var enrichment = FunctionsBuild.Constants("Movies.Pipeline.Enrichment.EnrichmentPaths").Single(c => c.StartsWith('_'));
        var sha = new string('a', 64);
        return
        [
            $"bronze/{folder}/box_office/{sha}/{arrival}",
            $"bronze/{folder}/box_office/_sequence.json",
            $"bronze/{enrichment}/cache/0f.json",
            $"bronze/{enrichment}/deferred.json",
        ];
    }

    [Fact]
    public void DeleteRules_WhatDuplicateChecksNeed_NeverMatched()
    {
        var problems = Deleting(Rules(compiled.Root), Kept());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void DeleteRules_RunFoldersAndQuotaLedgers_Expire()
    {
        var rules = Rules(compiled.Root);

        Assert.NotEmpty(Deleting(rules, ["bronze/2026/11/23/20261123-daily/heat-1995.json", "bronze/2031/01/05/20310105-daily/_manifest.json"]));
        Assert.Single(Deleting(rules, ["bronze/_enrichment/quota/2026-11-23.json"]));
        Assert.Empty(Deleting(rules, ["gold/latest/movies_unified.parquet", "silver/2026/11/23/20261123-daily/movies.parquet"]));
    }

    [Fact]
    public void Rule_DeletingAllOfBronze_Fails()
    {
        // The rule this replaced: every blob under bronze/ deleted after a year, the duplicate records with it.
        var template = JsonNode.Parse(compiled.Root.GetRawText())!;
        foreach (var rule in RuleNodes(template))
        {
            rule["definition"]!["filters"]!["prefixMatch"] = new JsonArray("bronze/");
        }

        using var mutated = JsonDocument.Parse(template.ToJsonString());

        Assert.Equal(Kept().Count, Deleting(Rules(mutated.RootElement), Kept()).Select(p => p.Split(' ')[0]).Distinct().Count());
    }

    /// <summary>Each (rule, blob) where a rule that deletes base blobs matches one of <paramref name="blobs"/>.</summary>
    private static List<string> Deleting(IReadOnlyList<JsonElement> rules, IReadOnlyList<string> blobs)
        => [.. from rule in rules
               where rule.GetProperty("definition").GetProperty("actions").TryGetProperty("baseBlob", out var baseBlob) && baseBlob.TryGetProperty("delete", out _)
               from prefix in rule.GetProperty("definition").GetProperty("filters").GetProperty("prefixMatch").EnumerateArray().Select(p => p.GetString()!)
               from blob in blobs
               where blob.StartsWith(prefix, StringComparison.Ordinal)
               select $"{blob} deleted by rule {rule.GetProperty("name").GetString()} ({prefix})"];

    private static List<JsonElement> Rules(JsonElement template)
        => [.. ArmTemplate.Resources(template).OfType("Microsoft.Storage/storageAccounts/managementPolicies")
            .SelectMany(p => p.Properties.GetProperty("policy").GetProperty("rules").EnumerateArray())];

    private static IEnumerable<JsonObject> RuleNodes(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if ((string?)obj["type"] == "Microsoft.Storage/storageAccounts/managementPolicies")
            {
                foreach (var rule in obj["properties"]!["policy"]!["rules"]!.AsArray().OfType<JsonObject>())
                {
                    yield return rule;
                }
            }

            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(RuleNodes))
            {
                yield return child;
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().SelectMany(RuleNodes))
            {
                yield return child;
            }
        }
    }
}
