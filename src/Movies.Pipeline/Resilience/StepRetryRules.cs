using System.Text.Json;
using Azure;
using Azure.Identity;

namespace Movies.Pipeline.Resilience;

/// <summary>
/// When a failed step of a run (a Durable activity) is tried again, and after how long. One retry layer per
/// call: storage, OMDb, Key Vault and Service Bus calls already retry inside the step (MAX_RETRIES, their own
/// clients), so a failure they gave up on is not retried again around them; bad input and broken state can never
/// succeed, so they stop at once. What is left (an unexpected error of the step itself) gets MAX_RETRIES more tries,
/// BASE_DELAY_SECONDS doubling, each wait at most <see cref="MaxInterval"/> and all of them at most
/// <see cref="MaxTotal"/>. Pure: the orchestrator calls it while replaying.
/// </summary>
public sealed class StepRetryRules(int maxRetries, double baseDelaySeconds)
{
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxTotal = TimeSpan.FromMinutes(10);

    /// <summary>Failures no retry can fix: bad input, a broken contract, missing state.</summary>
    public static IReadOnlyList<Type> NeverRetried { get; } =
    [
        typeof(PipelineInputException),
        typeof(ArgumentException),
        typeof(FormatException),
        typeof(JsonException),
        typeof(InvalidOperationException),
        typeof(NotSupportedException),
        typeof(UnauthorizedAccessException),
    ];

    /// <summary>Failures of calls whose own client already retried them (one retry layer per call).</summary>
    public static IReadOnlyList<Type> RetriedByTheirClient { get; } =
    [
        typeof(RequestFailedException),
        typeof(HttpRequestException),
        typeof(AuthenticationFailedException),
    ];

    /// <summary>The wait before trying again after <paramref name="failedAttempts"/> failed tries, or null to stop.
    /// <paramref name="isCausedBy"/> says whether the last failure is (or wraps) an exception of a type;
    /// <paramref name="alsoRetriedByTheirClient"/> adds the host's own client exceptions (Service Bus).</summary>
    public TimeSpan? NextDelay(int failedAttempts, TimeSpan totalRetryTime, Func<Type, bool> isCausedBy, IEnumerable<Type>? alsoRetriedByTheirClient = null)
    {
        ArgumentNullException.ThrowIfNull(isCausedBy);
        if (failedAttempts > maxRetries
            || NeverRetried.Any(isCausedBy)
            || RetriedByTheirClient.Concat(alsoRetriedByTheirClient ?? []).Any(isCausedBy))
        {
            return null;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(MaxInterval.TotalSeconds, Math.Max(0, baseDelaySeconds) * Math.Pow(2, Math.Max(0, failedAttempts - 1))));
        return totalRetryTime + delay > MaxTotal ? null : delay;
    }
}
