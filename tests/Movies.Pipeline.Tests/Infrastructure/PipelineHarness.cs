using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>The engine as the CLI composes it, with settings given per test and logs captured.</summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private int _attempts;

    /// <param name="settings">The engine's settings.</param>
    /// <param name="configure">Changes to the engine's services once registered: a clock, a wrapped lake.</param>
    public PipelineHarness(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddMoviesPipeline();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _services.GetService<IStartupValidator>()?.Validate();
    }

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>Settings for a fast test run against a stand-in: tiny backoff, and an attempt timeout
    /// generous enough that only a scripted hang ever reaches it on a loaded machine. Each run is a world of its own:
    /// no answer cache (REFRESH_AFTER_DAYS and NOT_FOUND_RETRY_DAYS 0) and no daily quota (OMDB_DAILY_LIMIT 0), since
    /// many tests share one Azurite, its cache shards and its quota ledger; tests of those set them.</summary>
    public static Dictionary<string, string?> Settings(string lakePath, Uri omdbUrl, string sourcePath, string apiKey = "test-key") => new()
    {
        ["LAKE_PATH"] = lakePath,
        ["OMDB_BASE_URL"] = omdbUrl.ToString(),
        ["OMDB_API_KEY"] = apiKey,
        ["SOURCE_PATH"] = sourcePath,
        ["MAX_RETRIES"] = "3",
        ["BASE_DELAY_SECONDS"] = "0.01",
        ["OMDB_TIMEOUT_SECONDS"] = "5",
        ["OMDB_MAX_CONCURRENCY"] = "4",
        ["MIN_VOTES"] = "1000",
        ["REFRESH_AFTER_DAYS"] = "0",
        ["NOT_FOUND_RETRY_DAYS"] = "0",
        ["OMDB_DAILY_LIMIT"] = "0",
    };

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>One start of a run: each call is its own attempt (a rerun with the same id resumes, as the CLI does).</summary>
    public Task<RunOutcome> RunAsync(string runId, int topN, int batchSize, CancellationToken cancellationToken = default)
        => RunAsync(runId, topN, batchSize, new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), cancellationToken);

    /// <summary>One start of a run at <paramref name="startedAt"/> (its request's clock).</summary>
    public Task<RunOutcome> RunAsync(string runId, int topN, int batchSize, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        var attempt = RunIds.Attempt(Interlocked.Increment(ref _attempts));
        return Get<PipelineRunner>().RunAsync(new RunRequest(runId, RunIds.DateOf(runId, startedAt), startedAt, topN, batchSize, attempt), null, cancellationToken);
    }

    public void Dispose() => _services.Dispose();
}
