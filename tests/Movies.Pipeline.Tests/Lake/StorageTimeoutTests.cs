using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>A blob endpoint that accepts connections and never answers: each try times out, each retry is logged
/// at Warning with its attempt, and the call fails within its bounded budget instead of hanging for minutes.</summary>
public sealed class StorageTimeoutTests : IAsyncLifetime
{
    private readonly SilentEndpoint _endpoint = new();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Download_SilentEndpoint_EachRetryLoggedWithItsAttemptAndFailsWithinTheBudget()
    {
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var lake = new BlobLakeStore(LakeServiceCollectionExtensions.CreateServiceClient(
            new LakeOptions { ConnectionString = _endpoint.ConnectionString, TryTimeout = TimeSpan.FromSeconds(1) },
            new ResilienceOptions { MaxRetries = 2, BaseDelaySeconds = 0.05 },
            loggers.CreateLogger<BlobLakeStore>()));

        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => lake.DownloadAsync(LakeContainers.Gold, "latest/_version.json").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
        Assert.Equal(3, _endpoint.Connections);
        var retries = logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Storage GET", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains(retries, l => l.Contains("attempt 1 failed", StringComparison.Ordinal) && l.Contains("devstoreaccount1/gold/latest/_version.json", StringComparison.Ordinal));
        Assert.Contains(retries, l => l.Contains("attempt 2 failed", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Download_SilentEndpointDefaultTryTimeout_GivesUpWithinSeconds()
    {
        // The per-try timeout as configured for real use (no override): one try, no retry.
        var lake = new BlobLakeStore(LakeServiceCollectionExtensions.CreateServiceClient(
            new LakeOptions { ConnectionString = _endpoint.ConnectionString },
            new ResilienceOptions { MaxRetries = 0 }));

        var error = await Record.ExceptionAsync(() => lake.DownloadAsync(LakeContainers.Gold, "latest/_version.json").WaitAsync(TimeSpan.FromSeconds(45)));

        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task Promote_SilentStorage_WarnsEachRetryThenOneClearLineExitOne()
    {
        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["MAX_RETRIES"] = "1", ["BASE_DELAY_SECONDS"] = "0.1" },
            "promote", "--run", "20261120-silent", "--connection", _endpoint.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("attempt 1 failed", result.Stderr, StringComparison.Ordinal);
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("storage", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", result.Stderr, StringComparison.Ordinal);
    }
}
