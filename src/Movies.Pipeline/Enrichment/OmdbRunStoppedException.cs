namespace Movies.Pipeline.Enrichment;

/// <summary>An attempt refused before sending: its run was stopped by a run-fatal answer.</summary>
public sealed class OmdbRunStoppedException(string reason) : Exception($"run stopped: {reason}")
{
    public string Reason { get; } = reason;
}
