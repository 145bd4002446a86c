namespace Movies.Pipeline.Report;

/// <summary>One rejected record shown as an example of its reason.</summary>
public sealed record RejectExample(string MovieKey, string Detail);
