using Movies.Pipeline.Gold;

namespace Movies.Pipeline.Report;

/// <summary>A run's rendered HTML report, <c>gold/reports/{runId}.html</c>.</summary>
public sealed record RunReportPage(string RunId, BinaryData Html)
{
    public string Name => ReportPaths.Run(RunId);

    /// <summary>Publishes the page in a gold commit: the run's own page beside the tables, and
    /// <c>reports/latest.html</c> with them, so latest.html always shows the run of the version gold publishes.</summary>
    public void AddTo(GoldChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes.AddFile(Name, Html).AddLatestFile(ReportPaths.Latest, Html);
    }
}
