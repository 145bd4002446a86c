using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <summary>The app's services: the engine, Service Bus events, the starters, the poison report, and the payload
    /// serializer. Everything the functions resolve, without the Functions host: the tests run the app's orchestrators,
    /// activities and triggers over this same registration (telemetry apart: <c>AddWorkerTelemetry</c>).</summary>
    public static IServiceCollection AddMoviesFunctions(this IServiceCollection services)
    {
        services.Configure<WorkerOptions>(PayloadSerializer.Configure);
        services.AddMoviesPipeline();
        services.AddFunctionsEvents();
        services.AddSingleton<RunStarts>();
        services.AddSingleton<DailyRunStarter>();
        services.AddSingleton(sp => PoisonQueue.Create(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<ResilienceOptions>>().Value));
        services.AddOptions<MaintenanceOptions>().BindFlatConfiguration().ValidateOnStart();
        return services;
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
