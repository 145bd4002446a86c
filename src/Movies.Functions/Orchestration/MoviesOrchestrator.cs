using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Movies.Pipeline;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>One run: the engine's <see cref="RunWorkflow"/> over Durable activities and one chunk sub-orchestration
/// per BATCHES_PER_CHUNK batches (<see cref="ChunkOrchestrator"/>), inside the engine's event sequence (<see cref="RunEvents"/>). Deterministic: the clock is the context's, the settings and the attempt
/// come in the input (<see cref="RunStart"/>).</summary>
public static class MoviesOrchestrator
{
    [Function(nameof(MoviesOrchestrator))]
    public static async Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = context.GetInput<RunStart>() ?? throw new InvalidOperationException("The orchestration needs a RunStart input.");
        var logger = context.CreateReplaySafeLogger(typeof(MoviesOrchestrator).FullName!);
        var request = start.ToRequest(Now(context));
        Log.OrchestrationStarted(logger, request.RunId, request.StartedAt);
        var events = new RunEvents(request, e => PublishAsync(context, e, logger), () => Now(context));
        try
        {
            return await events.RunAsync(
                () => RunWorkflow.RunAsync(new DurableRunSteps(context, start.MaxRetries, start.BaseDelaySeconds), request, start.MaxParallelBatches, start.BatchesPerChunk),
                outcome =>
                {
                    Log.OrchestrationFinished(logger, request.RunId, outcome.Manifest.Movies, outcome.Manifest.Counts.Fetched, outcome.FatalReason);
                    return RunVerdict.Of(outcome);
                },
                e => e is TaskFailedException failed ? FailureOf(logger, request.RunId, failed) : null);
        }
        catch (TaskFailedException e) when (StepRetries.IsCausedBy(e.FailureDetails, typeof(PipelineInputException)))
        {
            // Fail as bad input, so the starters see that no restart can fix this day (DailyRunStarts).
            throw new PipelineInputException($"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}");
        }
    }

    private static string FailureOf(ILogger logger, string runId, TaskFailedException e)
    {
        Log.OrchestrationFailed(logger, runId, e.TaskName, e.FailureDetails.ErrorMessage);
        return $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}";
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime.Ticks, TimeSpan.Zero);

    /// <summary>A lost event must not undo a finished run: a publish that fails after its retries is logged.</summary>
    private static async Task PublishAsync(TaskOrchestrationContext context, PipelineEvent e, ILogger logger)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(RunActivities.PublishPipelineEvent), e, StepRetries.Once);
        }
        catch (TaskFailedException failure)
        {
            Log.PublishFailed(logger, e.Type, e.RunId, failure.FailureDetails.ErrorMessage);
        }
    }
}
