namespace Movies.Pipeline.Events;

/// <summary>The event types of schema version 1. Subscribers filter on them (the Service Bus subject).</summary>
public static class PipelineEventTypes
{
    public const string RunStarted = "run_started";
    public const string RunCompleted = "run_completed";
    public const string RunFailed = "run_failed";
    public const string GoldPublished = "gold_published";

    /// <summary>A promotion (silver or gold) the blob trigger gave up on after its retries: reported from the poison queue.</summary>
    public const string PromotionFailed = "promotion_failed";

    public static IReadOnlyList<string> All { get; } = [RunStarted, RunCompleted, RunFailed, GoldPublished, PromotionFailed];
}
