using System.Net;
using System.Text.Json;
using Movies.Cli.Bench;

namespace Movies.Pipeline.Tests.Cli.Bench;

public class OmdbStandInServerTests
{
    [Fact]
    public async Task Get_SeveralTitlesOnOneConnection_AnswersEachAsFoundAndCountsThem()
    {
        await using var server = new OmdbStandInServer(TimeSpan.FromMilliseconds(5));
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        var first = await GetJsonAsync(client, "?t=Heat&y=1995&apikey=k");
        var again = await GetJsonAsync(client, "?t=Heat&y=1995&apikey=k");
        var other = await GetJsonAsync(client, "?t=Ronin&y=1998&apikey=k");

        Assert.Equal("True", first.GetProperty("Response").GetString());
        Assert.Equal("Heat", first.GetProperty("Title").GetString());
        Assert.Equal("1995", first.GetProperty("Year").GetString());
        Assert.Matches("^tt[0-9]{13}$", first.GetProperty("imdbID").GetString()!);
        // Deterministic per title and year, distinct across titles.
        Assert.Equal(first.GetProperty("imdbID").GetString(), again.GetProperty("imdbID").GetString());
        Assert.NotEqual(first.GetProperty("imdbID").GetString(), other.GetProperty("imdbID").GetString());
        var stats = server.Stats();
        Assert.Equal(3, stats.Requests);
        // Three answers held 5 ms each, one after another.
        Assert.True(stats.WindowSeconds >= 0.014, $"{stats.WindowSeconds}");

        server.Reset();
        Assert.Equal(0, server.Stats().Requests);
    }

    [Fact]
    public async Task Get_NoApiKey_AnswersUnauthorizedAsOmdbDoes()
    {
        await using var server = new OmdbStandInServer(TimeSpan.Zero);
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri("?t=Heat", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("No API key provided.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_OverHttp_ReportsRequestsSinceReset()
    {
        await using var server = new OmdbStandInServer(TimeSpan.Zero);
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await GetJsonAsync(client, "?t=Heat&apikey=k");

        var stats = await GetJsonAsync(client, OmdbStandInServer.StatsPath.TrimStart('/'));
        await GetJsonAsync(client, OmdbStandInServer.ResetPath.TrimStart('/'));
        var reset = await GetJsonAsync(client, OmdbStandInServer.StatsPath.TrimStart('/'));

        Assert.Equal(1, stats.GetProperty("requests").GetInt64());
        Assert.Equal(0, reset.GetProperty("requests").GetInt64());
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string relative)
    {
        using var response = await client.GetAsync(new Uri(relative, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
