using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Movies.Functions.Orchestration;
using Movies.Pipeline;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Starters;

/// <summary>
/// Starts or restarts the day's run for the timer, the hourly retry and the HTTP starter, by the engine's
/// <see cref="DailyRunStarts"/>. The instance id is the day's run id (<see cref="RunIds.Daily"/>), so two starters
/// that race schedule the same id and the store refuses the second while the first runs (host.json:
/// <c>overridableExistingInstanceStates: NonRunningStates</c>). A restart keeps the day's TOP_N and BATCH_SIZE (it
/// resumes the same plan) and is the next attempt, so its events get new message ids.
/// </summary>
public sealed class DailyRunStarter(RunStarts starts, TimeProvider clock, ILogger<DailyRunStarter> logger)
{
    public string TodaysRunId => RunIds.Daily(Today);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The input today's run ran with, when there is one (its sizes bind a restart).</summary>
    public static async Task<RunStart?> LastStartAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
        => (await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken))?.ReadInputAs<RunStart>();

    public async Task<DailyStart> StartAsync(DurableTaskClient client, bool startIfNone, int? topN, int? batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runId = RunIds.Daily(Today);
        var yesterdayId = RunIds.Daily(Today.AddDays(-1));
        var today = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        var yesterday = await client.GetInstanceAsync(yesterdayId, cancellationToken);
        var last = today?.ReadInputAs<RunStart>();

        var decision = DailyRunStarts.Decide(StateOf(today), last?.Attempt ?? 0, FailedOnBadInput(today), StateOf(yesterday), startIfNone);
        if (!decision.Starts)
        {
            var holder = StateOf(yesterday) == InstanceState.Active ? yesterdayId : runId;
            Log.RunNotStarted(logger, runId, decision.Action, decision.Reason);
            return new DailyStart(decision, holder, null);
        }

        var start = starts.Create(runId, last?.TopN ?? topN, last?.BatchSize ?? batchSize, decision.Attempt);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MoviesOrchestrator), start, new StartOrchestrationOptions(InstanceId: runId), cancellationToken);
        Log.RunScheduled(logger, runId, start.Attempt, start.TopN, start.BatchSize, decision.Reason);
        return new DailyStart(decision, runId, start);
    }

    private static InstanceState StateOf(OrchestrationMetadata? instance) => instance?.RuntimeStatus switch
    {
        null => InstanceState.None,
        OrchestrationRuntimeStatus.Completed => InstanceState.Completed,
        OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => InstanceState.Failed,
        _ => InstanceState.Active,
    };

    private static bool FailedOnBadInput(OrchestrationMetadata? instance)
        => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed && StepRetries.IsCausedBy(instance.FailureDetails, typeof(PipelineInputException));
}
