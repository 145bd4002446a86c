using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Resilience;

namespace Movies.Pipeline.Lake;

/// <summary>The blob client's retry policy (exponential backoff, as configured) that also logs each retry at
/// Warning with its attempt number, so a slow or silent storage endpoint is visible while it is retried.</summary>
internal sealed class StorageRetryPolicy(int maxRetries, DelayStrategy delay, ILogger logger) : RetryPolicy(maxRetries, delay)
{
    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception)
    {
        var retry = await base.ShouldRetryAsync(message, exception);
        if (retry)
        {
            var reason = exception is not null ? ServiceErrors.Describe(exception) : $"HTTP {message.Response.Status}";
            Log.StorageRetrying(logger, message.Request.Method.ToString(), message.Request.Uri.Path, message.ProcessingContext.RetryNumber + 1, reason);
        }

        return retry;
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception)
    {
        var retry = base.ShouldRetry(message, exception);
        if (retry)
        {
            var reason = exception is not null ? ServiceErrors.Describe(exception) : $"HTTP {message.Response.Status}";
            Log.StorageRetrying(logger, message.Request.Method.ToString(), message.Request.Uri.Path, message.ProcessingContext.RetryNumber + 1, reason);
        }

        return retry;
    }
}
