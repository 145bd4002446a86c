namespace Movies.Pipeline.Gold;

public sealed record GoldResult(string ManifestBlob, string Status, string? FailureReason, IReadOnlyDictionary<string, int> TableRows, int FilesWritten);
