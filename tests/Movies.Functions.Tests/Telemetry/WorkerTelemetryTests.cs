using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Movies.Functions.Telemetry;

namespace Movies.Functions.Tests.Telemetry;

/// <summary>The worker's own telemetry, as <c>Program.cs</c> registers it (<see cref="WorkerTelemetry.AddWorkerTelemetry"/>),
/// through Application Insights' real logger provider and processor chain up to its transport: the levels are the
/// worker's (host.json's logging section does not reach them), and no error is sampled away.</summary>
public sealed class WorkerTelemetryTests : IAsyncLifetime
{
    private readonly CapturingChannel _channel = new();
    private ServiceProvider _services = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <param name="sampleAtOnePercent">Adaptive sampling under load, made steady: the same sampler at 1 % in place of
    /// the adaptive one (which only moves its rate after seconds of traffic).</param>
    private void Start(bool sampleAtOnePercent = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
        }).Build());
        services.AddSingleton<ITelemetryChannel>(_channel);
        services.AddWorkerTelemetry();
        if (sampleAtOnePercent)
        {
            services.Configure<ApplicationInsightsServiceOptions>(o => o.EnableAdaptiveSampling = false);
        }

        _services = services.BuildServiceProvider();
        if (sampleAtOnePercent)
        {
            _services.GetRequiredService<TelemetryConfiguration>().DefaultTelemetrySink.TelemetryProcessorChainBuilder.UseSampling(1).Build();
        }
    }

    [Fact]
    public void Logs_ByCategory_AppAndEngineAtInformationEverythingElseFromWarning()
    {
        Start();
        var loggers = _services.GetRequiredService<ILoggerFactory>();

        foreach (var category in new[] { "Movies.Pipeline.Enrichment.BatchEnricher", "Movies.Functions.Orchestration.MoviesOrchestrator", "System.Net.Http.HttpClient.OmdbClient.LogicalHandler",
            "Azure.Core", "Microsoft.DurableTask.Worker", "Polly" })
        {
            var logger = loggers.CreateLogger(category);
            Write(logger, LogLevel.Information, $"info from {category}");
            Write(logger, LogLevel.Warning, $"warning from {category}");
        }

        Flush();
        var traces = _channel.Sent.OfType<TraceTelemetry>().Select(t => t.Message).ToList();
        Assert.Contains("info from Movies.Pipeline.Enrichment.BatchEnricher", traces);
        Assert.Contains("info from Movies.Functions.Orchestration.MoviesOrchestrator", traces);
        Assert.DoesNotContain(traces, t => t.StartsWith("info from", StringComparison.Ordinal) && !t.StartsWith("info from Movies.", StringComparison.Ordinal));
        Assert.Equal(6, traces.Count(t => t.StartsWith("warning from", StringComparison.Ordinal)));
    }

    [Fact]
    public void Errors_UnderSamplingAtOnePercent_EveryOneSent()
    {
        Start(sampleAtOnePercent: true);
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("Movies.Functions.Promotion.ReportPoisonPromotions");

        for (var i = 0; i < 400; i++)
        {
            Write(logger, LogLevel.Information, "progress");
            Write(logger, LogLevel.Error, "Promotion failed");
            Write(logger, LogLevel.Critical, "Crashed", new InvalidOperationException("boom"));
        }

        Flush();
        var traces = _channel.Sent.OfType<TraceTelemetry>().ToList();
        Assert.Equal(400, traces.Count(t => t.SeverityLevel == SeverityLevel.Error));
        Assert.Equal(400, _channel.Sent.OfType<ExceptionTelemetry>().Count());
        Assert.InRange(traces.Count(t => t.SeverityLevel == SeverityLevel.Information), 0, 40);
    }

    private static void Write(ILogger logger, LogLevel level, string message, Exception? exception = null)
        => logger.Log(level, default, message, exception, (text, _) => text);

    private void Flush() => _services.GetRequiredService<TelemetryClient>().Flush();
}
