namespace Movies.Pipeline.Bronze;

/// <summary>Movies by outcome (<see cref="MovieOutcomes"/>). <paramref name="Cached"/> and <paramref name="Deferred"/>
/// came later: a count written before them reads as 0.</summary>
public sealed record OutcomeCounts(int Fetched, int NotFound, int Failed, int Skipped, int Cached = 0, int Deferred = 0)
{
    public static OutcomeCounts Zero { get; } = new(0, 0, 0, 0);

    public int Total => Fetched + NotFound + Failed + Skipped + Cached + Deferred;

    public static OutcomeCounts Of(IEnumerable<MovieOutcome> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var counts = new Counter();
        foreach (var movie in movies)
        {
            counts.Add(movie.Outcome);
        }

        return counts.ToCounts();
    }

    public OutcomeCounts Add(OutcomeCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Fetched + other.Fetched, NotFound + other.NotFound, Failed + other.Failed, Skipped + other.Skipped, Cached + other.Cached, Deferred + other.Deferred);
    }

    /// <summary>Counts outcomes one at a time, for callers that stream movies rather than hold them.</summary>
    public sealed class Counter
    {
        private int _fetched;
        private int _notFound;
        private int _failed;
        private int _skipped;
        private int _cached;
        private int _deferred;

        public void Add(string outcome)
        {
            switch (outcome)
            {
                case MovieOutcomes.Fetched: _fetched++; break;
                case MovieOutcomes.NotFound: _notFound++; break;
                case MovieOutcomes.Failed: _failed++; break;
                case MovieOutcomes.Cached: _cached++; break;
                case MovieOutcomes.Deferred: _deferred++; break;
                default: _skipped++; break;
            }
        }

        public OutcomeCounts ToCounts() => new(_fetched, _notFound, _failed, _skipped, _cached, _deferred);
    }
}
