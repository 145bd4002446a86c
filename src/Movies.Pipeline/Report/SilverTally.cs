using System.Globalization;
using System.Runtime.InteropServices;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Report;

/// <summary>What a report shows of a run's silver films, added up a film at a time (<see cref="Add"/>): the top films
/// (by IMDb rating, then votes, title and imdbID), films per genre and per decade. Fed from silver read as columns
/// (<see cref="Of(ParquetColumns)"/>), a run's 100,000 films are never row objects.</summary>
public sealed class SilverTally
{
    private readonly List<Candidate> _top = new(RunReportBuilder.TopFilmCount + 1);
    private readonly Dictionary<string, int> _genres = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _decades = [];
    private int _noYear;
    private int _films;

    public static SilverTally Of(IEnumerable<SilverMovie> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var tally = new SilverTally();
        foreach (var m in rows)
        {
            tally.Add(m.ImdbId, m.Title, m.Year, m.ImdbRating, m.ImdbVotes, CollectionsMarshal.AsSpan(m.Genres));
        }

        return tally;
    }

    /// <summary>The films of silver read as columns (<see cref="RunReportBuilder.SilverColumns"/>); a column the file
    /// lacks reads as a row reader would leave its property.</summary>
    public static SilverTally Of(ParquetColumns silver)
    {
        ArgumentNullException.ThrowIfNull(silver);
        var (ids, titles, years) = (silver.Text("imdb_id"), silver.Text("title"), silver.Values<int>("year"));
        var (ratings, votes, genres) = (silver.Values<double>("imdb_rating"), silver.Values<long>("imdb_votes"), silver.TextList("genres"));
        var tally = new SilverTally();
        for (var i = 0; i < silver.RowCount; i++)
        {
            tally.Add(ids is null ? string.Empty : ids[i]!, titles is null ? string.Empty : titles[i]!, years?[i], ratings?[i], votes?[i], genres is null ? [] : genres.Of(i));
        }

        return tally;
    }

    public void Add(string imdbId, string title, int? year, double? imdbRating, long? imdbVotes, ReadOnlySpan<string?> genres)
    {
        var film = new Candidate(imdbRating ?? double.MinValue, imdbVotes ?? long.MinValue, title, imdbId, _films++, null);
        if (_top.Count < RunReportBuilder.TopFilmCount || Compare(film, _top[^1]) < 0)
        {
            var at = _top.Count;
            while (at > 0 && Compare(film, _top[at - 1]) < 0)
            {
                at--;
            }

            // Only a film that makes the top gets its row for the page (and a copy of its genres).
            _top.Insert(at, film with { Film = new ReportFilm(title, year, imdbRating, imdbVotes, Copy(genres)) });
            if (_top.Count > RunReportBuilder.TopFilmCount)
            {
                _top.RemoveAt(_top.Count - 1);
            }
        }

        for (var k = 0; k < genres.Length; k++)
        {
            // A film counts once in each of its genres.
            if (genres[k] is { } genre && genres[..k].IndexOf(genre) < 0)
            {
                _genres[genre] = _genres.GetValueOrDefault(genre) + 1;
            }
        }

        if (year is { } y)
        {
            _decades[y / 10 * 10] = _decades.GetValueOrDefault(y / 10 * 10) + 1;
        }
        else
        {
            _noYear++;
        }
    }

    /// <summary>The best films, best first.</summary>
    public IReadOnlyList<ReportFilm> TopFilms() => [.. _top.Select(c => c.Film!)];

    /// <summary>Films per genre, most first, then by name.</summary>
    public IReadOnlyList<ReportCount> Genres()
        => [.. _genres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportCount(g.Key, g.Value))];

    /// <summary>Films per decade of release, oldest first; films without a year last, as "unknown".</summary>
    public IReadOnlyList<ReportCount> Decades()
    {
        var decades = _decades.OrderBy(d => d.Key).Select(d => new ReportCount(d.Key.ToString(CultureInfo.InvariantCulture) + "s", d.Value));
        return [.. _noYear > 0 ? decades.Append(new ReportCount("unknown", _noYear)) : decades];
    }

    private static string[] Copy(ReadOnlySpan<string?> items)
    {
        var copy = new string[items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            copy[k] = items[k]!;
        }

        return copy;
    }

    // Best first: rating, then votes, descending; then title and imdbID; then the order the films came in.
    private static int Compare(Candidate a, Candidate b)
    {
        var order = b.Rating.CompareTo(a.Rating);
        order = order != 0 ? order : b.Votes.CompareTo(a.Votes);
        order = order != 0 ? order : string.CompareOrdinal(a.Title, b.Title);
        order = order != 0 ? order : string.CompareOrdinal(a.ImdbId, b.ImdbId);
        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }

    private sealed record Candidate(double Rating, long Votes, string Title, string ImdbId, int Index, ReportFilm? Film);
}
