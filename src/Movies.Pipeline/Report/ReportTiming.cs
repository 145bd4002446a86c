namespace Movies.Pipeline.Report;

/// <summary>When the run started and how its OMDb work went, from its manifest (no clock is read, so a
/// report is the same however often it is written).</summary>
public sealed record ReportTiming(DateTimeOffset StartedAt, DateOnly RunDate, int Batches, int BatchSize, int Lookups, int Attempts, int Retries, int MaxAttempts);
