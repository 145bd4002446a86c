namespace Movies.Pipeline.Gold;

/// <summary>Builds <c>movie_history</c>, an SCD type 2 table of each film's tracked facts (IMDb rating and votes,
/// Metascore, Rotten Tomatoes, OMDb's box office). History only moves forward, as <c>movies_unified</c> does: a run
/// that refreshed a film (<see cref="UnifiedMerge.Refreshed"/>) closes the film's current version and opens a new
/// one when its facts differ, and changes nothing when they are the same; a run older than the film's latest version
/// changes nothing (it did not refresh the film). So promoting any run again, or an older one, rewrites nothing. A
/// run promoted again with other facts for a film than it had (a resumed run) corrects the version it opened, folding
/// it into the one before when they become equal. Pure, and ordered by imdbID then <c>valid_from</c>.</summary>
public static class MovieHistory
{
    /// <summary>The first history of a gold that has films but no <c>movie_history</c> yet: one current version per
    /// film, from the run that last refreshed it.</summary>
    public static List<MovieHistoryRow> Seed(IEnumerable<MoviesUnifiedRow> films)
    {
        ArgumentNullException.ThrowIfNull(films);
        return [.. films.Select(MovieHistoryRow.CurrentOf).OrderBy(r => r.ImdbId, StringComparer.Ordinal).ThenBy(r => r.ValidFrom)];
    }

    /// <summary><paramref name="history"/> with the facts of the films a run refreshed applied
    /// (<paramref name="refreshed"/>: one row per film, ordered by imdbID, as <see cref="GoldTables.Merge"/> gives them).</summary>
    public static List<MovieHistoryRow> Apply(IReadOnlyList<MovieHistoryRow> history, IReadOnlyList<MoviesUnifiedRow> refreshed)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(refreshed);
        var ordered = IsOrdered(history) ? history : [.. history.OrderBy(r => r.ImdbId, StringComparer.Ordinal).ThenBy(r => r.ValidFrom)];
        var rows = new List<MovieHistoryRow>(ordered.Count + refreshed.Count);
        var next = 0;
        foreach (var film in refreshed)
        {
            while (next < ordered.Count && string.CompareOrdinal(ordered[next].ImdbId, film.ImdbId) < 0)
            {
                rows.Add(ordered[next++]);
            }

            var first = rows.Count;
            while (next < ordered.Count && string.Equals(ordered[next].ImdbId, film.ImdbId, StringComparison.Ordinal))
            {
                rows.Add(ordered[next++]);
            }

            Refresh(rows, first, film);
        }

        while (next < ordered.Count)
        {
            rows.Add(ordered[next++]);
        }

        return rows;
    }

    // The film's versions are rows[first..]; its latest is the last of them.
    private static void Refresh(List<MovieHistoryRow> rows, int first, MoviesUnifiedRow film)
    {
        if (rows.Count == first)
        {
            rows.Add(MovieHistoryRow.CurrentOf(film));
            return;
        }

        var latest = rows[^1];
        if (film.LastRefreshedAt < latest.ValidFrom || latest.HasFactsOf(film))
        {
            return;
        }

        if (film.LastRefreshedAt == latest.ValidFrom)
        {
            // The run that opened the latest version, promoted again with other facts.
            rows.RemoveAt(rows.Count - 1);
            if (rows.Count > first && rows[^1].HasFactsOf(film))
            {
                rows[^1] = rows[^1] with { ValidTo = null, IsCurrent = true };
                return;
            }

            rows.Add(MovieHistoryRow.CurrentOf(film));
            return;
        }

        rows[^1] = latest with { ValidTo = film.LastRefreshedAt, IsCurrent = false };
        rows.Add(MovieHistoryRow.CurrentOf(film));
    }

    private static bool IsOrdered(IReadOnlyList<MovieHistoryRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            var order = string.CompareOrdinal(rows[i - 1].ImdbId, rows[i].ImdbId);
            if (order > 0 || (order == 0 && rows[i - 1].ValidFrom >= rows[i].ValidFrom))
            {
                return false;
            }
        }

        return true;
    }
}
