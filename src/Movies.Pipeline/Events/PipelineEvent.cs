using System.Security.Cryptography;
using System.Text;
using Movies.Pipeline.Bronze;
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
