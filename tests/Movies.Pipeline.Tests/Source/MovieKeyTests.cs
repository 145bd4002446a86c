using Movies.Pipeline.Lake;
using Movies.Pipeline.Source;

namespace Movies.Pipeline.Tests.Source;

public class MovieKeyTests
{
    public static TheoryData<string> NastyTitles => new()
    {
        "AC/DC: Let There Be Rock", "..", "../../etc/passwd", "What?", "#1 Fan", "Amélie", "千と千尋の神隠し", "🎬🍿", "  ", "a\\b",
        "Tab\there", "100% Love & Co.", "1776", new string('x', 10_000), "CON", "trailing.", "-", "_manifest",
    };

    [Theory]
    [MemberData(nameof(NastyTitles))]
    public void Create_AnyTitle_IsASafeShortBlobName(string title)
    {
        var key = MovieKey.Create(title, 1999);

        Assert.Matches("^[a-z0-9][a-z0-9-]*-1999-[0-9a-f]{10}$", key);
        Assert.True(key.Length <= 80, key);
        LakeNames.Validate(LakeContainers.Bronze, $"2026/11/23/run/{key}.json");
        Assert.Equal(key, MovieKey.Create(title, 1999));
    }

    [Fact]
    public void Create_SameTitleOtherYear_DiffersButStaysReadable()
    {
        var old = MovieKey.Create("Ben-Hur", 1959);
        var remake = MovieKey.Create("Ben-Hur", 2016);

        Assert.NotEqual(old, remake);
        Assert.StartsWith("ben-hur-1959-", old, StringComparison.Ordinal);
        Assert.StartsWith("ben-hur-2016-", remake, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TitlesWithTheSameSlug_StillDiffer()
    {
        Assert.NotEqual(MovieKey.Create("AC/DC", 2000), MovieKey.Create("AC DC", 2000));
        Assert.NotEqual(MovieKey.Create("千と千尋の神隠し", null), MovieKey.Create("🎬🍿", null));
        Assert.StartsWith("amelie-", MovieKey.Create("Amélie", 2001), StringComparison.Ordinal);
    }
}
