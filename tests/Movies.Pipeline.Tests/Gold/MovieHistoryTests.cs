using Movies.Pipeline.Gold;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>The SCD type 2 rules of <see cref="MovieHistory"/>, pure; the lake behaviour is in GoldPromoterTests.</summary>
public sealed class MovieHistoryTests
{
    private static readonly DateTime Day1 = new(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = Day1.AddDays(1);

    [Fact]
    public void Apply_ResumedRunWithOtherFacts_CorrectsTheVersionItOpenedAndFoldsBackWhenEqual()
    {
        var history = MovieHistory.Apply([], [Film("tt1", 6.0, Day1, "a")]);
        var changed = MovieHistory.Apply(history, [Film("tt1", 7.0, Day2, "b")]);
        Assert.Equal([(6.0, Day1, (DateTime?)Day2, false), (7.0, Day2, null, true)], changed.Select(Version));

        // Run b resumed and promoted again: its facts for tt1 are now 7.5, so its version is corrected in place.
        var corrected = MovieHistory.Apply(changed, [Film("tt1", 7.5, Day2, "b")]);
        Assert.Equal([(6.0, Day1, (DateTime?)Day2, false), (7.5, Day2, null, true)], corrected.Select(Version));

        // And once more, back to run a's facts: no change happened at b, so a's version is current again.
        var folded = MovieHistory.Apply(corrected, [Film("tt1", 6.0, Day2, "b")]);
        Assert.Equal([(6.0, Day1, (DateTime?)null, true)], folded.Select(Version));
    }

    [Fact]
    public void Apply_FilmsNotRefreshed_KeptAsTheyAreInImdbIdOrder()
    {
        var history = MovieHistory.Apply([], [Film("tt1", 6.0, Day1, "a"), Film("tt3", 5.0, Day1, "a")]);

        var next = MovieHistory.Apply(history, [Film("tt2", 8.0, Day2, "b")]);

        Assert.Equal(["tt1", "tt2", "tt3"], next.Select(r => r.ImdbId));
        Assert.All(next, r => Assert.True(r.IsCurrent));
        Assert.Equal(history[0], next[0]);
        Assert.Equal(history[1], next[2]);
    }

    [Fact]
    public void Seed_GoldBeforeHistory_OneCurrentVersionPerFilmFromItsLastRun()
    {
        var seeded = MovieHistory.Seed([Film("tt2", 8.0, Day2, "b"), Film("tt1", 6.0, Day1, "a")]);

        Assert.Equal([("tt1", "a", Day1), ("tt2", "b", Day2)], seeded.Select(r => (r.ImdbId, r.RunId, r.ValidFrom)));
        Assert.All(seeded, r => Assert.True(r.IsCurrent && r.ValidTo is null));
    }

    private static (double?, DateTime, DateTime?, bool) Version(MovieHistoryRow row) => (row.ImdbRating, row.ValidFrom, row.ValidTo, row.IsCurrent);

    private static MoviesUnifiedRow Film(string imdbId, double rating, DateTime refreshedAt, string runId)
        => new() { ImdbId = imdbId, Title = imdbId, ImdbRating = rating, ImdbVotes = 1000, LastRefreshedAt = refreshedAt, LastRunId = runId };
}
