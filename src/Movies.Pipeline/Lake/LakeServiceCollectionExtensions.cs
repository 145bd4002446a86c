using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
            .ValidateOnStart();

        services.AddSingleton<ILakeStore>(sp =>
        {
            var lake = sp.GetRequiredService<IOptions<LakeOptions>>().Value;
            if (!lake.UsesBlobStorage)
            {
                return new FileSystemLakeStore(lake.Path!);
            }

            var resilience = sp.GetRequiredService<IOptions<ResilienceOptions>>().Value;
            return new BlobLakeStore(CreateServiceClient(lake, resilience));
        });
        return services;
    }

    public static BlobServiceClient CreateServiceClient(LakeOptions lake, ResilienceOptions resilience)
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = resilience.MaxRetries;
        options.Retry.Delay = resilience.BaseDelay;
        options.Retry.MaxDelay = resilience.MaxDelay;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);

        if (!string.IsNullOrWhiteSpace(lake.ConnectionString))
        {
            return new BlobServiceClient(lake.ConnectionString, options);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = lake.ClientId });
        return new BlobServiceClient(lake.BlobServiceUri!, credential, options);
    }
}
