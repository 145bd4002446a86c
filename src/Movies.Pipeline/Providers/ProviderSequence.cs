namespace Movies.Pipeline.Providers;

/// <summary>The last arrival number given to a provider's files (<c>bronze/providers/{provider}/_sequence.json</c>),
/// raised by a conditional write, so two files arriving at once never get the same number.</summary>
public sealed record ProviderSequence(long Last);
