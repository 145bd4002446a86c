using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Movies.Functions.Maintenance;

/// <summary>Daily at 04:30 UTC: purges the history of orchestrations that ended (completed, failed,
/// terminated) and were created more than <c>PURGE_AFTER_DAYS</c> ago, so the task hub stays small.
/// Running instances are never touched.</summary>
public sealed class PurgeHistory(IOptions<MaintenanceOptions> options, TimeProvider clock, ILogger<PurgeHistory> logger)
{
    public const string Schedule = "0 30 4 * * *";

    private static readonly OrchestrationRuntimeStatus[] Ended =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    [Function(nameof(PurgeHistory))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var before = clock.GetUtcNow().AddDays(-options.Value.PurgeAfterDays);
        // A lower bound too: not every backend takes an open range (the in-process test engine refuses one).
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: before, Statuses: Ended), cancellationToken);
        Log.Purged(logger, result.PurgedInstanceCount, before);
    }
}
