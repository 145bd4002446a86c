namespace Movies.Pipeline.Providers;

/// <summary>A provider file's bronze manifest (<c>bronze/providers/{provider}/{sha256}/_arrival.json</c>), written once,
/// after the file itself: which provider and part, its arrival sequence and time (what "newer" means), its SHA-256 and
/// size, how many rows it has, and where it landed and now lies in bronze.</summary>
public sealed record ProviderArrival(
    string Provider,
    string Part,
    long Sequence,
    string ArrivalId,
    DateTimeOffset ArrivedAt,
    string FileName,
    string LandingBlob,
    string Sha256,
    long Size,
    int Rows,
    string BronzeBlob);
