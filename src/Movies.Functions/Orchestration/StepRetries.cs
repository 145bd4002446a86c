using Microsoft.DurableTask;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>The run's activity options: a Durable retry handler over the engine's <see cref="StepRetryRules"/>
/// (MAX_RETRIES and BASE_DELAY_SECONDS fixed in the run's input), instead of a RetryPolicy that would retry every
/// failure on top of the clients' own retries. The handler makes its own wait with a durable timer, so a zero
/// BASE_DELAY_SECONDS retries at once (a RetryPolicy needs a positive interval).</summary>
public static class StepRetries
{
    /// <summary>For publishing an event: no Durable retries, since the Service Bus client (or the lake's) already
    /// retried the one call the activity makes.</summary>
    public static TaskOptions Once { get; } = new();

    /// <summary>The run's settings (<see cref="RunStart"/>, passed on to each chunk in <see cref="ChunkStart"/>).</summary>
    public static TaskOptions Options(int maxRetries, double baseDelaySeconds)
    {
        var rules = new StepRetryRules(maxRetries, baseDelaySeconds);
        return TaskOptions.FromRetryHandler(retry => RetryAsync(rules, retry));
    }

    /// <summary>True when the failure, or a failure it wraps, is of <paramref name="type"/>: the isolated worker may
    /// report an async activity's exception inside another (an AggregateException) with the cause as inner failure.</summary>
    public static bool IsCausedBy(TaskFailureDetails? failure, Type type)
    {
        for (; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.IsCausedBy(type))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> RetryAsync(StepRetryRules rules, RetryContext retry)
    {
        var delay = rules.NextDelay(retry.LastAttemptNumber, retry.TotalRetryTime, type => IsCausedBy(retry.LastFailure, type));
        if (delay is null)
        {
            return false;
        }

        if (delay > TimeSpan.Zero)
        {
            await retry.OrchestrationContext.CreateTimer(delay.Value, retry.CancellationToken);
        }

        return true;
    }
}
