namespace Movies.Pipeline.Report;

/// <summary>Names of the run reports in the gold container: <c>reports/{runId}.html</c> for each run and
/// <c>reports/latest.html</c>, the report of the run whose gold version is published (written by the gold commit,
/// <see cref="RunReportPage.AddTo"/>).</summary>
public static class ReportPaths
{
    public const string Folder = "reports";

    public static string Latest => $"{Folder}/latest.html";

    public static string Run(string runId) => $"{Folder}/{runId}.html";
}
