namespace Movies.Pipeline.Source;

/// <summary>A source row that cannot take part in a run, with the reason.</summary>
public sealed record SourceReject(int Index, string Reason);
