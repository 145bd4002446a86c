using Movies.Cli.Output;

namespace Movies.Pipeline.Tests.Cli;

public class ResultRendererTests
{
    [Fact]
    public void Fold_LongText_BreaksAtSpacesWithinWidth()
        => Assert.Equal(["The quick", "brown fox", "jumps"], ResultRenderer.Fold("The quick brown fox jumps", 10));

    [Fact]
    public void Fold_WideCharacters_CountsTerminalCells()
        => Assert.Equal(["千と千尋", "の神隠し"], ResultRenderer.Fold("千と千尋の神隠し", 8));

    [Fact]
    public void Fold_WordLongerThanWidth_CutsIt()
        => Assert.Equal(["abcd", "efgh", "ij"], ResultRenderer.Fold("abcdefghij", 4));

    [Theory]
    [InlineData(80, "┌")]
    [InlineData(20, "─[ row 1 of 2 ]")]
    public void Write_TerminalWidth_BoxedWhenItFitsElseRowBlocks(int width, string expected)
    {
        using var text = new StringWriter();
        new ResultRenderer(text, width).Write(["title", "year"], [["Heat", "1995"], ["A much longer title here", "2001"]]);

        Assert.Contains(expected, text.ToString(), StringComparison.Ordinal);
        Assert.All(text.ToString().Split(Environment.NewLine), l => Assert.True(l.Length <= width, l));
    }

    [Fact]
    public void Write_Piped_AlignedPlainColumnsAndLineBreaksInValuesFlattened()
    {
        using var text = new StringWriter();
        new ResultRenderer(text, null).Write(["title", "year"], [["Heat", "1995"], ["Two\nlines", ""]]);

        Assert.Equal(
            ["title      year", "---------  ----", "Heat       1995", "Two lines", "(2 rows)", string.Empty],
            text.ToString().Split(Environment.NewLine));
    }
}
