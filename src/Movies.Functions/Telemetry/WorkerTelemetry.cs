using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Movies.Functions.Telemetry;

public static class WorkerTelemetry
{
    /// <summary>The worker's telemetry: Application Insights (what <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> names),
    /// the worker's log levels (<see cref="WorkerLogFilters"/>), and errors kept out of sampling
    /// (<see cref="ErrorsNotSampled"/>).</summary>
    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services)
    {
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        services.AddSingleton<ITelemetryInitializer, ErrorsNotSampled>();
        // After Application Insights' registration, whose provider rule it replaces.
        services.Configure<LoggerFilterOptions>(WorkerLogFilters.Configure);
        return services;
    }
}
