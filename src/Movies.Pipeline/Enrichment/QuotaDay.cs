namespace Movies.Pipeline.Enrichment;

/// <summary>The quota ledger of one UTC day (<see cref="EnrichmentPaths.Quota"/>): OMDb requests reserved by every
/// run and process so far, and why no more may be sent (OMDb's own "Request limit reached!"), if it said so.</summary>
public sealed record QuotaDay(DateOnly Day, long Reserved, string? ExhaustedReason = null);
