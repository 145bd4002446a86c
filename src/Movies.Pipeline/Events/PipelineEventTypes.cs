namespace Movies.Pipeline.Events;

/// <summary>The event types of schema version 1. Subscribers filter on them (the Service Bus subject).</summary>
public static class PipelineEventTypes
{
    public const string RunStarted = "run_started";
    public const string RunCompleted = "run_completed";
    public const string RunFailed = "run_failed";
    public const string GoldPublished = "gold_published";

    public static IReadOnlyList<string> All { get; } = [RunStarted, RunCompleted, RunFailed, GoldPublished];
}
