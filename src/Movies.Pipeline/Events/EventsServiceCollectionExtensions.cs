using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Movies.Pipeline.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Pipeline events: the lake publisher unless another <see cref="IPipelineEventPublisher"/>
    /// is registered (the Functions app registers Service Bus when <c>SERVICEBUS_NAMESPACE</c> is set).</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddOptions<EventsOptions>().BindFlatConfiguration()
            .Validate(o => !o.UsesServiceBus || !string.IsNullOrWhiteSpace(o.ServiceBusTopic), "SERVICEBUS_TOPIC must be set when SERVICEBUS_NAMESPACE is.")
            .ValidateOnStart();
        services.TryAddSingleton<LakeEventPublisher>();
        services.TryAddSingleton<PoisonReports>();
        services.TryAddSingleton<IPipelineEventPublisher>(sp => sp.GetRequiredService<LakeEventPublisher>());
        return services;
    }
}
