namespace Movies.Pipeline.Gold;

/// <summary>The three summary tables of one <c>movies_unified</c>, each ordered by its key.</summary>
public sealed record GoldSummaries(List<GenreSummaryRow> Genres, List<DecadeSummaryRow> Decades, List<DirectorSummaryRow> Directors);
