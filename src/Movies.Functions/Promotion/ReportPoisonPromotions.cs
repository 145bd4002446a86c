using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Events;

namespace Movies.Functions.Promotion;

/// <summary>
/// Every 15 minutes: the promotions the blob trigger gave up on (five failed tries moved their message to the
/// lake's <c>webjobs-blobtrigger-poison</c> queue) are reported, each as an error log (the promotion-failed alert
/// fires on it) and a <c>promotion_failed</c> event. Messages are only peeked: the queue stays the list of what
/// awaits a replay (docs/deploy.md), and while one waits it is reported again each time, with the same message id,
/// so subscribers see it once and the alert stays on until someone replays it and clears the message.
/// </summary>
public sealed class ReportPoisonPromotions(PoisonQueue poison, IPipelineEventPublisher events, TimeProvider clock, ILogger<ReportPoisonPromotions> logger)
{
    public const string Schedule = "0 */15 * * * *";

    /// <summary>A page of the queue; more waiting is said in the log.</summary>
    private const int MaxMessages = 32;

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

        foreach (var message in messages)
        {
            var text = message.Body.ToString();
            if (!PoisonPromotion.TryParse(text, out var promotion))
            {
                Log.PoisonUnreadable(logger, PoisonPromotion.QueueName, message.MessageId);
                continue;
            }

            Log.PromotionFailed(logger, promotion!.FunctionName, $"{promotion.Container}/{promotion.BlobName}", promotion.RunId ?? "(none)", PoisonPromotion.QueueName);
            if (promotion.ToEvent(clock.GetUtcNow()) is { } e)
            {
                await events.PublishAsync(e, cancellationToken);
            }
        }

        if (messages.Length == MaxMessages)
        {
            Log.MorePoison(logger, MaxMessages, PoisonPromotion.QueueName);
        }
    }
}
