using Movies.Pipeline.Gold;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>
/// The events of one run attempt, written once for the CLI and the Durable orchestrator: run_started, the run,
/// then run_completed or run_failed (or run_failed with the error when the run threw). The attempt
/// (<see cref="RunRequest.Attempt"/>) is the message id's detail: a replayed or retried publish keeps its id and is
/// dropped as a duplicate, a restarted run of the same day gets new ids. <paramref name="publish"/> and
/// <paramref name="clock"/> come from the caller (an activity and the orchestration's clock in Azure), so this
/// class does no I/O and reads no clock of its own, as orchestrator code must.
/// </summary>
public sealed class RunEvents(RunRequest request, Func<PipelineEvent, Task> publish, Func<DateTimeOffset> clock)
{
    /// <summary>Publishes run_started, runs <paramref name="run"/>, then publishes what <paramref name="verdict"/>
    /// says of its result. When it throws and <paramref name="failureOf"/> gives a reason, run_failed carries that
    /// reason and the exception goes on; a null reason (cancellation, say) lets it go on without an event.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run, Func<T, RunVerdict> verdict, Func<Exception, string?> failureOf)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(failureOf);
        await publish(Started());
        T result;
        try
        {
            result = await run();
        }
        catch (Exception e) when (failureOf(e) is { } reason)
        {
            await publish(Failed(reason));
            throw;
        }

        await publish(Finished(verdict(result)));
        return result;
    }

    public PipelineEvent Started()
        => PipelineEvent.Create(PipelineEventTypes.RunStarted, request.RunId, request.StartedAt, detail: request.Attempt);

    /// <summary>run_completed, or run_failed with the verdict's reason; counts and manifest either way. A partial run's
    /// run_completed carries its reason too (<c>partial: …</c>), and its counts say how many were deferred.</summary>
    public PipelineEvent Finished(RunVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.Failed
            ? PipelineEvent.Create(PipelineEventTypes.RunFailed, request.RunId, clock(), detail: request.Attempt, counts: verdict.Counts, reason: verdict.Reason, manifest: verdict.Manifest)
            : PipelineEvent.Create(PipelineEventTypes.RunCompleted, request.RunId, clock(), detail: request.Attempt, counts: verdict.Counts, reason: verdict.Reason, manifest: verdict.Manifest);
    }

    /// <summary>run_failed for an attempt that ended with an error before its manifest.</summary>
    public PipelineEvent Failed(string reason)
        => PipelineEvent.Create(PipelineEventTypes.RunFailed, request.RunId, clock(), detail: request.Attempt, reason: reason);

    /// <summary>gold_published for the gold version a promotion published. The message id's detail is the silver
    /// manifest and the version's content hash: a re-publish of the same content is the same message (a duplicate
    /// to drop), a promotion that changed gold (a resumed run) is a new one.</summary>
    public static PipelineEvent GoldPublished(string runId, DateTimeOffset occurredAt, string silverManifest, GoldResult gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        return PipelineEvent.Create(PipelineEventTypes.GoldPublished, runId, occurredAt, detail: PublicationOf(silverManifest, gold), manifest: silverManifest,
            tables: GoldTablePaths.LatestParquet(gold));
    }

    /// <summary>run_failed for a run whose gold promotion failed its quality check, as the gold trigger in Azure
    /// reports it (the orchestration ended at the bronze manifest, before the check); null when the check passed.
    /// Same detail as <see cref="GoldPublished"/>, so a redelivered promotion keeps the message id.</summary>
    public static PipelineEvent? QualityFailed(string runId, DateTimeOffset occurredAt, string silverManifest, GoldResult gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        return gold.FailureReason is { } reason
            ? PipelineEvent.Create(PipelineEventTypes.RunFailed, runId, occurredAt, detail: PublicationOf(silverManifest, gold), reason: reason, manifest: silverManifest)
            : null;
    }

    private static string PublicationOf(string silverManifest, GoldResult gold)
        => gold.ContentHash is null ? silverManifest : $"{silverManifest}@{gold.ContentHash}";

    /// <summary>promotion_failed for a promotion the blob trigger gave up on (its poison queue).
    /// <paramref name="detail"/> names the failed blob version, so reporting it again keeps the id.</summary>
    public static PipelineEvent PromotionFailed(string runId, DateTimeOffset occurredAt, string manifestBlob, string reason, string detail)
        => PipelineEvent.Create(PipelineEventTypes.PromotionFailed, runId, occurredAt, detail: detail, reason: reason, manifest: manifestBlob);
}
