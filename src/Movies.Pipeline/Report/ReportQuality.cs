namespace Movies.Pipeline.Report;

/// <summary>The run's quality verdict, as gold's <c>run_quality</c> computes it.</summary>
public sealed record ReportQuality(string Status, string? FailureReason, int BronzeRecords, int SilverRows, int Rejects, double RejectRatePercent, double ThresholdPercent);
