namespace Movies.Pipeline.Report;

/// <summary>One labelled count of a report: an outcome, a genre, a decade.</summary>
public sealed record ReportCount(string Label, int Count);
