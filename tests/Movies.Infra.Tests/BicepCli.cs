using System.Diagnostics;
using System.Reflection;

namespace Movies.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from the Azure.Bicep.CommandLine NuGet package.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            var fromBuild = typeof(BicepCli).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
            if (string.IsNullOrEmpty(fromBuild) || !File.Exists(fromBuild))
            {
                throw new InvalidOperationException(
                    $"Bicep CLI not found at '{fromBuild}'. Restore the project or set BICEP_PATH.");
            }

            return fromBuild;
        }
    }

    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // No telemetry from CI runs.
        startInfo.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Lines of standard error that report a diagnostic (warning or error).</summary>
    public IReadOnlyList<string> Diagnostics =>
        StandardError
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase)
                || line.Contains("error", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
