using System.Text.Json;

namespace Movies.Pipeline.Enrichment;

/// <summary>Classifies OMDb's answers. OMDb answers errors as <c>{"Response":"False","Error":"..."}</c>,
/// with status 200 for "not found" and 401 for key and quota errors.</summary>
public static class OmdbAnswer
{
    public const string NotFoundError = "Movie not found!";

    public const string LimitReachedError = "Request limit reached!";

    private static readonly string[] FatalErrors = ["Invalid API key!", "No API key provided."];

    public static (OmdbAnswerKind Kind, string? Error) Classify(int statusCode, string? body)
    {
        if (statusCode >= 500 || statusCode is 408 or 429)
        {
            return (OmdbAnswerKind.Transient, $"HTTP {statusCode}");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return statusCode is >= 200 and < 300
                ? (OmdbAnswerKind.Transient, "empty answer")
                : (OmdbAnswerKind.Rejected, $"HTTP {statusCode} with an empty body");
        }

        string? response;
        string? error;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (OmdbAnswerKind.Transient, "answer is JSON but not an object");
            }

            response = Text(document.RootElement, "Response");
            error = Text(document.RootElement, "Error");
        }
        catch (JsonException)
        {
            // Seen in the wild behind proxies: an HTML error page or a cut-off body. Worth a retry.
            return (OmdbAnswerKind.Transient, "malformed JSON");
        }

        if (string.Equals(response, "True", StringComparison.OrdinalIgnoreCase))
        {
            return (OmdbAnswerKind.Found, null);
        }

        if (string.Equals(error, LimitReachedError, StringComparison.OrdinalIgnoreCase))
        {
            return (OmdbAnswerKind.LimitReached, error);
        }

        if (error is not null && FatalErrors.Any(f => string.Equals(f, error, StringComparison.OrdinalIgnoreCase)))
        {
            return (OmdbAnswerKind.Fatal, error);
        }

        if (string.Equals(error, NotFoundError, StringComparison.OrdinalIgnoreCase))
        {
            return (OmdbAnswerKind.NotFound, error);
        }

        if (statusCode == 401)
        {
            return (OmdbAnswerKind.Fatal, error ?? "HTTP 401");
        }

        return (OmdbAnswerKind.Rejected, error ?? $"HTTP {statusCode} without Response=True");
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
