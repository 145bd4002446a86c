using System.Diagnostics;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>Runs the real <c>movies</c> executable (built beside the tests) as a user would.</summary>
public static class MoviesCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    // The CLI's own output folder, built with the same configuration as the tests: beside the tests its
    // assemblies would resolve against the ASP.NET framework the OMDb stand-in brings in.
    private static string CliPath { get; } = Path.Combine(
        RepositoryRoot.Path, "src", "Movies.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "movies.dll");

    public static async Task<Result> RunAsync(IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args, redirect: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave a hung CLI behind: kill it, and say what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"movies {string.Join(' ', args)} did not exit within 2 minutes; stderr: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI without waiting (to kill it mid-run); its output is not captured.</summary>
    public static Process Start(IDictionary<string, string>? environment, params string[] args) => Start(environment, args, redirect: false);

    private static Process Start(IDictionary<string, string>? environment, string[] args, bool redirect)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            UseShellExecute = false,
        };
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
