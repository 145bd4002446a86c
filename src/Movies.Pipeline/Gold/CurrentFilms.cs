using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>Reads the rows of the current films table that a run's merge keeps (<see cref="GoldTables.Merge"/>): the
/// films the run does not have, and those whose current row is newer than the run's (an older run promoted again).
/// The run's rows replace every other film, so those are never made into row objects: on a day that refreshes the
/// whole catalogue, none of the current table's 100,000 rows is held beside the run's. Which rows to keep is decided
/// from two columns read first (<see cref="KeyColumns"/>).</summary>
public static class CurrentFilms
{
    /// <summary>The columns that decide whether a current row is kept.</summary>
    public static IReadOnlyList<string> KeyColumns { get; } = ["imdb_id", "last_refreshed_at"];

    /// <summary>The rows of <paramref name="table"/> (Parquet bytes of a <see cref="MoviesUnifiedRow"/> table; none when
    /// null) that <see cref="GoldTables.Merge"/> would keep against <paramref name="incoming"/>, in file order. A table
    /// not strictly ordered by imdbID (not as a merge writes it) is read whole, so the merge sees it as before.</summary>
    public static async Task<IReadOnlyList<MoviesUnifiedRow>> ReadKeptAsync(BinaryData? table, IReadOnlyList<MoviesUnifiedRow> incoming, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (table is null)
        {
            return [];
        }

        var keys = await ParquetColumns.ReadAsync(table, KeyColumns, cancellationToken);
        var ids = keys.Text("imdb_id");
        if (ids is null || !IsStrictlyOrdered(ids))
        {
            return await ParquetTable.ReadAsync<MoviesUnifiedRow>(table, cancellationToken);
        }

        // The merge takes a run's row when the current one is not newer; of a run's rows with one imdbID, the last.
        var runs = new Dictionary<string, DateTime>(incoming.Count, StringComparer.Ordinal);
        foreach (var row in incoming)
        {
            runs[row.ImdbId] = row.LastRefreshedAt;
        }

        var refreshedAt = keys.Values<DateTime>("last_refreshed_at");
        return await ParquetTable.ReadAsync<MoviesUnifiedRow>(table, null,
            i => !runs.TryGetValue(ids[i]!, out var run) || (refreshedAt?[i] ?? default) > run, cancellationToken);
    }

    private static bool IsStrictlyOrdered(string?[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is null || (i > 0 && string.CompareOrdinal(ids[i - 1], ids[i]) >= 0))
            {
                return false;
            }
        }

        return true;
    }
}
