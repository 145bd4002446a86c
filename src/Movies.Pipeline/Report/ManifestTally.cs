using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Report;

/// <summary>What a report shows of a run manifest's movies, counted a movie at a time (<see cref="Add"/>), so the
/// manifest's outcomes can stream past it rather than be held (100,000 of them at 100,000 movies): movies by outcome,
/// and the OMDb attempts of the movies that were looked up.</summary>
public sealed class ManifestTally
{
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    public int Movies { get; private set; }

    /// <summary>Movies looked up at least once.</summary>
    public int Lookups { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Attempts after each lookup's first.</summary>
    public int Retries { get; private set; }

    public int MaxAttempts { get; private set; }

    public static ManifestTally Of(IEnumerable<MovieOutcome> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var tally = new ManifestTally();
        foreach (var movie in movies)
        {
            tally.Add(movie);
        }

        return tally;
    }

    public void Add(MovieOutcome movie)
    {
        ArgumentNullException.ThrowIfNull(movie);
        Movies++;
        _outcomes[movie.Outcome] = _outcomes.GetValueOrDefault(movie.Outcome) + 1;
        if (movie.Attempts > 0)
        {
            Lookups++;
            Attempts += movie.Attempts;
            Retries += movie.Attempts - 1;
            MaxAttempts = Math.Max(MaxAttempts, movie.Attempts);
        }
    }

    /// <summary>Movies by outcome: the known outcomes first, in their order, even at zero (<see cref="RunReportBuilder.KnownOutcomes"/>),
    /// then any other the manifest holds, by name.</summary>
    public IReadOnlyList<ReportCount> Outcomes()
    {
        var known = RunReportBuilder.KnownOutcomes;
        var others = _outcomes.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal);
        return [.. known.Concat(others).Select(o => new ReportCount(o, _outcomes.GetValueOrDefault(o)))];
    }
}
