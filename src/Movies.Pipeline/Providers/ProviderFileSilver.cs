namespace Movies.Pipeline.Providers;

/// <summary>One provider file in silver (<c>silver/providers/{provider}/files/{arrivalId}/_file.json</c>, written last):
/// its rows and rejects and where they are. <paramref name="Rows"/> = <paramref name="SilverRows"/> + <paramref name="Rejects"/>.</summary>
public sealed record ProviderFileSilver(
    string Provider,
    string Part,
    string ArrivalId,
    long Sequence,
    DateTimeOffset ArrivedAt,
    string FileName,
    string Sha256,
    int Rows,
    int SilverRows,
    int Rejects,
    IReadOnlyDictionary<string, int> RejectsByReason,
    string RowsBlob,
    string RejectsBlob);
