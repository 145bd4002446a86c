using Microsoft.Extensions.DependencyInjection;

namespace Movies.Pipeline.Gold;

public static class GoldServiceCollectionExtensions
{
    /// <summary>Registers gold: its options (<c>REJECT_THRESHOLD_PERCENT</c>) the commit that publishes gold as one unit, and the promoter, started by a silver manifest.</summary>
    public static IServiceCollection AddGold(this IServiceCollection services)
    {
        services.AddOptions<GoldOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddSingleton<GoldCommitter>();
        services.AddSingleton<GoldPromoter>();
        return services;
    }
}
