using System.Diagnostics;

namespace Movies.Cli.Bench;

/// <summary>Starts this same <c>movies</c> executable as a new process, as a user would: a cold start
/// every time, timed from start to exit by the caller's clock.</summary>
public static class MoviesProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, double Seconds);

    /// <summary>How to start <c>movies</c>: the apphost when this process is one, else <c>dotnet movies.dll</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "movies.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>Runs <c>movies</c> with <paramref name="args"/> to its end and times it; kills it (and only
    /// it) when it outlives <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var arguments = args.ToList();
        var start = StartInfo(arguments, environment);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"movies {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes:0.#} minutes.");
        }

        clock.Stop();
        return new Result(process.ExitCode, await stdout, await stderr, clock.Elapsed.TotalSeconds);
    }
}
