namespace Movies.Pipeline.Workflow;

/// <summary>What the select step decided: small, so it can pass between orchestration steps.</summary>
public sealed record RunPlan(string RunId, string RunFolder, int TopN, int BatchSize, int Batches, int SourceRows, int SourceRejects, bool Resumed);
