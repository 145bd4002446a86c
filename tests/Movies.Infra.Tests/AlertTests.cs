using System.Text.RegularExpressions;

namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed partial class AlertTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void PromotionFailedAlert_QueriesTheErrorTheApplicationLogs()
    {
        // The app's error log for a poison promotion (src/Movies.Functions/Log.cs) ...
        var log = File.ReadAllText(RepositoryRoot.Combine("src", "Movies.Functions", "Log.cs"));
        var prefix = Assert.Single(PromotionFailedMessage().Matches(log).Select(m => m.Groups["prefix"].Value).Distinct());

        // ... is what an alert rule looks for.
        var queries = compiled.Resources.OfType("Microsoft.Insights/scheduledQueryRules")
            .SelectMany(r => r.Properties.GetProperty("criteria").GetProperty("allOf").EnumerateArray())
            .Select(c => c.GetProperty("query").GetString() ?? "")
            .ToList();
        Assert.Contains(queries, q => q.Contains($"startswith \"{prefix}\"", StringComparison.Ordinal) && q.Contains("severityLevel >= 3", StringComparison.Ordinal));
    }

    [GeneratedRegex("""Level = LogLevel\.Error, Message = "(?<prefix>Promotion failed:)""")]
    private static partial Regex PromotionFailedMessage();
}
