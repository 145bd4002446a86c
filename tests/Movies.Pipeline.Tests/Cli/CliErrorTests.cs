using System.Net;
using System.Net.Sockets;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>No stack trace ever reaches the user: bad input is one line and exit 2 with nothing written; a service
/// that cannot be reached is one line and exit 1.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly int _closedPort = ClosedPort();

    private string Lake => _folder.Combine("lake");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--connection", "not a connection string", "LakeStorage is not a storage connection string")]
    [InlineData("--connection", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=not-base64!;", "LakeStorage is not a storage connection string")]
    [InlineData("--omdb-url", "ftp://www.omdbapi.com/", "OMDB_BASE_URL must be an absolute http or https URL")]
    [InlineData("--omdb-url", "http://www.omdb api.com/", "OMDB_BASE_URL must be an absolute http or https URL")]
    [InlineData("--omdb-url", "::not a url::", "OMDB_BASE_URL must be an absolute http or https URL")]
    public async Task Run_BadSetting_ExitTwoOneLineNothingWritten(string option, string value, string expected)
    {
        string[] lake = option == "--connection" ? [] : ["--lake", Lake];
        // --sample never uses an OMDb URL (and refuses one), so a bad URL comes with a source of its own.
        string[] source = option == "--omdb-url" ? ["--source", Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json")] : ["--sample"];

        var result = await MoviesCli.RunAsync(null, ["run", .. source, option, value, .. lake]);

        AssertOneErrorLine(result, 2, expected);
        Assert.DoesNotContain("AccountKey", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Lake));
    }

    [Fact]
    public async Task Run_LakeIsAFile_ExitTwoAndTheFileUntouched()
    {
        var file = _folder.Combine("a-file");
        File.WriteAllText(file, "x");

        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--lake", file);

        AssertOneErrorLine(result, 2, "LAKE_PATH must be a folder, not a file");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public async Task Promote_BadConnectionString_ExitTwo()
        => AssertOneErrorLine(await MoviesCli.RunAsync(null, "promote", "--run", "20261123-x", "--connection", "UseDevelopmentStorage=maybe;Account"), 2, "LakeStorage is not a storage connection string");

    [Fact]
    public async Task Run_StorageUnreachable_ExitOneOneLineAfterRetries()
    {
        var result = await MoviesCli.RunAsync(new Dictionary<string, string> { ["MAX_RETRIES"] = "1", ["BASE_DELAY_SECONDS"] = "0.05" },
            "run", "--sample", "--connection", $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{_closedPort}/devstoreaccount1;");

        AssertOneErrorLine(result, 1, "storage could not be reached");
        Assert.Contains("(after 2 tries)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KeyVaultUnreachable_ExitOneOneLine()
    {
        var result = await MoviesCli.RunAsync(
            new Dictionary<string, string> { ["KEY_VAULT_URI"] = $"https://127.0.0.1:{_closedPort}/", ["MAX_RETRIES"] = "1", ["BASE_DELAY_SECONDS"] = "0.05" },
            "run", "--source", Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json"), "--top-n", "2", "--batch-size", "2", "--lake", Lake,
            "--omdb-url", $"http://127.0.0.1:{_closedPort}/");

        AssertOneErrorLine(result, 1, $"Key Vault https://127.0.0.1:{_closedPort}/ could not be read");
    }

    private static void AssertOneErrorLine(MoviesCli.Result result, int exitCode, string expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: connections are refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
