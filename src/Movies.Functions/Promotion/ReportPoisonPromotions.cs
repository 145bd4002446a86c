using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Events;

namespace Movies.Functions.Promotion;

/// <summary>
/// Every 15 minutes: the promotions the blob trigger gave up on (five failed tries moved their message to the
/// lake's <c>webjobs-blobtrigger-poison</c> queue) are reported once each (<see cref="PoisonReports"/>: a marker in the
/// lake), as an error log (the promotion-failed alert fires on it) and a <c>promotion_failed</c> event. Messages are only
/// peeked: the queue stays the list of what awaits a replay (docs/deploy.md); each tick says at Warning how many reported
/// ones still wait. Only the first <see cref="MaxMessages"/> messages can be peeked: one behind them is reported once
/// those before it are cleared.
/// </summary>
public sealed class ReportPoisonPromotions(PoisonQueue poison, PoisonReports reports, IPipelineEventPublisher events, TimeProvider clock, ILogger<ReportPoisonPromotions> logger)
{
    public const string Schedule = "0 */15 * * * *";

    /// <summary>A page of the queue; more waiting is said in the log.</summary>
    public const int MaxMessages = 32;

    [Function(nameof(ReportPoisonPromotions))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        Azure.Storage.Queues.Models.PeekedMessage[] messages;
        try
        {
            messages = (await poison.Queue.PeekMessagesAsync(MaxMessages, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // No promotion has ever failed: the extension creates the queue with its first message.
        }

        var stillWaiting = 0;
        foreach (var message in messages)
        {
            var readable = PoisonPromotion.TryParse(message.Body.ToString(), out var promotion);
            var key = readable ? PoisonReports.KeyOf(promotion!) : PoisonReports.KeyOfUnreadable(message.MessageId);
            if (await reports.WasReportedAsync(key, cancellationToken))
            {
                stillWaiting++;
                continue;
            }

            var at = clock.GetUtcNow();
            if (!readable)
            {
                Log.PoisonUnreadable(logger, PoisonPromotion.QueueName, message.MessageId);
            }
            else
            {
                Log.PromotionFailed(logger, promotion!.FunctionName, $"{promotion.Container}/{promotion.BlobName}", promotion.RunId ?? "(none)", PoisonPromotion.QueueName);
                if (promotion.ToEvent(at) is { } e)
                {
                    await events.PublishAsync(e, cancellationToken);
                }
            }

            await reports.MarkReportedAsync(new PoisonReport(key, at, promotion?.RunId), cancellationToken);
        }

        if (stillWaiting > 0)
        {
            Log.PoisonStillWaiting(logger, stillWaiting, PoisonPromotion.QueueName);
        }

        if (messages.Length == MaxMessages)
        {
            Log.MorePoison(logger, MaxMessages, PoisonPromotion.QueueName);
        }
    }
}
