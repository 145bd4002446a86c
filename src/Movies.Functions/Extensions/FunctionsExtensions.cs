using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Functions.Events;
using Movies.Functions.Maintenance;
using Movies.Functions.Promotion;
using Movies.Functions.Starters;
using Movies.Pipeline;
using Movies.Pipeline.Events;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Secrets;

namespace Movies.Functions.Extensions;

public static class FunctionsExtensions
{
    /// <summary>The provider Application Insights registers with a default rule that keeps Warning and above only.</summary>
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>The app: worker telemetry, the engine, Service Bus events, the starters, the poison report.</summary>
    public static FunctionsApplicationBuilder AddMoviesFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        // Without this, the engine's Information logs (run progress, outcomes) never reach Application Insights:
        // the levels in host.json's logging section then apply to the worker's logs too.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var warningOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningOnly is not null)
            {
                options.Rules.Remove(warningOnly);
            }
        });
        builder.Services.AddMoviesPipeline();
        builder.Services.AddFunctionsEvents();
        builder.Services.AddSingleton<RunStarts>();
        builder.Services.AddSingleton<DailyRunStarter>();
        builder.Services.AddSingleton(sp => PoisonQueue.Create(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<ResilienceOptions>>().Value));
        builder.Services.AddOptions<MaintenanceOptions>().BindFlatConfiguration().ValidateOnStart();
        return builder;
    }

    /// <summary>Events to the Service Bus topic <c>SERVICEBUS_TOPIC</c> when <c>SERVICEBUS_NAMESPACE</c>
    /// is set (identity only: DefaultAzureCredential, the user-assigned identity of <c>AZURE_CLIENT_ID</c>);
    /// otherwise the engine's lake publisher stays.</summary>
    public static IServiceCollection AddFunctionsEvents(this IServiceCollection services)
    {
        services.AddEvents();
        services.TryAddSingleton(sp =>
        {
            var events = sp.GetRequiredService<IOptions<EventsOptions>>().Value;
            var resilience = sp.GetRequiredService<IOptions<ResilienceOptions>>().Value;
            var clientId = sp.GetRequiredService<IOptions<SecretsOptions>>().Value.AzureClientId;
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            var options = new ServiceBusClientOptions
            {
                RetryOptions = new ServiceBusRetryOptions
                {
                    Mode = ServiceBusRetryMode.Exponential,
                    MaxRetries = resilience.MaxRetries,
                    // Service Bus refuses a zero delay: BASE_DELAY_SECONDS=0 becomes 1 ms here.
                    Delay = resilience.PositiveBaseDelay,
                    MaxDelay = resilience.MaxDelay,
                },
            };
            return new ServiceBusClient(events.ServiceBusNamespace!, credential, options);
        });
        services.TryAddSingleton<ServiceBusEventPublisher>();
        services.Replace(ServiceDescriptor.Singleton<IPipelineEventPublisher>(sp =>
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.UsesServiceBus
                ? sp.GetRequiredService<ServiceBusEventPublisher>()
                : sp.GetRequiredService<LakeEventPublisher>()));
        return services;
    }
}
