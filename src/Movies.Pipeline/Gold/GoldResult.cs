namespace Movies.Pipeline.Gold;

/// <summary>What promoting one run to gold did. <paramref name="Version"/> and <paramref name="ContentHash"/> are
/// those of the gold version now published (see <see cref="GoldVersion"/>): the content hash changes exactly when
/// the published tables do.</summary>
public sealed record GoldResult(string ManifestBlob, string Status, string? FailureReason, IReadOnlyDictionary<string, int> TableRows, int FilesWritten,
    long Version = 0, string? ContentHash = null);
