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

    [Theory]
    [InlineData("Kq7Zr with Sp4ce")]
    [InlineData("Pl8us+Sl4sh/Pc%41t&Amp9=Eq")]
    [InlineData("Ünï cödé Kq7Zr")]
    public void Redact_KeyInAnyEncoding_EveryFormMasked(string key)
    {
        var forms = new[]
        {
            key,
            Uri.EscapeDataString(key),
            Uri.EscapeDataString(key).ToLowerInvariant(),
            System.Net.WebUtility.UrlEncode(key),
            System.Web.HttpUtility.UrlEncode(key),
            Uri.UnescapeDataString(key),
            key.Replace('+', ' '),
        };

        foreach (var form in forms)
        {
            var text = SecretRedaction.Redact($"calling http://x/?t=Heat&apikey={form}&y=1 failed; key was {form}.", key);

            Assert.DoesNotContain(form, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Kq7Zr", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sp4ce", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sl4sh", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Amp9", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RedactUri_KeyWithASpace_NothingOfItLeft()
    {
        var uri = new Uri("https://www.omdbapi.com/?t=The%20Godfather&apikey=" + Uri.EscapeDataString("Kq7Zr with Sp4ce") + "&y=1972");

        var text = SecretRedaction.RedactUri(uri);

        Assert.DoesNotContain("Sp4ce", text, StringComparison.Ordinal);
        Assert.DoesNotContain("with", text, StringComparison.Ordinal);
        Assert.Contains("apikey=***", text, StringComparison.Ordinal);
        Assert.Contains("y=1972", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_StorageSecrets_Masked()
    {
        var text = SecretRedaction.Redact("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=x and https://a.blob.core.windows.net/c?sv=1&sig=abc%2Bdef&se=2", null);

        Assert.DoesNotContain("c2VjcmV0LWtleQ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc%2Bdef", text, StringComparison.Ordinal);
        Assert.Contains("AccountName=a", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactedUri_ToString_IsRedacted()
        => Assert.Equal("http://x/?apikey=***", new RedactedUri(new Uri("http://x/?apikey=k")).ToString());

    [Fact]
    public void Redactor_AnswerEchoingTheRequest_KeyMaskedAnswerStillJson()
    {
        var redactor = new SecretRedactor();
        redactor.Remember("KEY-7f3a9c");
        const string Answer = """{"Title":"Heat","Plot":"you asked ?t=Heat&apikey=KEY-7f3a9c","Error":"bad: apikey=other-key","Response":"True"}""";

        var redacted = redactor.Redact(Answer);

        using var parsed = System.Text.Json.JsonDocument.Parse(redacted);
        Assert.Equal("you asked ?t=Heat&apikey=***", parsed.RootElement.GetProperty("Plot").GetString());
        Assert.Equal("bad: apikey=***", parsed.RootElement.GetProperty("Error").GetString());
    }

    [Fact]
    public void Redactor_TextWithoutSecrets_ReturnedAsIs()
    {
        var redactor = new SecretRedactor();
        redactor.Remember("KEY-7f3a9c");
        var text = "Heat (1995), directed by Michael Mann; sig of the times";

        Assert.Same(text, redactor.Redact(text));
        Assert.Null(redactor.Redact(null));
    }

    [Fact]
    public void Redactor_KeyFromSettingsAndKeyLearntLater_BothMasked()
    {
        var redactor = new SecretRedactor(Microsoft.Extensions.Options.Options.Create(new SecretsOptions { OmdbApiKey = "first-key-1" }));
        redactor.Remember("rotated-key-2");

        Assert.Equal("*** then ***", redactor.Redact("first-key-1 then ROTATED-KEY-2"));
    }
}
