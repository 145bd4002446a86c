using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Movies.Cli.Bench;

/// <summary>An OMDb for benchmarks, meant to run in a process of its own (<c>movies bench omdb-stand-in</c>):
/// a TCP server speaking just enough HTTP/1.1 (keep-alive, GET) to answer every title as found, after a
/// fixed latency. Each answer leaves in one send with <c>TCP_NODELAY</c> set: a header and body sent apart
/// meet Nagle's algorithm and the client's delayed ACK, which adds ~40 ms to every request.
/// <c>GET /_bench/stats</c> gives the request count and the window from the first request's arrival to the
/// last answer's departure; <c>GET /_bench/reset</c> starts a new window.</summary>
public sealed class OmdbStandInServer : IAsyncDisposable
{
    public const string StatsPath = "/_bench/stats";
    public const string ResetPath = "/_bench/reset";

    private static readonly string[] Genres = ["Drama", "Comedy", "Action", "Thriller", "Romance", "Horror", "Adventure", "Crime", "Documentary", "Animation"];
    private static readonly string[] Ratings = ["G", "PG", "PG-13", "R", "Not Rated"];

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly TimeSpan _latency;
    private readonly Task _accepting;
    private long _requests;
    private long _firstRequest;
    private long _lastAnswer;

    public OmdbStandInServer(TimeSpan latency, int port = 0)
    {
        _latency = latency;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(1024);
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _accepting = AcceptAsync(_stop.Token);
    }

    public Uri BaseUrl { get; }

    public OmdbStandInStats Stats()
    {
        lock (_gate)
        {
            var window = _requests == 0 ? 0 : Stopwatch.GetElapsedTime(_firstRequest, _lastAnswer).TotalSeconds;
            return new OmdbStandInStats(_requests, Math.Round(window, 3), _latency.TotalMilliseconds);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests = 0;
            _firstRequest = 0;
            _lastAnswer = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closing the listener ends the accept loop this way.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(cancellationToken);
            client.NoDelay = true;
            _ = ServeAsync(client, cancellationToken);
        }
    }

    /// <summary>One connection: requests one after another, as HttpClient sends them on a kept-alive connection.</summary>
    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var filled = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                    {
                        return;
                    }

                    var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, end);
                var target = head.Split(' ', 3) is [_, var t, ..] ? t : "/";
                var close = head.Contains("\r\nConnection: close", StringComparison.OrdinalIgnoreCase);
                var answer = await AnswerAsync(target, cancellationToken);
                await client.SendAsync(answer, SocketFlags.None, cancellationToken);
                buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                filled -= end + 4;
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            client.Dispose();
        }
    }

    private async Task<byte[]> AnswerAsync(string target, CancellationToken cancellationToken)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        if (path == StatsPath)
        {
            return Response(200, JsonSerializer.SerializeToUtf8Bytes(Stats(), BenchJsonContext.Default.OmdbStandInStats));
        }

        if (path == ResetPath)
        {
            Reset();
            return Response(200, "{}"u8.ToArray());
        }

        var arrived = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_requests++ == 0)
            {
                _firstRequest = arrived;
            }
        }

        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, cancellationToken);
        }

        var query = HttpUtility.ParseQueryString(question < 0 ? string.Empty : target[question..]);
        var answer = string.IsNullOrEmpty(query["apikey"])
            ? Response(401, """{"Response":"False","Error":"No API key provided."}"""u8.ToArray())
            : Response(200, Movie(query["t"] ?? string.Empty, query["y"]));
        lock (_gate)
        {
            _lastAnswer = Stopwatch.GetTimestamp();
        }

        return answer;
    }

    /// <summary>Headers and body in one buffer, so the answer goes out in one send.</summary>
    private static byte[] Response(int status, byte[] body)
    {
        var reason = status == 200 ? "OK" : "Unauthorized";
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: keep-alive\r\n\r\n"));
        var response = new byte[head.Length + body.Length];
        head.CopyTo(response, 0);
        body.CopyTo(response, head.Length);
        return response;
    }

    /// <summary>A found movie in OMDb's all-text format, its values derived from the title and year, so the
    /// same question always gets the same answer and silver and gold have varied values to work on.</summary>
    private static byte[] Movie(string title, string? year)
    {
        var hash = Fnv1a(title + "\n" + year);
        int Pick(int range, int shift) => (int)((hash >> shift) % (ulong)range);
        var genres = string.Join(", ", new[] { Genres[Pick(Genres.Length, 3)], Genres[Pick(Genres.Length, 11)] }.Distinct(StringComparer.Ordinal));
        var rating = (10 + Pick(85, 17)) / 10.0;
        var theYear = year ?? "2000";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("Title", title);
            json.WriteString("Year", theYear);
            json.WriteString("Rated", Ratings[Pick(Ratings.Length, 23)]);
            json.WriteString("Released", string.Create(CultureInfo.InvariantCulture, $"{1 + Pick(28, 27):D2} Jun {theYear}"));
            json.WriteString("Runtime", string.Create(CultureInfo.InvariantCulture, $"{80 + Pick(80, 31)} min"));
            json.WriteString("Genre", genres);
            json.WriteString("Director", string.Create(CultureInfo.InvariantCulture, $"Director {Pick(5000, 37)}"));
            json.WriteString("Writer", string.Create(CultureInfo.InvariantCulture, $"Writer {Pick(5000, 41)}, Writer {Pick(5000, 45)}"));
            json.WriteString("Actors", string.Create(CultureInfo.InvariantCulture, $"Actor {Pick(9000, 2)}, Actor {Pick(9000, 7)}, Actor {Pick(9000, 13)}"));
            json.WriteString("Plot", "A film made up for a benchmark.");
            json.WriteString("Language", "English");
            json.WriteString("Country", "United States");
            json.WriteString("Awards", "N/A");
            json.WriteString("Poster", "N/A");
            json.WriteStartArray("Ratings");
            json.WriteStartObject();
            json.WriteString("Source", "Internet Movie Database");
            json.WriteString("Value", string.Create(CultureInfo.InvariantCulture, $"{rating:0.0}/10"));
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("Source", "Rotten Tomatoes");
            json.WriteString("Value", string.Create(CultureInfo.InvariantCulture, $"{Pick(101, 19)}%"));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("Metascore", Pick(4, 29) == 0 ? "N/A" : (20 + Pick(80, 33)).ToString(CultureInfo.InvariantCulture));
            json.WriteString("imdbRating", rating.ToString("0.0", CultureInfo.InvariantCulture));
            json.WriteString("imdbVotes", (1000 + Pick(900_000, 9)).ToString("N0", CultureInfo.InvariantCulture));
            // 13 digits from a 64-bit hash: distinct across 100,000 titles in practice, as imdbIDs must be.
            json.WriteString("imdbID", string.Create(CultureInfo.InvariantCulture, $"tt{hash % 9_000_000_000_000UL + 1_000_000_000_000UL}"));
            json.WriteString("Type", "movie");
            json.WriteString("DVD", "N/A");
            json.WriteString("BoxOffice", "$" + (100_000L + Pick(90_000_000, 5)).ToString("N0", CultureInfo.InvariantCulture));
            json.WriteString("Production", "N/A");
            json.WriteString("Website", "N/A");
            json.WriteString("Response", "True");
            json.WriteEndObject();
        }

        return body.ToArray();
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
