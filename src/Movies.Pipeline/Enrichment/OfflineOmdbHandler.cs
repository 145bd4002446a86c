using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Movies.Pipeline.Enrichment;

/// <summary>Answers OMDb requests from a local catalog (the bundled sample), in OMDb's format and with
/// its status codes, so the sample runs the real client, retries and classification with no network.</summary>
public sealed class OfflineOmdbHandler : HttpMessageHandler
{
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _byTitleAndYear = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _byTitle = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes the catalog in one forward pass over its bytes: each answer is kept as its slice of
    /// the file, served as it is written there, and only its Title and Year are decoded. (A DOM of the whole
    /// 2 MB file and a string per answer cost a sample run ~100 ms of its start-up.)</summary>
    public OfflineOmdbHandler(string catalogPath)
    {
        var catalog = File.ReadAllBytes(catalogPath);
        var reader = new Utf8JsonReader(catalog);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("answers"u8))
            {
                IndexAnswers(catalog, ref reader);
                return;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                reader.Read();
                reader.Skip();
            }
        }

        throw new InvalidDataException($"The offline OMDb catalog {catalogPath} has no \"answers\" array.");
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
        return found.IsEmpty ? Answer(HttpStatusCode.OK, """{"Response":"False","Error":"Movie not found!"}""") : Answer(HttpStatusCode.OK, found);
    }

    private void IndexAnswers(byte[] catalog, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidDataException("The offline OMDb catalog's \"answers\" is not an array.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var start = (int)reader.TokenStartIndex;
            string? title = null, year = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTitle = reader.ValueTextEquals("Title"u8);
                var isYear = reader.ValueTextEquals("Year"u8);
                reader.Read();
                if (isTitle)
                {
                    title = reader.GetString();
                }
                else if (isYear)
                {
                    year = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            var answer = catalog.AsMemory(start, (int)reader.BytesConsumed - start);
            title = title ?? throw new InvalidDataException("An answer in the offline OMDb catalog has no Title.");
            _byTitleAndYear.TryAdd($"{title}\n{year}", answer);
            _byTitle.TryAdd(title, answer);
        }
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body)
        => Answer(status, Encoding.UTF8.GetBytes(body));

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return Task.FromResult(new HttpResponseMessage(status) { Content = content });
    }
}
