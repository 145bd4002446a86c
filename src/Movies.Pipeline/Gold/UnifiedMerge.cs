namespace Movies.Pipeline.Gold;

/// <summary>A run's films merged into <c>movies_unified</c>: <paramref name="Rows"/>, the new table ordered by
/// imdbID, and <paramref name="Refreshed"/>, the run's rows that went into it (added, or replacing an older
/// refresh), in the same order.</summary>
public sealed record UnifiedMerge(List<MoviesUnifiedRow> Rows, List<MoviesUnifiedRow> Refreshed);
