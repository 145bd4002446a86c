using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace Movies.Cli.Bench;

/// <summary>An in-process HTTP OMDb for benchmarks: every title is found, after a fixed latency.
/// Built on HttpListener so the CLI needs no web framework.</summary>
public sealed class OmdbBenchServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeSpan _latency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _calls;

    public OmdbBenchServer(TimeSpan latency)
    {
        _latency = latency;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    public long Calls => Interlocked.Read(ref _calls);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _calls);
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency);
        }

        var query = HttpUtility.ParseQueryString(context.Request.Url?.Query ?? string.Empty);
        var title = HttpUtility.JavaScriptStringEncode(query["t"] ?? string.Empty);
        var year = HttpUtility.JavaScriptStringEncode(query["y"] ?? "N/A");
        var id = (uint)StringComparer.Ordinal.GetHashCode(title + year) % 90_000_000 + 10_000_000;
        var body = Encoding.UTF8.GetBytes($$"""{"Title":"{{title}}","Year":"{{year}}","Genre":"Drama","Director":"N/A","imdbRating":"7.1","imdbVotes":"1,234","imdbID":"tt{{id}}","BoxOffice":"$1,000,000","Response":"True"}""");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
