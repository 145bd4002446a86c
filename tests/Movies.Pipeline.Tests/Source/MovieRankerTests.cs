using Movies.Pipeline.Source;

namespace Movies.Pipeline.Tests.Source;

public class MovieRankerTests
{
    private static SourceMovie Movie(int index, string title, double? rating, int? votes, int? year = 2000)
        => new(index, title, year, rating, votes, "{}"u8.ToArray());

    [Fact]
    public void Rank_FewVotes_PulledTowardsTheMean()
    {
        // A 9.5 with 10 votes must not beat an 8.5 with 500,000 votes.
        var ranked = MovieRanker.Rank([Movie(0, "Obscure", 9.5, 10), Movie(1, "Classic", 8.5, 500_000), Movie(2, "Average", 6.0, 50_000)], minVotes: 1000);

        Assert.Equal(["Classic", "Obscure", "Average"], ranked.Select(r => r.Movie.Title));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
        var mean = (9.5 + 8.5 + 6.0) / 3;
        Assert.Equal(Math.Round((10 / 1010.0 * 9.5) + (1000 / 1010.0 * mean), 6), ranked[1].WeightedRating);
    }

    [Fact]
    public void Rank_Ties_BreakOnVotesThenTitleThenYear()
    {
        var ranked = MovieRanker.Rank(
            [Movie(0, "B", 8.0, 1000), Movie(1, "A", 8.0, 1000, 2001), Movie(2, "A", 8.0, 1000, 1999), Movie(3, "C", 8.0, 2000)],
            minVotes: 0);

        Assert.Equal(["C/2000", "A/1999", "A/2001", "B/2000"], ranked.Select(r => $"{r.Movie.Title}/{r.Movie.Year}"));
    }

    [Fact]
    public void Rank_UnratedAndDuplicateRows_LeftOut()
    {
        var ranked = MovieRanker.Rank([Movie(0, "No rating", null, 100), Movie(1, "No votes", 7, null), Movie(2, "Twice", 7, 100), Movie(3, "Twice", 6, 50)], minVotes: 10);

        var only = Assert.Single(ranked);
        Assert.Equal(2, only.Movie.Index);
    }

    [Fact]
    public void Rank_SameInputShuffled_SameOrder()
    {
        var movies = Enumerable.Range(0, 200).Select(i => Movie(i, $"T{i % 37}", 5 + (i % 7 * 0.5), 100 * (i % 11), 1990 + (i % 13))).ToList();
        var shuffled = movies.OrderBy(m => (m.Index * 7919) % 200).ToList();

        Assert.Equal(MovieRanker.Rank(movies, 500).Select(r => r.MovieKey), MovieRanker.Rank(shuffled, 500).Select(r => r.MovieKey));
    }
}
