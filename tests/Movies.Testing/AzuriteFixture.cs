using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Resilience;
using Xunit;

namespace Movies.Testing;

/// <summary>A real Azurite blob service from node_modules (with its queue service too, for
/// <see cref="AzuriteQueuesFixture"/>), on free loopback ports and a temp folder, stopped when the tests end. Each test gets its own account-level isolation by a fresh container set
/// (a new Azurite location per fixture) and may stop and restart it.
/// Built for a busy machine: it waits until Azurite answers HTTP (not just accepts), as long as the process lives
/// up to <see cref="StartTimeout"/>, polling more slowly as time passes; a port taken in the meantime is retried on
/// another; a failure says what Azurite printed, how long it waited and how loaded the machine was.</summary>
public class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account (public, documented; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int PortAttempts = 5;

    private readonly TempFolder _data = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly int? _preferredPort;
    private readonly string? _location;
    private readonly TimeSpan _launchDelay;
    private readonly bool _queues;
    private Process? _process;
    private bool _started;

    public AzuriteFixture()
    {
    }

    /// <summary>xunit wants one public constructor on a fixture: the others are factories.</summary>
    public static AzuriteFixture Trying(int? preferredPort, string? location = null, TimeSpan launchDelay = default) => new(preferredPort, location, launchDelay);

    /// <summary>A fixture that tries <paramref name="preferredPort"/> first (to test a port clash), keeping its data
    /// at <paramref name="location"/> when given (to test a start that fails), and starting node only after
    /// <paramref name="launchDelay"/> (a machine so busy that node takes that long to come up).</summary>
    private AzuriteFixture(int? preferredPort, string? location, TimeSpan launchDelay)
    {
        _preferredPort = preferredPort;
        _location = location;
        _launchDelay = launchDelay;
    }

    /// <summary>A fixture with Azurite's queue service beside the blob service (the table service comes along: one
    /// Azurite process serves all three).</summary>
    protected AzuriteFixture(bool queues) => _queues = queues;

    public int Port { get; private set; }

    /// <summary>The queue service's port; 0 without queues.</summary>
    public int QueuePort { get; private set; }

    private int TablePort { get; set; }

    /// <summary>The longest wait for Azurite to answer after it starts. Generous: under a load of 20 on 2 cores node
    /// can take tens of seconds to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How many times the last start had to pick another port because its port was taken.</summary>
    public int PortClashes { get; private set; }

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;"
        + (_queues ? $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" : "");

    public async Task InitializeAsync()
    {
        Port = _preferredPort ?? FreePort();
        PickOtherPorts();
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var script = _queues
            ? Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js")
            : Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run 'npm ci' at the repository root, or the test command from the README.");
        }

        PortClashes = 0;
        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            Launch(script);
            var outcome = await WaitUntilServingAsync();
            if (outcome == Outcome.Serving)
            {
                _started = true;
                return;
            }

            await StopAsync();
            if (outcome == Outcome.PortTaken && attempt < PortAttempts)
            {
                PortClashes++;
                if (_started)
                {
                    // A restart keeps its port (tests hold connection strings to it): wait for it to be free.
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                }
                else
                {
                    Port = FreePort();
                    PickOtherPorts();
                }

                continue;
            }

            throw new InvalidOperationException(Diagnostics(outcome == Outcome.Exited ? "exited while starting" : outcome == Outcome.PortTaken ? $"found its port taken {attempt} times" : "did not answer", clock.Elapsed));
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public BlobServiceClient CreateServiceClient(ResilienceOptions? resilience = null)
        => LakeServiceCollectionExtensions.CreateServiceClient(
            new LakeOptions { ConnectionString = ConnectionString },
            resilience ?? new ResilienceOptions { MaxRetries = 2, BaseDelaySeconds = 0.05 });

    public async Task DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }

    private void Launch(string script)
    {
        _output.Clear();
        string[] services = _queues
            ? ["--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture), "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture)]
            : ["--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture)];
        string[] azurite = [script, .. services, "--location", _location ?? _data.Path, "--skipApiVersionCheck", "--silent", "--loose"];
        var start = _launchDelay > TimeSpan.Zero
            ? new ProcessStartInfo("sh", ["-c", $"sleep {_launchDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} && exec node \"$@\"", "azurite", .. azurite])
            : new ProcessStartInfo("node", azurite);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task<Outcome> WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(50);
        while (clock.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                // Give the output readers a moment to drain what node printed last.
                _process.WaitForExit(2000);
                return _output.Any(l => l.Contains("EADDRINUSE", StringComparison.Ordinal)) ? Outcome.PortTaken : Outcome.Exited;
            }

            try
            {
                // Any HTTP answer (even 403) means the service is up, not just its socket.
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/devstoreaccount1?comp=list"));
                if (_queues)
                {
                    using var queues = await http.GetAsync(new Uri($"http://127.0.0.1:{QueuePort}/devstoreaccount1?comp=list"));
                }

                return Outcome.Serving;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(pause);
                pause = pause * 2 < TimeSpan.FromSeconds(1) ? pause * 2 : TimeSpan.FromSeconds(1);
            }
        }

        return Outcome.TimedOut;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 50 && _output.TryDequeue(out _))
        {
        }
    }

    private string Diagnostics(string what, TimeSpan waited)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var output = _output.IsEmpty ? "(nothing)" : string.Join(" | ", _output);
        return string.Create(CultureInfo.InvariantCulture,
            $"Azurite on 127.0.0.1:{Port} {what} after {waited.TotalSeconds:0.0} s (limit {StartTimeout.TotalSeconds:0} s; {Environment.ProcessorCount} cores, load average {load}). Azurite printed: {output}");
    }

    private void PickOtherPorts()
    {
        if (_queues)
        {
            (QueuePort, TablePort) = (FreePort(), FreePort());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private enum Outcome
    {
        Serving,
        Exited,
        PortTaken,
        TimedOut,
    }
}
