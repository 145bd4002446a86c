namespace Movies.Pipeline.Enrichment;

/// <summary>The deferred queue (<see cref="EnrichmentPaths.DeferredQueue"/>): movies waiting for a lookup, oldest first.</summary>
public sealed record DeferredQueue(IReadOnlyList<DeferredMovie> Movies)
{
    public static DeferredQueue Empty { get; } = new([]);
}
