using System.Text.Json;

namespace Movies.Infra.Tests;

/// <summary>host.json: what the Functions host needs for versioned, traced, single-run orchestrations.</summary>
public sealed class HostJsonTests
{
    private static JsonElement DurableTask()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        return document.RootElement.GetProperty("extensions").GetProperty("durableTask").Clone();
    }

    [Fact]
    public void DurableTask_Versioning_NewInstancesGetTheDefaultVersionAndOldWorkersRejectNewer()
    {
        var durable = DurableTask();

        // Every new instance carries defaultVersion (bump it with an orchestration change, docs/deploy.md);
        // a worker runs instances of its version or older and rejects (retries later) newer ones.
        Assert.True(Version.TryParse(durable.GetProperty("defaultVersion").GetString() + ".0", out _), "defaultVersion must be a number such as \"1\"");
        Assert.Equal("CurrentOrOlder", durable.GetProperty("versionMatchStrategy").GetString());
        Assert.Equal("Reject", durable.GetProperty("versionFailureStrategy").GetString());
    }

    [Fact]
    public void DurableTask_Tracing_DistributedTracingV2()
    {
        var tracing = DurableTask().GetProperty("tracing");

        Assert.True(tracing.GetProperty("distributedTracingEnabled").GetBoolean());
        Assert.Equal("V2", tracing.GetProperty("version").GetString());
    }

    [Fact]
    public void DurableTask_ExistingInstance_OnlyReplacedWhenNotRunning()
    {
        // Two starters racing on the day's instance id: the store refuses the second while the first runs.
        Assert.Equal("NonRunningStates", DurableTask().GetProperty("overridableExistingInstanceStates").GetString());
        Assert.Equal("%TASK_HUB_NAME%", DurableTask().GetProperty("hubName").GetString());
    }

    [Fact]
    public void Logging_Default_KeepsInformation()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var levels = document.RootElement.GetProperty("logging").GetProperty("logLevel");

        // The worker forwards the engine's Information logs once the Application Insights Warning rule is removed
        // (src/Movies.Functions/Extensions/FunctionsExtensions.cs); these levels then decide.
        Assert.Equal("Information", levels.GetProperty("default").GetString());
        var source = File.ReadAllText(RepositoryRoot.Combine("src", "Movies.Functions", "Extensions", "FunctionsExtensions.cs"));
        Assert.Contains("Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider", source, StringComparison.Ordinal);
        Assert.Contains("options.Rules.Remove(", source, StringComparison.Ordinal);
    }
}
