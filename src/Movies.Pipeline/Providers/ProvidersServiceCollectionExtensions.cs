using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Gold;

namespace Movies.Pipeline.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>Registers the providers: their declarations (<c>PROVIDERS_FILE</c>, validated at start: a bad file stops
    /// the app with every problem named), the landing → bronze → silver stages, gold's side of them, and the ingestor.</summary>
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddOptions<ProvidersOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersFileValidation>();
        services.AddSingleton(sp => ProviderCatalog.Load(sp.GetRequiredService<IOptions<ProvidersOptions>>().Value.ResolvedPath));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ProvidersOptions>>().Value.Limits);
        services.AddSingleton<ProviderBronzeWriter>();
        services.AddSingleton<ProviderSilverWriter>();
        services.AddSingleton<ProviderGold>();
        services.AddSingleton<ProviderIngestor>();
        return services;
    }

    /// <summary>The providers file is part of the settings: reading and validating it is the options' validation.</summary>
    private sealed class ProvidersFileValidation : IValidateOptions<ProvidersOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
        {
            try
            {
                _ = ProviderCatalog.Load(options.ResolvedPath);
                return ValidateOptionsResult.Success;
            }
            catch (PipelineInputException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
