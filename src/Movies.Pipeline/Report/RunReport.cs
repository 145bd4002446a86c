namespace Movies.Pipeline.Report;

/// <summary>Everything a run report shows, gathered from the run's manifests, rejects and silver rows.</summary>
public sealed record RunReport(
    string RunId,
    int Selected,
    int SourceRows,
    int SourceRejects,
    string? FatalReason,
    IReadOnlyList<ReportCount> Outcomes,
    IReadOnlyList<RejectGroup> Rejects,
    ReportQuality Quality,
    IReadOnlyList<ReportFilm> TopFilms,
    IReadOnlyList<ReportCount> Genres,
    IReadOnlyList<ReportCount> Decades,
    ReportTiming Timing);
