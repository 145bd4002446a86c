using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Tests.Silver;

public sealed class SilverValidatorTests
{
    private static readonly DateOnly RunDate = new(2026, 11, 23);
    private static readonly SilverMovie Valid = new() { ImdbId = "tt0113277", Title = "Heat", Year = 1995, ImdbRating = 8.3, BoxOfficeUsd = 1 };

    [Fact]
    public void Validate_ValidMovie_Null() => Assert.Null(SilverValidator.Validate(Valid, RunDate));

    public static TheoryData<SilverMovie, string> Invalid => new()
    {
        { Valid with { ImdbId = "" }, RejectReasons.MissingImdbId },
        { Valid with { ImdbId = "nm123" }, RejectReasons.UnparsableValue },
        { Valid with { Title = " " }, RejectReasons.MissingTitle },
        { Valid with { Year = 1850 }, RejectReasons.YearOutOfRange },
        { Valid with { Year = 2045 }, RejectReasons.YearOutOfRange },
        { Valid with { ImdbRating = 10.5 }, RejectReasons.RatingOutOfRange },
        { Valid with { SourceImdbRating = -1 }, RejectReasons.RatingOutOfRange },
        { Valid with { Metascore = 101 }, RejectReasons.RatingOutOfRange },
        { Valid with { SourceRottenTomatoesPercent = 120 }, RejectReasons.RatingOutOfRange },
        { Valid with { BoxOfficeUsd = -5 }, RejectReasons.NegativeMoney },
        { Valid with { SourceProductionBudgetUsd = -1 }, RejectReasons.NegativeMoney },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BrokenRule_ReasonCode(SilverMovie movie, string reason)
        => Assert.Equal(reason, SilverValidator.Validate(movie, RunDate)!.Reason);

    [Fact]
    public void Validate_YearOfAnnouncedFilm_Valid() => Assert.Null(SilverValidator.Validate(Valid with { Year = 2030 }, RunDate));
}
