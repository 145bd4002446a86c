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
        // Two parts ("2.0"): Durable compares versions as System.Version only when both parse as one, and "2" does not,
        // so one-part versions compare as strings ("10" < "9"). Movies.Functions.Tests shows it with Durable's comparer.
        Assert.Matches("^[0-9]+\\.[0-9]+$", durable.GetProperty("defaultVersion").GetString());
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
    public void Logging_TheHostsOwnLogs_FunctionResultsAndExceptionsKept()
    {
        // host.json's logging section is the Functions host's: its function results and errors. The isolated worker's
        // own logs (the engine's) take their levels and sampling from the worker's code (src/Movies.Functions/Telemetry,
        // tested in Movies.Functions.Tests), never from here.
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var logging = document.RootElement.GetProperty("logging");
        var levels = logging.GetProperty("logLevel");
        var excluded = logging.GetProperty("applicationInsights").GetProperty("samplingSettings").GetProperty("excludedTypes").GetString()!.Split(';');

        Assert.Equal("Information", levels.GetProperty("default").GetString());
        Assert.Equal("Information", levels.GetProperty("Host.Results").GetString());
        Assert.Contains("Exception", excluded);
        Assert.Contains("Request", excluded);
    }
}
