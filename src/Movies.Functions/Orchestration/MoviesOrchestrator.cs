using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>One run: the engine's <see cref="RunWorkflow"/> over Durable activities, then its event.
/// Deterministic: the clock is the context's, the settings come in the input (<see cref="RunStart"/>).</summary>
public static class MoviesOrchestrator
{
    [Function(nameof(MoviesOrchestrator))]
    public static async Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = context.GetInput<RunStart>() ?? throw new InvalidOperationException("The orchestration needs a RunStart input.");
        var logger = context.CreateReplaySafeLogger(nameof(MoviesOrchestrator));
        var options = TaskOptions.FromRetryPolicy(RetryPolicyOf(start));
        var request = start.ToRequest(Now(context));
        Log.OrchestrationStarted(logger, request.RunId, request.StartedAt);
        await PublishAsync(context, PipelineEvent.RunStarted(request), options, logger);

        RunOutcome outcome;
        try
        {
            outcome = await RunWorkflow.RunAsync(new DurableRunSteps(context, options), request, start.MaxParallelBatches);
        }
        catch (TaskFailedException e)
        {
            // An activity failed after all its retries: say so, then fail the orchestration.
            var reason = $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}";
            Log.OrchestrationFailed(logger, request.RunId, e.TaskName, e.FailureDetails.ErrorMessage);
            await PublishAsync(context, PipelineEvent.RunFailed(request.RunId, Now(context), reason), options, logger);
            throw;
        }

        Log.OrchestrationFinished(logger, request.RunId, outcome.Manifest.Movies, outcome.Manifest.Counts.Fetched, outcome.FatalReason);
        await PublishAsync(context, PipelineEvent.RunFinished(outcome, Now(context)), options, logger);
        return outcome;
    }

    /// <summary>MAX_RETRIES retries (so MAX_RETRIES + 1 attempts), the first after BASE_DELAY_SECONDS
    /// (at least one second: Durable timers need a positive interval), doubling each time.</summary>
    public static RetryPolicy RetryPolicyOf(RunStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new RetryPolicy(
            maxNumberOfAttempts: start.MaxRetries + 1,
            firstRetryInterval: TimeSpan.FromSeconds(Math.Max(1, start.BaseDelaySeconds)),
            backoffCoefficient: 2);
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime.Ticks, TimeSpan.Zero);

    /// <summary>A lost event must not undo a finished run: a publish that fails after its retries is logged.</summary>
    private static async Task PublishAsync(TaskOrchestrationContext context, PipelineEvent e, TaskOptions options, ILogger logger)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(RunActivities.PublishPipelineEvent), e, options);
        }
        catch (TaskFailedException failure)
        {
            Log.PublishFailed(logger, e.Type, e.RunId, failure.FailureDetails.ErrorMessage);
        }
    }
}
