using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Gold;

/// <summary>A declared provider and its current silver table, as gold joins it (no <paramref name="Current"/> before its
/// first file).</summary>
public sealed record ProviderTable(Provider Provider, ProviderCurrent? Current, ColumnTable? Rows);
