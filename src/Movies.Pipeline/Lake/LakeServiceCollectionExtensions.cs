using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;

namespace Movies.Pipeline.Lake;

public static class LakeServiceCollectionExtensions
{
    /// <summary>Registers the lake: blob storage when a <c>LakeStorage</c> connection is set, else a folder.</summary>
    public static IServiceCollection AddLake(this IServiceCollection services)
    {
        services.AddOptions<LakeOptions>()
            .Configure<IConfiguration>(LakeOptions.Bind)
            .Validate(o => o.UsesBlobStorage || !string.IsNullOrWhiteSpace(o.Path), "Set LAKE_PATH (a folder) or the LakeStorage connection.")
            .Validate(o => o.UsesBlobStorage || !File.Exists(o.Path), "LAKE_PATH must be a folder, not a file.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ConnectionString) || IsConnectionString(o.ConnectionString),
                "LakeStorage is not a storage connection string (such as UseDevelopmentStorage=true, or DefaultEndpointsProtocol=https;AccountName=…).")
            .ValidateOnStart();

        services.AddSingleton<ILakeStore>(sp =>
        {
            var lake = sp.GetRequiredService<IOptions<LakeOptions>>().Value;
            if (!lake.UsesBlobStorage)
            {
                return new FileSystemLakeStore(lake.Path!);
            }

            var resilience = sp.GetRequiredService<IOptions<ResilienceOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            return new BlobLakeStore(CreateServiceClient(lake, resilience, loggers.CreateLogger<BlobLakeStore>()), logger: loggers.CreateLogger<BlobLakeStore>());
        });
        return services;
    }

    private static bool IsConnectionString(string connectionString)
    {
        try
        {
            // Parsing only: the client does not connect until it is used.
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A blob client that retries <c>MAX_RETRIES</c> times with exponential backoff from
    /// <c>BASE_DELAY_SECONDS</c>, logs each retry at Warning, and gives each try <see cref="LakeOptions.TryTimeout"/>:
    /// a silent endpoint fails within (MAX_RETRIES + 1) tries of that, plus the backoff, never minutes per try.</summary>
    public static BlobServiceClient CreateServiceClient(LakeOptions lake, ResilienceOptions resilience, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(resilience);
        var options = new BlobClientOptions();
        options.Retry.NetworkTimeout = lake.TryTimeout;
        options.RetryPolicy = new StorageRetryPolicy(resilience.MaxRetries,
            DelayStrategy.CreateExponentialDelayStrategy(resilience.BaseDelay, resilience.MaxDelay), logger ?? NullLogger.Instance);

        if (!string.IsNullOrWhiteSpace(lake.ConnectionString))
        {
            return new BlobServiceClient(lake.ConnectionString, options);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = lake.ClientId });
        return new BlobServiceClient(lake.BlobServiceUri!, credential, options);
    }
}
