using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;
using Polly;

namespace Movies.Pipeline.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    public const string PipelineName = "omdb";

    /// <summary>The OMDb client: a typed HttpClient whose pipeline is, outermost first, retry with
    /// exponential backoff, jitter and Retry-After (capped by <c>OMDB_MAX_RETRY_AFTER_SECONDS</c>), a per-process
    /// concurrency limit, a per-attempt timeout, and <see cref="OmdbAttemptHandler"/> around each attempt.</summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services)
    {
        services.AddOptions<OmdbClientOptions>().BindFlatConfiguration()
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                "OMDB_BASE_URL must be an absolute http or https URL, such as https://www.omdbapi.com/.")
            .ValidateOnStart();
        services.AddOptions<AnswerCacheOptions>().BindFlatConfiguration().ValidateOnStart();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<OmdbQuota>();
        services.AddSingleton<DeferredMovies>();
        services.AddTransient<OmdbAttemptHandler>();
        services.AddSingleton<OmdbHttpLogger>();
        services.AddSingleton<BatchEnricher>();
        services.AddSingleton<RunStopSignals>();

        services.AddHttpClient<OmdbClient>((sp, client) =>
            {
                client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OmdbClientOptions>>().Value.BaseUrl, UriKind.Absolute);
                // The pipeline owns timeouts; HttpClient's own would cut across retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var catalog = sp.GetRequiredService<IOptions<OmdbClientOptions>>().Value.OfflineCatalog;
                return string.IsNullOrWhiteSpace(catalog) ? new SocketsHttpHandler() : new OfflineOmdbHandler(catalog);
            })
            .RemoveAllLoggers()
            .AddLogger<OmdbHttpLogger>()
            .AddResilienceHandler(PipelineName, (builder, context) =>
            {
                var resilience = context.ServiceProvider.GetRequiredService<IOptions<ResilienceOptions>>().Value;
                var omdb = context.ServiceProvider.GetRequiredService<IOptions<OmdbClientOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILogger<OmdbClient>>();
                if (resilience.MaxRetries > 0)
                {
                    var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = resilience.MaxRetries,
                        Delay = resilience.BaseDelay,
                        MaxDelay = resilience.MaxDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // Retry-After is honoured up to OMDB_MAX_RETRY_AFTER_SECONDS; a longer demand is not retried
                        // at all (the client turns it into a run-fatal answer), so no wait exceeds the cap.
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult(OmdbRetryAfter.Of(args.Outcome.Result, time.GetUtcNow())),
                        // No retry once the lookup's run is stopped, nor of a Retry-After beyond the cap.
                        ShouldHandle = args => args.Context.Properties.GetValue(OmdbClient.GateKey, null)?.StopReason is null
                            && OmdbRetryAfter.TooLong(args.Outcome.Result, omdb.MaxRetryAfter, time.GetUtcNow()) is null
                                ? OmdbRetryPredicate.ShouldRetryAsync(args.Outcome)
                                : ValueTask.FromResult(false),
                        OnRetry = args =>
                        {
                            Log.Retrying(logger, args.AttemptNumber + 1, OmdbRetryPredicate.Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                            return ValueTask.CompletedTask;
                        },
                    });
                }

                builder.AddConcurrencyLimiter(omdb.MaxConcurrency, int.MaxValue);
                builder.AddTimeout(TimeSpan.FromSeconds(omdb.TimeoutSeconds));
            });

        services.AddHttpClient<OmdbClient>().AddHttpMessageHandler<OmdbAttemptHandler>();
        return services;
    }
}
