using System.Diagnostics;
using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>The CLI as a .NET tool: packed from the repository, installed, and run as <c>movies</c>.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Pack_InstalledToToolPath_MoviesCommandRunsTheBundledSample()
    {
        var packages = _folder.Combine("nupkg");
        var tools = _folder.Combine("tools");
        var project = Path.Combine(RepositoryRoot.Path, "src", "Movies.Cli", "Movies.Cli.csproj");
        // The build the tests use, packed as it is; its publish step goes to the temp folder, not into bin/.
        await RunAsync("dotnet", null, "pack", project, "-c", MoviesCli.Configuration, "--no-build", "-o", packages, $"-p:PublishDir={_folder.Combine("publish")}/");
        // A fresh NuGet cache: an older build of the same version cached before must not be the one installed.
        await RunAsync("dotnet", new() { ["NUGET_PACKAGES"] = _folder.Combine("nuget") }, "tool", "install", "--tool-path", tools, "--add-source", packages, "Movies.Pipeline.Cli");

        var movies = Path.Combine(tools, "movies");
        var help = await RunAsync(movies, null, "--help");
        var run = await RunAsync(movies, null, "run", "--sample", "--top-n", "4", "--batch-size", "2", "--lake", _folder.Combine("lake"), "--run-id", "20261123-tool", "--json");

        foreach (var command in new[] { "run", "promote", "sql", "report", "upload-source", "bench" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }

        using var summary = JsonDocument.Parse(run);
        Assert.Equal(4, summary.RootElement.GetProperty("movies").GetInt32());
        Assert.Equal("succeeded", summary.RootElement.GetProperty("status").GetString());
        Assert.True(File.Exists(_folder.Combine("lake", "gold", "reports", "20261123-tool.html")));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> RunAsync(string program, Dictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder.Path };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} took more than 5 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }
}
