using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Movies.Functions.Orchestration;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Starters;

/// <summary>The daily run, on <c>PIPELINE_SCHEDULE</c> (default 03:00 UTC). The instance id is the day's
/// run id (<see cref="RunIds.Daily"/>), so a day never runs twice at once:
/// running, pending or suspended: logged, not started again; completed: the day is done, nothing to do;
/// failed or terminated: scheduled again with the same id, and the run resumes its plan (bronze already
/// fetched is kept). host.json's <c>overridableExistingInstanceStates: NonRunningStates</c> makes the
/// store refuse to replace a running instance if two starts race.</summary>
public sealed class ScheduledStart(RunStarts starts, TimeProvider clock, ILogger<ScheduledStart> logger)
{
    [Function(nameof(ScheduledStart))]
    public async Task RunAsync([TimerTrigger("%PIPELINE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var runId = RunIds.Daily(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        var existing = await client.GetInstanceAsync(runId, cancellationToken);
        switch (existing?.RuntimeStatus)
        {
            case null:
                break;
            case OrchestrationRuntimeStatus.Completed:
                Log.RunAlreadyCompleted(logger, runId);
                return;
            case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                Log.RunRestarting(logger, runId, existing.RuntimeStatus.ToString());
                break;
            default:
                Log.RunAlreadyActive(logger, runId, existing.RuntimeStatus.ToString());
                return;
        }

        var start = starts.Create(runId);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MoviesOrchestrator), start, new StartOrchestrationOptions(InstanceId: runId), cancellationToken);
        Log.RunScheduled(logger, runId, start.TopN, start.BatchSize);
    }
}
