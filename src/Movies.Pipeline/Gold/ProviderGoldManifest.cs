namespace Movies.Pipeline.Gold;

/// <summary>Written into the history folder of a gold version a provider file published (no run): the arrival that
/// published it, the provider silver versions it joined, and the rows of each table.</summary>
public sealed record ProviderGoldManifest(string ArrivalId, IReadOnlyDictionary<string, long> ProviderVersions, IReadOnlyDictionary<string, int> TableRows);
