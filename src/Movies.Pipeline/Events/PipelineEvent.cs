using System.Security.Cryptography;
using System.Text;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>One pipeline event, schema version 1. <paramref name="MessageId"/> is derived from the run id,
/// the type and an optional detail, so a retried or replayed publish carries the same id and a
/// subscriber (or Service Bus duplicate detection) can drop the copy. Counts, reason, manifest and
/// tables are set when the type has them, null otherwise.</summary>
public sealed record PipelineEvent(
    int SchemaVersion,
    string MessageId,
    string Type,
    string RunId,
    DateTimeOffset OccurredAt,
    OutcomeCounts? Counts,
    string? Reason,
    string? Manifest,
    IReadOnlyList<string>? Tables)
{
    public const int CurrentSchemaVersion = 1;

    public static PipelineEvent RunStarted(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(PipelineEventTypes.RunStarted, request.RunId, request.StartedAt);
    }

    /// <summary>run_completed, or run_failed with the reason: the fatal reason when the run stopped early, else
    /// <paramref name="failureReason"/> when the run failed otherwise (its quality check, when it is known).</summary>
    public static PipelineEvent RunFinished(RunOutcome outcome, DateTimeOffset occurredAt, string? failureReason = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var manifest = $"{LakeContainers.Bronze}/{outcome.Manifest.ManifestBlob}";
        var reason = outcome.FatalReason ?? failureReason;
        return reason is null
            ? Create(PipelineEventTypes.RunCompleted, outcome.Plan.RunId, occurredAt, counts: outcome.Manifest.Counts, manifest: manifest)
            : Create(PipelineEventTypes.RunFailed, outcome.Plan.RunId, occurredAt, counts: outcome.Manifest.Counts, reason: reason, manifest: manifest);
    }

    /// <summary>run_failed for a run that ended with an error before its manifest was written.</summary>
    public static PipelineEvent RunFailed(string runId, DateTimeOffset occurredAt, string reason)
        => Create(PipelineEventTypes.RunFailed, runId, occurredAt, reason: reason);

    /// <summary>gold_published for the gold version a promotion published: the detail of the message id is the
    /// silver manifest and the version's content hash, so a re-publish of the same content is the same message (a
    /// duplicate to drop) and a promotion that changed gold (a resumed run) is a new one.</summary>
    public static PipelineEvent GoldPublished(string runId, DateTimeOffset occurredAt, string silverManifest, GoldResult gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var detail = gold.ContentHash is null ? silverManifest : $"{silverManifest}@{gold.ContentHash}";
        return Create(PipelineEventTypes.GoldPublished, runId, occurredAt, detail: detail, manifest: silverManifest, tables: GoldTablePaths.LatestParquet(gold));
    }

    /// <summary>gold_published with the silver manifest alone as the detail of its message id. Prefer the
    /// <see cref="GoldResult"/> overload: with this one a resumed run's changed gold repeats the first message id
    /// and is dropped as a duplicate.</summary>
    public static PipelineEvent GoldPublished(string runId, DateTimeOffset occurredAt, string silverManifest, IReadOnlyList<string>? tables)
        => Create(PipelineEventTypes.GoldPublished, runId, occurredAt, detail: silverManifest, manifest: silverManifest, tables: tables);

    public static PipelineEvent Create(string type, string runId, DateTimeOffset occurredAt, string? detail = null,
        OutcomeCounts? counts = null, string? reason = null, string? manifest = null, IReadOnlyList<string>? tables = null)
    {
        if (!PipelineEventTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown pipeline event type '{type}'.", nameof(type));
        }

        RunIds.Validate(runId);
        return new PipelineEvent(CurrentSchemaVersion, MessageIdOf(runId, type, detail), type, runId, occurredAt, counts, reason, manifest, tables);
    }

    /// <summary><c>{runId}:{type}</c>, plus <c>:{16 hex of SHA-256(detail)}</c> when there is a detail:
    /// at most 112 characters (Service Bus allows 128), readable, and the same on every retry.</summary>
    public static string MessageIdOf(string runId, string type, string? detail = null)
    {
        var id = $"{runId}:{type}";
        return detail is null ? id : $"{id}:{DetailHash(detail)}";
    }

    internal static string DetailHash(string detail)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(detail)))[..16];
}
