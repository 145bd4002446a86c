using Movies.Pipeline.Enrichment;

namespace Movies.Pipeline.Tests.Enrichment;

public class OmdbAnswerTests
{
    [Theory]
    [InlineData(200, """{"Title":"Heat","Response":"True"}""", OmdbAnswerKind.Found, null)]
    [InlineData(200, """{"Response":"False","Error":"Movie not found!"}""", OmdbAnswerKind.NotFound, "Movie not found!")]
    [InlineData(401, """{"Response":"False","Error":"Invalid API key!"}""", OmdbAnswerKind.Fatal, "Invalid API key!")]
    [InlineData(401, """{"Response":"False","Error":"No API key provided."}""", OmdbAnswerKind.Fatal, "No API key provided.")]
    [InlineData(401, """{"Response":"False","Error":"Request limit reached!"}""", OmdbAnswerKind.LimitReached, "Request limit reached!")]
    [InlineData(200, """{"Response":"False","Error":"Too many results."}""", OmdbAnswerKind.Rejected, "Too many results.")]
    [InlineData(500, "oops", OmdbAnswerKind.Transient, "HTTP 500")]
    [InlineData(503, "", OmdbAnswerKind.Transient, "HTTP 503")]
    [InlineData(429, "slow down", OmdbAnswerKind.Transient, "HTTP 429")]
    [InlineData(408, "", OmdbAnswerKind.Transient, "HTTP 408")]
    [InlineData(200, """{"Title":"Heat","Resp""", OmdbAnswerKind.Transient, "malformed JSON")]
    [InlineData(200, "<html>proxy error</html>", OmdbAnswerKind.Transient, "malformed JSON")]
    [InlineData(200, "", OmdbAnswerKind.Transient, "empty answer")]
    [InlineData(200, "[1,2]", OmdbAnswerKind.Transient, "answer is JSON but not an object")]
    [InlineData(404, "", OmdbAnswerKind.Rejected, "HTTP 404 with an empty body")]
    [InlineData(401, """{"Response":"False"}""", OmdbAnswerKind.Fatal, "HTTP 401")]
    public void Classify_Answer_GivesKindAndError(int status, string body, OmdbAnswerKind kind, string? error)
        => Assert.Equal((kind, error), OmdbAnswer.Classify(status, body));
}
