namespace Movies.Pipeline.Enrichment;

/// <summary>An attempt refused before sending: the day's OMDb quota has no room left (<see cref="OmdbQuota"/>).</summary>
public sealed class OmdbQuotaSpentException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
