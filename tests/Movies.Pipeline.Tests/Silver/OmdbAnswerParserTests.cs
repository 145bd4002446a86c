using Movies.Pipeline.Bronze;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Tests.Silver;

public sealed class OmdbAnswerParserTests
{
    private const string Source = """{"Title": "Heat", "US Gross": 67436818, "Worldwide Gross": "187,436,818", "Production Budget": 60000000, "Distributor": "Warner Bros.", "Major Genre": "Action", "Director": "Michael Mann", "Rotten Tomatoes Rating": 86, "IMDB Rating": 8.2, "IMDB Votes": 228000}""";

    [Theory]
    [InlineData("2012", 2012)]
    [InlineData("2012–2014", 2012)]
    [InlineData("2012–", 2012)]
    [InlineData("2012-2014", 2012)]
    public void ParseYear_YearRange_TakesFirstYear(string text, int expected)
        => Assert.Equal(expected, OmdbAnswerParser.ParseYear(text));

    [Theory]
    [InlineData("19x5")]
    [InlineData("95")]
    [InlineData("2012/2014")]
    public void ParseYear_NotAYear_ReturnsNull(string text) => Assert.Null(OmdbAnswerParser.ParseYear(text));

    [Theory]
    [InlineData("$1,234,567", 1_234_567L)]
    [InlineData("$0", 0L)]
    [InlineData("1234567", 1_234_567L)]
    [InlineData("-$5,000", -5_000L)]
    [InlineData("1.5E7", 15_000_000L)]
    public void ParseMoney_DollarStrings_WholeDollars(string text, long expected)
        => Assert.Equal(expected, OmdbAnswerParser.ParseMoney(text));

    [Theory]
    [InlineData("1,234", 1_234L)]
    [InlineData("2,345,678", 2_345_678L)]
    [InlineData("12", 12L)]
    public void ParseCount_VoteStrings_Numbers(string text, long expected)
        => Assert.Equal(expected, OmdbAnswerParser.ParseCount(text));

    [Theory]
    [InlineData("142 min", 142)]
    [InlineData("90", 90)]
    public void ParseRuntime_Minutes_Number(string text, int expected) => Assert.Equal(expected, OmdbAnswerParser.ParseRuntime(text));

    [Fact]
    public void ParseDate_OmdbFormat_Date() => Assert.Equal(new DateOnly(1998, 8, 7), OmdbAnswerParser.ParseDate("07 Aug 1998"));

    [Fact]
    public void ParseList_DuplicatesAndNotAvailable_CleanOrderedList()
        => Assert.Equal(["Drama", "Crime"], OmdbAnswerParser.ParseList("Drama, Crime, N/A, , Drama"));

    [Fact]
    public void Parse_NotAvailableEverywhere_NullsAndEmptyLists()
    {
        var omdb = """
            {"Title":"Quiet","Year":"N/A","Rated":"N/A","Released":"N/A","Runtime":"N/A","Genre":"N/A","Director":"N/A","Writer":"N/A","Actors":"N/A",
             "Language":"N/A","Country":"N/A","Awards":"N/A","Ratings":[],"Metascore":"N/A","imdbRating":"N/A","imdbVotes":"N/A","imdbID":"tt0000001",
             "BoxOffice":"N/A","Response":"True"}
            """;
        var movie = Parse(omdb, "{}").Movie!;

        Assert.Equal("Quiet", movie.Title);
        Assert.Null(movie.Year);
        Assert.Null(movie.Released);
        Assert.Null(movie.RuntimeMinutes);
        Assert.Null(movie.Rated);
        Assert.Empty(movie.Genres);
        Assert.Empty(movie.Directors);
        Assert.Empty(movie.Actors);
        Assert.Null(movie.ImdbRating);
        Assert.Null(movie.ImdbVotes);
        Assert.Null(movie.Metascore);
        Assert.Null(movie.RottenTomatoesPercent);
        Assert.Null(movie.BoxOfficeUsd);
        Assert.Null(movie.SourceUsGrossUsd);
    }

    [Fact]
    public void Parse_FullAnswer_TypedColumnsFromBothSources()
    {
        var omdb = """
            {"Title":"Heat","Year":"1995","Rated":"R","Released":"15 Dec 1995","Runtime":"170 min","Genre":"Action, Crime, Drama","Director":"Michael Mann",
             "Writer":"Michael Mann","Actors":"Al Pacino, Robert De Niro","Language":"English, Spanish","Country":"United States","Awards":"14 nominations",
             "Ratings":[{"Source":"Internet Movie Database","Value":"8.3/10"},{"Source":"Rotten Tomatoes","Value":"88%"},{"Source":"Metacritic","Value":"76/100"}],
             "Metascore":"76","imdbRating":"8.3","imdbVotes":"712,345","imdbID":"tt0113277","BoxOffice":"$67,436,818","Response":"True"}
            """;
        var movie = Parse(omdb, Source).Movie!;

        Assert.Equal(("tt0113277", 1995, new DateOnly(1995, 12, 15), 170, "R"), (movie.ImdbId, movie.Year!.Value, movie.Released!.Value, movie.RuntimeMinutes!.Value, movie.Rated!));
        Assert.Equal(["Action", "Crime", "Drama"], movie.Genres);
        Assert.Equal(["Al Pacino", "Robert De Niro"], movie.Actors);
        Assert.Equal(8.3, movie.ImdbRating);
        Assert.Equal(712_345L, movie.ImdbVotes);
        Assert.Equal(76, movie.Metascore);
        Assert.Equal(88, movie.RottenTomatoesPercent);
        Assert.Equal(67_436_818L, movie.BoxOfficeUsd);
        Assert.Equal(67_436_818L, movie.SourceUsGrossUsd);
        Assert.Equal(187_436_818L, movie.SourceWorldwideGrossUsd);
        Assert.Equal(60_000_000L, movie.SourceProductionBudgetUsd);
        Assert.Equal(("Warner Bros.", "Action", 86, 8.2, 228_000L), (movie.SourceDistributor!, movie.SourceGenre!, movie.SourceRottenTomatoesPercent!.Value, movie.SourceImdbRating!.Value, movie.SourceImdbVotes!.Value));
        Assert.Equal("bronze/blob.json", movie.BronzeBlob);
    }

    [Theory]
    [InlineData("\"1776\"")]
    [InlineData("1776")]
    public void Parse_NumericTitle_KeptAsText(string title)
    {
        var movie = Parse($$"""{"Title":{{title}},"Year":"1972","imdbID":"tt0068156","Response":"True"}""", "{}").Movie!;
        Assert.Equal("1776", movie.Title);
    }

    [Fact]
    public void Parse_UnicodeTitle_KeptExactly()
    {
        var movie = Parse("""{"Title":"Amélie — 天使 \u00e9","Year":"2001","imdbID":"tt0211915","Response":"True"}""", "{}").Movie!;
        Assert.Equal("Amélie — 天使 é", movie.Title);
    }

    [Fact]
    public void Parse_UnparsableVotes_RejectedNotNull()
    {
        var result = Parse("""{"Title":"X","imdbVotes":"lots","imdbID":"tt1","Response":"True"}""", "{}");
        Assert.Null(result.Movie);
        Assert.Equal(RejectReasons.UnparsableValue, result.Error!.Reason);
        Assert.Contains("imdbVotes", result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ResponseFalse_NotAMovieAnswer()
        => Assert.Equal(RejectReasons.NotAMovieAnswer, Parse("""{"Response":"False","Error":"Movie not found!"}""", "{}").Error!.Reason);

    [Fact]
    public void Parse_NotAnObject_UnparsableJson()
        => Assert.Equal(RejectReasons.UnparsableJson, Parse("[1,2]", "{}").Error!.Reason);

    internal static SilverParseResult Parse(string omdb, string source)
        => OmdbAnswerParser.Parse(new BronzeRecord("r1", "key", 1, new BronzeRequest("t", null, "t=t"), DateTimeOffset.UnixEpoch, 1, source, omdb), "bronze/blob.json");
}
