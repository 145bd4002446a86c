namespace Movies.Pipeline.Gold;

/// <summary>One published state of gold: <c>gold/latest/_version.json</c>, written last by each promotion, so the
/// tables it names (with their SHA-256) are all in place when it appears. <paramref name="Files"/> maps each
/// latest blob (<c>latest/{table}.parquet|csv</c>) to the hex SHA-256 of its bytes; <paramref name="ContentHash"/>
/// is the SHA-256 of that list, which changes exactly when the published content does. The run's complete copy of
/// the same files is in <c>history/{HistoryFolder}/</c>.</summary>
public sealed record GoldVersion(
    long Version,
    string RunId,
    string HistoryFolder,
    IReadOnlyDictionary<string, int> TableRows,
    IReadOnlyDictionary<string, string> Files,
    string ContentHash);
