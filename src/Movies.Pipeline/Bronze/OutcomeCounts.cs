namespace Movies.Pipeline.Bronze;

public sealed record OutcomeCounts(int Fetched, int NotFound, int Failed, int Skipped)
{
    public static OutcomeCounts Zero { get; } = new(0, 0, 0, 0);

    public int Total => Fetched + NotFound + Failed + Skipped;

    public static OutcomeCounts Of(IEnumerable<MovieOutcome> movies)
    {
        int fetched = 0, notFound = 0, failed = 0, skipped = 0;
        foreach (var movie in movies)
        {
            switch (movie.Outcome)
            {
                case MovieOutcomes.Fetched: fetched++; break;
                case MovieOutcomes.NotFound: notFound++; break;
                case MovieOutcomes.Failed: failed++; break;
                default: skipped++; break;
            }
        }

        return new OutcomeCounts(fetched, notFound, failed, skipped);
    }

    public OutcomeCounts Add(OutcomeCounts other)
        => new(Fetched + other.Fetched, NotFound + other.NotFound, Failed + other.Failed, Skipped + other.Skipped);
}
