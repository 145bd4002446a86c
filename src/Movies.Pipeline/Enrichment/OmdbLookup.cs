namespace Movies.Pipeline.Enrichment;

/// <summary>The end of one lookup after retries: the answer as received (when found), how many attempts
/// it took, and a reason when it failed. <paramref name="Request"/> is the request without the key.</summary>
public sealed record OmdbLookup(OmdbLookupOutcome Outcome, string? Body, int Attempts, string? Reason, string Request, DateTimeOffset RequestedAt);
