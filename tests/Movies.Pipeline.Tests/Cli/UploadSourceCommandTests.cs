using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>A run on a blob lake reads its source from the lake: <c>upload-source</c> puts it there.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UploadSourceCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task RunConnection_SourceUploadedFirst_RunsFromTheLake()
    {
        // A source blob of this test's own, and the offline catalog instead of OMDb: no network, no --sample.
        var environment = new Dictionary<string, string>
        {
            ["SOURCE_BLOB"] = $"source/upload-{Guid.NewGuid():N}.json",
            ["OMDB_OFFLINE_CATALOG"] = Path.Combine(RepositoryRoot.Path, "data", "sample", "omdb-catalog.json"),
            ["OMDB_API_KEY"] = "offline",
        };
        string[] run = ["run", "--connection", azurite.ConnectionString, "--top-n", "4", "--batch-size", "2", "--run-id", "20261123-uploaded", "--json"];

        var before = await MoviesCli.RunAsync(environment, run);
        var bad = _folder.Combine("bad.json");
        File.WriteAllText(bad, "{\"not\": \"an array\"}");
        var refused = await MoviesCli.RunAsync(environment, "upload-source", "--connection", azurite.ConnectionString, "--source", bad);
        var upload = await MoviesCli.RunAsync(environment, "upload-source", "--connection", azurite.ConnectionString);
        var after = await MoviesCli.RunAsync(environment, run);

        Assert.Equal(2, before.ExitCode);
        Assert.Contains("does not exist in the lake", before.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("JSON array", refused.Stderr, StringComparison.Ordinal);
        Assert.True(upload.ExitCode == 0, upload.Stderr);
        Assert.Contains($"to {environment["SOURCE_BLOB"]}", upload.Stdout, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.Stderr);
        using var summary = JsonDocument.Parse(after.Stdout);
        Assert.Equal(3201, summary.RootElement.GetProperty("sourceRows").GetInt32());
        var container = azurite.CreateServiceClient().GetBlobContainerClient("bronze");
        Assert.True((await container.GetBlobClient(BronzePaths.Manifest("2026/11/23/20261123-uploaded")).ExistsAsync()).Value);
    }

    public void Dispose() => _folder.Dispose();
}
