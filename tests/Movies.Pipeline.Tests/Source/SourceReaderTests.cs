using Movies.Pipeline.Source;

namespace Movies.Pipeline.Tests.Source;

public class SourceReaderTests
{
    private static SourceDataset Read(string json) => SourceReader.Read(BinaryData.FromString(json));

    [Fact]
    public void Read_BundledSample_KeepsEveryRowAccountedFor()
    {
        var dataset = SourceReader.Read(new BinaryData(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json"))));

        Assert.Equal(3201, dataset.RowCount);
        var reject = Assert.Single(dataset.Rejects);
        Assert.Equal("no title", reject.Reason);
        Assert.Contains(dataset.Movies, m => m.Title == "1776");
        Assert.Contains(dataset.Movies, m => m.Title == "2012");
    }

    [Fact]
    public void Read_RowsWithProblems_RejectsEachWithItsReason()
    {
        var dataset = Read("""
            [
              {"Title": null, "IMDB Rating": 7},
              {"Title": "  ", "IMDB Rating": 7},
              {"Title": "Wrong rating", "IMDB Rating": "eight"},
              {"Title": "Wrong date", "Release Date": "sometime"},
              {"Title": "Out of range", "IMDB Rating": 11},
              {"Title": "Fractional votes", "IMDB Votes": 1.5},
              {"Title": "Wrong director", "Director": 42},
              [1, 2],
              {"Title": 1776, "Release Date": "Nov 09 1972", "IMDB Rating": 7.2, "IMDB Votes": 5000, "US Gross": null}
            ]
            """);

        Assert.Equal(
            [
                "no title", "no title", "'IMDB Rating' is not a number", "'Release Date' 'sometime' is not a date like 'Jun 12 1998'",
                "'IMDB Rating' 11 is outside 0-10", "'IMDB Votes' 1.5 is not a whole number of votes", "'Director' is not text", "row is a JSON array, not an object",
            ],
            dataset.Rejects.Select(r => r.Reason));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], dataset.Rejects.Select(r => r.Index));
        var movie = Assert.Single(dataset.Movies);
        Assert.Equal(("1776", 1972, 7.2, 5000, 8), (movie.Title, movie.Year, movie.ImdbRating, movie.ImdbVotes, movie.Index));
        Assert.Contains("\"US Gross\": null", movie.RowJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("{\"Title\": \"x\"}", "must be a JSON array")]
    [InlineData("", "not valid JSON")]
    public void Read_NotAJsonArray_ThrowsClearError(string content, string expected)
    {
        var error = Assert.Throws<SourceFormatException>(() => Read(content));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
