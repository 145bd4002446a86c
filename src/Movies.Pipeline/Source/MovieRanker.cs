namespace Movies.Pipeline.Source;

/// <summary>Ranks films by the IMDb weighted rating WR = v/(v+m)·R + m/(v+m)·C, where R is the film's
/// rating, v its votes, m the minimum votes and C the mean rating of all rated films. Ties break on
/// votes, then title and year, then source order, so the ranking is the same on every machine.</summary>
public static class MovieRanker
{
    public static IReadOnlyList<RankedMovie> Rank(IReadOnlyList<SourceMovie> movies, int minVotes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minVotes);
        var rated = movies.Where(m => m.ImdbRating is not null && m.ImdbVotes is not null).ToList();
        if (rated.Count == 0)
        {
            return [];
        }

        var mean = rated.Average(m => m.ImdbRating!.Value);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var ranked = new List<RankedMovie>(rated.Count);
        foreach (var item in rated
            .Select(m => (Movie: m, Score: Weighted(m.ImdbRating!.Value, m.ImdbVotes!.Value, minVotes, mean)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Movie.ImdbVotes)
            .ThenBy(x => x.Movie.Title, StringComparer.Ordinal)
            .ThenBy(x => x.Movie.Year)
            .ThenBy(x => x.Movie.Index))
        {
            // The same title and year twice is one film: keep its best-ranked row.
            var key = MovieKey.Create(item.Movie.Title, item.Movie.Year);
            if (seenKeys.Add(key))
            {
                ranked.Add(new RankedMovie(ranked.Count + 1, Math.Round(item.Score, 6), key, item.Movie));
            }
        }

        return ranked;
    }

    private static double Weighted(double rating, int votes, int minVotes, double mean)
        => votes + minVotes == 0 ? mean : (votes / (double)(votes + minVotes) * rating) + (minVotes / (double)(votes + minVotes) * mean);
}
