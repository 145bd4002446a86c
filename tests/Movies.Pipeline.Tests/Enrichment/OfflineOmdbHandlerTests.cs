using System.Net;
using System.Text.Json;
using Movies.Pipeline.Enrichment;

namespace Movies.Pipeline.Tests.Enrichment;

public sealed class OfflineOmdbHandlerTests : IDisposable
{
    private const string Catalog = """
        {
          "note": "a note first, with { braces } and [ brackets ] in text",
          "answers": [
            { "Title": "Heat", "Year": "1995", "Ratings": [ { "Source": "Internet Movie Database", "Value": "8.3/10" } ], "imdbID": "tt0113277", "Response": "True" },
            { "Title": "Heat", "Year": "1986", "imdbID": "tt0093164", "Response": "True" },
            { "Title": "Café Society", "Year": "2016", "imdbID": "tt4513674", "Response": "True" }
          ]
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Send_TitleAndYear_AnswersThatFilmAsWrittenInTheCatalog()
    {
        using var client = Client(Catalog);

        var body = await GetAsync(client, "?apikey=k&t=heat&y=1986", HttpStatusCode.OK);

        Assert.Equal("""{ "Title": "Heat", "Year": "1986", "imdbID": "tt0093164", "Response": "True" }""", body);
    }

    [Fact]
    public async Task Send_TitleOnly_AnswersTheFirstFilmOfThatTitle()
    {
        using var client = Client(Catalog);

        var body = await GetAsync(client, "?apikey=k&t=Heat", HttpStatusCode.OK);

        Assert.Equal("tt0113277", JsonDocument.Parse(body).RootElement.GetProperty("imdbID").GetString());
        Assert.Equal("8.3/10", JsonDocument.Parse(body).RootElement.GetProperty("Ratings")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Send_NonAsciiTitle_IsFound()
    {
        using var client = Client(Catalog);

        var body = await GetAsync(client, $"?apikey=k&t={Uri.EscapeDataString("Café Society")}&y=2016", HttpStatusCode.OK);

        Assert.Contains("tt4513674", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UnknownTitleOrNoKey_AnswersAsOmdbDoes()
    {
        using var client = Client(Catalog);

        Assert.Contains("Movie not found!", await GetAsync(client, "?apikey=k&t=Ronin&y=1998", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("No API key provided.", await GetAsync(client, "?t=Heat", HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    private HttpClient Client(string catalog)
        => new(new OfflineOmdbHandler(Write(catalog))) { BaseAddress = new Uri("https://omdb.example/") };

    private string Write(string catalog)
    {
        var path = _folder.Combine($"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, catalog);
        return path;
    }

    private static async Task<string> GetAsync(HttpClient client, string query, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(new Uri(query, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
