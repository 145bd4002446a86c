using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Movies.Pipeline.Enrichment;

/// <summary>Answers OMDb requests from a local catalog (the bundled sample), in OMDb's format and with
/// its status codes, so the sample runs the real client, retries and classification with no network.</summary>
public sealed class OfflineOmdbHandler : HttpMessageHandler
{
    private readonly Dictionary<string, string> _byTitleAndYear = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byTitle = new(StringComparer.OrdinalIgnoreCase);

    public OfflineOmdbHandler(string catalogPath)
    {
        using var stream = File.OpenRead(catalogPath);
        using var document = JsonDocument.Parse(stream);
        foreach (var answer in document.RootElement.GetProperty("answers").EnumerateArray())
        {
            var title = answer.GetProperty("Title").GetString()!;
            var year = answer.GetProperty("Year").GetString();
            var raw = answer.GetRawText();
            _byTitleAndYear.TryAdd($"{title}\n{year}", raw);
            _byTitle.TryAdd(title, raw);
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri?.Query ?? string.Empty);
        if (string.IsNullOrEmpty(query["apikey"]))
        {
            return Answer(HttpStatusCode.Unauthorized, """{"Response":"False","Error":"No API key provided."}""");
        }

        var title = query["t"] ?? string.Empty;
        var year = query["y"];
        var found = year is null ? _byTitle.GetValueOrDefault(title) : _byTitleAndYear.GetValueOrDefault($"{title}\n{year}");
        return Answer(HttpStatusCode.OK, found ?? """{"Response":"False","Error":"Movie not found!"}""");
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body)
        => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
