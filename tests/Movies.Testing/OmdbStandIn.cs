using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Movies.Testing;

/// <summary>A local HTTP OMDb: a minimal Kestrel app on a free loopback port. Each title answers from
/// its script (a queue of answers, the last one repeating), or by default with a found movie.</summary>
public sealed class OmdbStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StandInAnswer>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StandInAnswer> _lastAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _totalCalls;

    private OmdbStandIn(WebApplication app)
    {
        _app = app;
        app.MapGet("/", HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers every request of any title, overriding the scripts (e.g. an invalid key).</summary>
    public Func<int, StandInAnswer?>? Everyone { get; set; }

    public ConcurrentBag<string> Queries { get; } = [];

    /// <summary>Awaited before each answer with the call's number (from 1) and title: a test holds answers back until
    /// it has seen what it wants to see while they are in flight.</summary>
    public Func<int, string, Task>? BeforeAnswer { get; set; }

    /// <summary>Added before every answer, as a real service's round trip: widens the windows races need.</summary>
    public TimeSpan Latency { get; set; }

    public int TotalCalls => _totalCalls;

    public static async Task<OmdbStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var standIn = new OmdbStandIn(builder.Build());
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.BaseUrl = new Uri(address + "/");
        return standIn;
    }

    public void Script(string title, params StandInAnswer[] answers)
        => _scripts[title] = new ConcurrentQueue<StandInAnswer>(answers);

    public int CallsFor(string title) => _calls.GetValueOrDefault(title);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var call = Interlocked.Increment(ref _totalCalls);
        Queries.Add(context.Request.QueryString.Value ?? string.Empty);
        var title = context.Request.Query["t"].ToString();
        _calls.AddOrUpdate(title, 1, (_, n) => n + 1);
        int? year = int.TryParse(context.Request.Query["y"], out var y) ? y : null;

        var answer = Everyone?.Invoke(call) ?? Next(title) ?? StandInAnswer.Found(title, year);
        if (BeforeAnswer is { } hold)
        {
            await hold(call, title);
        }

        if (Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        context.Response.ContentType = "application/json";
        // An answer may echo the request as some services do, the key included (StandInAnswer.EchoMarker).
        await context.Response.WriteAsync(answer.Body.Replace(StandInAnswer.EchoMarker, context.Request.QueryString.Value, StringComparison.Ordinal));
    }

    private StandInAnswer? Next(string title)
    {
        if (!_scripts.TryGetValue(title, out var queue))
        {
            return null;
        }

        if (queue.TryDequeue(out var answer))
        {
            _lastAnswers[title] = answer;
            return answer;
        }

        return _lastAnswers.GetValueOrDefault(title);
    }
}
