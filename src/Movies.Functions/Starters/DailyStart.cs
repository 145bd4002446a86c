using Movies.Pipeline.Workflow;

namespace Movies.Functions.Starters;

/// <summary>What a starter decided for the day: the decision, the instance it concerns (the one started, or the
/// one that holds the day), and the input it started with.</summary>
public sealed record DailyStart(StartDecision Decision, string InstanceId, RunStart? Started);
