using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Tests.Secrets;

public class SecretRedactionTests
{
    [Theory]
    [InlineData("https://www.omdbapi.com/?t=Heat&y=1995&apikey=abc123", "https://www.omdbapi.com/?t=Heat&y=1995&apikey=***")]
    [InlineData("https://www.omdbapi.com/?apikey=abc123&t=Heat", "https://www.omdbapi.com/?apikey=***&t=Heat")]
    [InlineData("https://www.omdbapi.com/?t=Heat&APIKEY=abc123#x", "https://www.omdbapi.com/?t=Heat&APIKEY=***#x")]
    [InlineData("https://www.omdbapi.com/?t=apikey%3D1", "https://www.omdbapi.com/?t=apikey%3D1")]
    public void RedactUri_WithKey_MasksOnlyTheKey(string uri, string expected)
        => Assert.Equal(expected, SecretRedaction.RedactUri(new Uri(uri)));

    [Fact]
    public void Redact_TextHoldingTheSecret_MasksEveryOccurrence()
    {
        var text = SecretRedaction.Redact("failed for s3cr3t-key (s3cr3t-key) at /?apikey=s3cr3t-key", "s3cr3t-key");

        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.Equal("failed for *** (***) at /?apikey=***", text);
    }

    [Fact]
    public void RedactedUri_ToString_IsRedacted()
        => Assert.Equal("http://x/?apikey=***", new RedactedUri(new Uri("http://x/?apikey=k")).ToString());
}
