namespace Movies.Pipeline.Providers;

/// <summary>What ingesting one landed file did (<see cref="ProviderFileStatus"/>), with its rows and rejects.</summary>
public sealed record ProviderFileResult(
    string Provider,
    string Part,
    string FileName,
    string ArrivalId,
    long Sequence,
    string Status,
    int Rows,
    int SilverRows,
    int Rejects,
    IReadOnlyDictionary<string, int> RejectsByReason,
    string BronzeBlob,
    long CurrentVersion);
