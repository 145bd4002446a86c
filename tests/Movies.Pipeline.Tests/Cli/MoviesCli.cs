using System.Diagnostics;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>Runs the real <c>movies</c> executable (built beside the tests) as a user would.</summary>
public static class MoviesCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The build configuration of the tests (Debug or Release), which the CLI was built with too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    // The CLI's own output folder, built with the same configuration as the tests: beside the tests its
    // assemblies would resolve against the ASP.NET framework the OMDb stand-in brings in.
    public static string CliPath { get; } = Path.Combine(RepositoryRoot.Path, "src", "Movies.Cli", "bin", Configuration, "net10.0", "movies.dll");

    public static Task<Result> RunAsync(IDictionary<string, string>? environment, params string[] args)
        => RunInAsync(null, environment, DefaultTimeout, args);

    public static Task<Result> RunAsync(IDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
        => RunInAsync(null, environment, timeout, args);

    /// <summary>Runs the CLI from <paramref name="workingDirectory"/>, as a user in that folder would.</summary>
    public static Task<Result> RunInAsync(string? workingDirectory, IDictionary<string, string>? environment, params string[] args)
        => RunInAsync(workingDirectory, environment, DefaultTimeout, args);

    public static async Task<Result> RunInAsync(string? workingDirectory, IDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args, redirect: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave a hung CLI (or the processes it started) behind a failed test: kill it, and say what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"movies {string.Join(' ', args)} did not exit within {timeout}; stderr: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI without waiting (to kill it mid-run); its output is not captured.</summary>
    public static Process Start(IDictionary<string, string>? environment, params string[] args) => Start(null, environment, args, redirect: false);

    /// <summary>Starts the CLI without waiting, its output captured: read both streams as they come (a full pipe blocks it).</summary>
    public static Process StartCaptured(IDictionary<string, string>? environment, params string[] args) => Start(null, environment, args, redirect: true);

    private static Process Start(string? workingDirectory, IDictionary<string, string>? environment, string[] args, bool redirect)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }
}
