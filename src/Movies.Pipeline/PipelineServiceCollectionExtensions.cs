using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Report;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Secrets;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Source;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>The whole engine, as the Functions app and the CLI both compose it. Settings are read
    /// from the configuration root under their flat names (<c>TOP_N</c>, <c>MAX_RETRIES</c>...).</summary>
    public static IServiceCollection AddMoviesPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ResilienceOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddOptions<SelectionOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddOptions<WorkflowOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddLake();
        services.AddSecrets();
        services.AddEnrichment();
        services.AddEvents();
        services.AddSingleton<MovieSelector>();
        services.AddSingleton<ManifestWriter>();
        services.AddSilver();
        services.AddGold();
        services.AddProviders();
        services.AddReport();
        services.AddSingleton<PipelineRunner>();
        services.AddSingleton<RunPromoter>();
        return services;
    }
}
