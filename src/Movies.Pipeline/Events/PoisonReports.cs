using System.Security.Cryptography;
using System.Text;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Events;

/// <summary>Which messages of the blob trigger's poison queue were reported already: one marker per message in the
/// lake's <c>events</c> container (<c>_reported/poison/{hash}.json</c>, written create-only, as the lake publisher writes
/// events), so a promotion that failed for good is reported (its Error log, its <c>promotion_failed</c> event) once,
/// however long its message waits for a replay, and whatever the event topic's duplicate-detection window. A message
/// names a blob version (its ETag): a replay that rewrites the manifest and fails again is a new report.</summary>
public sealed class PoisonReports(ILakeStore lake)
{
    /// <summary>A readable message's identity: the function and the blob version it failed on.</summary>
    public static string KeyOf(PoisonPromotion promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return $"{promotion.Function}|{promotion.Container}/{promotion.BlobName}@{promotion.ETag}";
    }

    /// <summary>An unreadable message's identity: its id in the queue.</summary>
    public static string KeyOfUnreadable(string messageId) => $"unreadable|{messageId}";

    /// <summary>Where the marker of <paramref name="key"/> is (hashed: the key holds names from outside).</summary>
    public static string MarkerOf(string key)
        => $"_reported/poison/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}.json";

    public Task<bool> WasReportedAsync(string key, CancellationToken cancellationToken = default)
        => lake.ExistsAsync(LakeContainers.Events, MarkerOf(key), cancellationToken);

    /// <summary>Marks the message reported, after its report went out: a crash in between reports it again (a duplicate
    /// the topic may drop) rather than never.</summary>
    public Task MarkReportedAsync(PoisonReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return lake.WriteJsonAsync(LakeContainers.Events, MarkerOf(report.Key), report, PipelineJsonContext.Blobs.PoisonReport, overwrite: false, cancellationToken);
    }
}
