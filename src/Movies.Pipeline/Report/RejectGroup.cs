namespace Movies.Pipeline.Report;

/// <summary>The rejects of one reason: how many, and the first few as examples.</summary>
public sealed record RejectGroup(string Reason, int Count, IReadOnlyList<RejectExample> Examples);
