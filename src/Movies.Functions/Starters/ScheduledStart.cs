using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Movies.Functions.Starters;

/// <summary>The daily run, on <c>PIPELINE_SCHEDULE</c> (default 03:00 UTC): starts the day's run unless it (or
/// yesterday's) is still active or the day already completed; a failed day is restarted as the next attempt
/// (see <see cref="DailyRunStarter"/>). <see cref="RetryFailedRun"/> restarts failed days between ticks.</summary>
public sealed class ScheduledStart(DailyRunStarter starter)
{
    [Function(nameof(ScheduledStart))]
    public Task RunAsync([TimerTrigger("%PIPELINE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        return starter.StartAsync(client, startIfNone: true, null, null, cancellationToken);
    }
}
