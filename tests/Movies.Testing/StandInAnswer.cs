using System.Text.Json;

namespace Movies.Testing;

/// <summary>One scripted answer of the OMDb stand-in.</summary>
public sealed record StandInAnswer(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null)
{
    public static StandInAnswer Found(string title, int? year = null)
        => new(200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["Year"] = year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "N/A",
            ["imdbRating"] = "7.5",
            ["imdbVotes"] = "1,234",
            ["imdbID"] = "tt" + (Math.Abs(StringComparer.Ordinal.GetHashCode(title)) % 9000000 + 1000000),
            ["Response"] = "True",
        }));

    /// <summary>Replaced by the request's query string (the key included) when the stand-in answers.</summary>
    public const string EchoMarker = "{request}";

    public static StandInAnswer NotFound { get; } = new(200, """{"Response":"False","Error":"Movie not found!"}""");

    public static StandInAnswer InvalidKey { get; } = new(401, """{"Response":"False","Error":"Invalid API key!"}""");

    public static StandInAnswer LimitReached { get; } = new(401, """{"Response":"False","Error":"Request limit reached!"}""");

    public static StandInAnswer ServerError { get; } = new(503, "Service Unavailable");

    public static StandInAnswer Malformed { get; } = new(200, """{"Title":"Broken","Resp""");

    public static StandInAnswer TooMany(string retryAfter) => new(429, "Too Many Requests", RetryAfter: retryAfter);

    /// <summary>A found movie padded to about <paramref name="bytes"/> bytes: a valid answer, only far too big.</summary>
    public static StandInAnswer Huge(string title, int bytes)
        => new(200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["Plot"] = new string('x', bytes),
            ["imdbID"] = "tt0000001",
            ["Response"] = "True",
        }));

    public static StandInAnswer Hang(TimeSpan delay) => new(200, """{"Response":"False","Error":"too late"}""", delay);
}
