namespace Movies.Pipeline.Providers;

/// <summary>A provider's current silver (<c>silver/providers/{provider}/_current.json</c>): the newest file of each part,
/// by arrival sequence, and the provider table merged from them. <paramref name="Version"/> rises with every change;
/// gold records the version it joined, so it can tell when it is behind.</summary>
public sealed record ProviderCurrent(string Provider, long Version, IReadOnlyDictionary<string, ProviderFileSilver> Parts, string TableBlob, int TableRows);
