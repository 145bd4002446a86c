using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Resilience;

namespace Movies.Functions.Promotion;

/// <summary>The blob trigger's poison queue on the lake account, reached through the same <c>LakeStorage</c>
/// connection the triggers use: a connection string locally, <c>LakeStorage__queueServiceUri</c> with the
/// identity (<c>LakeStorage__clientId</c>) in Azure.</summary>
public sealed class PoisonQueue(QueueClient queue)
{
    public QueueClient Queue { get; } = queue;

    public static PoisonQueue Create(IConfiguration configuration, ResilienceOptions resilience)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(resilience);
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = resilience.MaxRetries;
        options.Retry.Delay = resilience.BaseDelay;
        options.Retry.MaxDelay = resilience.MaxDelay;
        var section = configuration.GetSection(LakeOptions.ConnectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new PoisonQueue(new QueueClient(section.Value, PoisonPromotion.QueueName, options));
        }

        var uri = section["queueServiceUri"] ?? throw new InvalidOperationException("Set LakeStorage__queueServiceUri (the lake's queue endpoint) for the blob triggers' poison queue.");
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] ?? configuration["AZURE_CLIENT_ID"] });
        return new PoisonQueue(new QueueServiceClient(new Uri(uri, UriKind.Absolute), credential, options).GetQueueClient(PoisonPromotion.QueueName));
    }
}
