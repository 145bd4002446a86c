using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Movies.Cli.Bench;

/// <summary>The OMDb stand-in in a process of its own (<c>movies bench omdb-stand-in</c>), so its work never
/// shares a runtime, thread pool or GC with the process being measured. It stops when this object is
/// disposed: its standard input is closed, which it takes as the signal to exit.</summary>
public sealed class OmdbStandInProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control;

    private OmdbStandInProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _control = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    public static async Task<OmdbStandInProcess> StartAsync(TimeSpan latency, CancellationToken cancellationToken = default)
    {
        var start = MoviesProcess.StartInfo(["bench", "omdb-stand-in", "--latency-ms", latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), "--exit-on-stdin-eof"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the OMDb stand-in.");
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(wait.Token);
            if (!Uri.TryCreate(line, UriKind.Absolute, out var url))
            {
                throw new InvalidOperationException($"The OMDb stand-in did not say where it listens: {line ?? await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            // Its stderr is read so a chatty stand-in never blocks on a full pipe.
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            return new OmdbStandInProcess(process, url);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async Task ResetAsync(CancellationToken cancellationToken = default)
        => (await _control.GetAsync(new Uri(OmdbStandInServer.ResetPath, UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode();

    public async Task<OmdbStandInStats> StatsAsync(CancellationToken cancellationToken = default)
        => await _control.GetFromJsonAsync(new Uri(OmdbStandInServer.StatsPath, UriKind.Relative), BenchJsonContext.Default.OmdbStandInStats, cancellationToken)
            ?? throw new InvalidOperationException("The OMDb stand-in gave no stats.");

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
