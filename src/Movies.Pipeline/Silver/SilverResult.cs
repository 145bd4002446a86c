namespace Movies.Pipeline.Silver;

public sealed record SilverResult(string ManifestBlob, int BronzeRecords, int Rows, int Rejects, IReadOnlyDictionary<string, int> RejectsByReason);
