namespace Movies.Pipeline.Gold;

/// <summary>The running figures of one summary group (a genre, decade or director) as films are added: counts and
/// sums for the means (added in the order the films come, imdbID order, so the doubles are the same every time),
/// the total gross and the grosses for the median.</summary>
internal sealed class SummaryAggregate
{
    private const int Digits = 4;
    private readonly List<long> _gross = [];
    private int _films;
    private double _rating;
    private int _ratings;
    private double _rottenTomatoes;
    private int _rottenTomatoesCount;
    private double _metascore;
    private int _metascores;
    private long _total;

    public void Add(MoviesUnifiedRow movie)
    {
        _films++;
        if (movie.ImdbRating is { } rating)
        {
            _rating += rating;
            _ratings++;
        }

        if (movie.RottenTomatoesPercent is { } rottenTomatoes)
        {
            _rottenTomatoes += rottenTomatoes;
            _rottenTomatoesCount++;
        }

        if (movie.Metascore is { } metascore)
        {
            _metascore += metascore;
            _metascores++;
        }

        if (movie.WorldwideGrossUsd is { } gross)
        {
            _total = checked(_total + gross);
            _gross.Add(gross);
        }
    }

    public GenreSummaryRow ToGenre(string genre) => new()
    {
        Genre = genre,
        Films = _films,
        MeanImdbRating = Mean(_rating, _ratings),
        MeanRottenTomatoesPercent = Mean(_rottenTomatoes, _rottenTomatoesCount),
        MeanMetascore = Mean(_metascore, _metascores),
        TotalWorldwideGrossUsd = _total,
        MedianWorldwideGrossUsd = Median(),
    };

    public DecadeSummaryRow ToDecade(int decade) => new()
    {
        Decade = decade,
        Films = _films,
        MeanImdbRating = Mean(_rating, _ratings),
        MeanRottenTomatoesPercent = Mean(_rottenTomatoes, _rottenTomatoesCount),
        MeanMetascore = Mean(_metascore, _metascores),
        TotalWorldwideGrossUsd = _total,
        MedianWorldwideGrossUsd = Median(),
    };

    public DirectorSummaryRow ToDirector(string director) => new()
    {
        Director = director,
        Films = _films,
        MeanImdbRating = Mean(_rating, _ratings),
        MeanRottenTomatoesPercent = Mean(_rottenTomatoes, _rottenTomatoesCount),
        MeanMetascore = Mean(_metascore, _metascores),
        TotalWorldwideGrossUsd = _total,
        MedianWorldwideGrossUsd = Median(),
    };

    private static double? Mean(double sum, int count) => count == 0 ? null : Math.Round(sum / count, Digits);

    private double? Median()
    {
        if (_gross.Count == 0)
        {
            return null;
        }

        _gross.Sort();
        var middle = _gross.Count / 2;
        return _gross.Count % 2 == 1 ? _gross[middle] : (_gross[middle - 1] + _gross[middle]) / 2.0;
    }
}
