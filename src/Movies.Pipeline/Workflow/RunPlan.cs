namespace Movies.Pipeline.Workflow;

/// <summary>What the select step decided: small, so it can pass between orchestration steps. <paramref name="Selected"/>
/// movies in all (the deferred queue's <paramref name="FromQueue"/> first, then the top N), of which
/// <paramref name="Cached"/> were answered from the cache and the rest are in the <paramref name="Batches"/> batches.</summary>
public sealed record RunPlan(string RunId, string RunFolder, int TopN, int BatchSize, int Batches, int SourceRows, int SourceRejects, bool Resumed,
    int Selected = 0, int Cached = 0, int FromQueue = 0);
