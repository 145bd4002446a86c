using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Tests.Providers;

public sealed class TitleKeysTests
{
    [Theory]
    [InlineData("The Matrix", "Matrix, The")]
    [InlineData("The Matrix", "MATRIX")]
    [InlineData("The Matrix", "  matrix ")]
    [InlineData("A Beautiful Mind", "Beautiful Mind, A")]
    [InlineData("Amélie", "Amelie")]
    [InlineData("LÈon", "Léon")]
    [InlineData("Schindler's List", "Schindlers List")]
    [InlineData("Schindler’s List", "Schindler's List")]
    [InlineData("Fast & Furious", "Fast and Furious")]
    [InlineData("Star Wars: Episode IV - A New Hope", "Star Wars Episode IV A New Hope")]
    [InlineData("Æon Flux", "Aeon Flux")]
    public void Of_SameTitleWrittenAnotherWay_SameKey(string one, string other)
        => Assert.Equal(TitleKeys.Of(one), TitleKeys.Of(other));

    [Theory]
    [InlineData("The Matrix", "The Matrix Reloaded")]
    [InlineData("Alien", "Aliens")]
    [InlineData("Rocky II", "Rocky 2")]
    [InlineData("Déjà Vu", "DÈj‡ Vu")]
    public void Of_DifferentTitles_NeverTheSameKey(string one, string other)
        => Assert.NotEqual(TitleKeys.Of(one), TitleKeys.Of(other));

    [Theory]
    [InlineData("The", "the")]
    [InlineData("A", "a")]
    [InlineData("1776", "1776")]
    [InlineData("?!", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Of_EdgeTitles_KeepWhatIsThere(string? title, string? key) => Assert.Equal(key, TitleKeys.Of(title));
}
