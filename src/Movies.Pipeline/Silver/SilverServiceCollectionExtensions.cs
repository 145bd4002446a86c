using Microsoft.Extensions.DependencyInjection;

namespace Movies.Pipeline.Silver;

public static class SilverServiceCollectionExtensions
{
    /// <summary>Registers the silver promoter, started by a bronze run manifest.</summary>
    public static IServiceCollection AddSilver(this IServiceCollection services)
    {
        services.AddSingleton<SilverPromoter>();
        return services;
    }
}
