namespace Movies.Pipeline.Workflow;

/// <summary>The end of a run: its plan, its manifest, and the fatal reason that stopped it early.</summary>
public sealed record RunOutcome(RunPlan Plan, ManifestResult Manifest, string? FatalReason)
{
    public bool Succeeded => FatalReason is null;
}
