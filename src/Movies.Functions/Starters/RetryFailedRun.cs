using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Movies.Functions.Starters;

/// <summary>Hourly: a day whose run failed or was terminated (an activity out of retries, a deploy that stopped it)
/// is restarted as the next attempt, and resumes its plan with the bronze already fetched; nothing is started when
/// the day has no run yet (that is PIPELINE_SCHEDULE's job), and a day that failed on bad input or used its
/// attempts is left for a person (see docs/deploy.md).</summary>
public sealed class RetryFailedRun(DailyRunStarter starter)
{
    public const string Schedule = "0 15 * * * *";

    [Function(nameof(RetryFailedRun))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        return starter.StartAsync(client, startIfNone: false, null, null, cancellationToken);
    }
}
