namespace Movies.Pipeline.Report;

/// <summary>A film among the run's best rated.</summary>
public sealed record ReportFilm(string Title, int? Year, double? ImdbRating, long? ImdbVotes, IReadOnlyList<string> Genres);
