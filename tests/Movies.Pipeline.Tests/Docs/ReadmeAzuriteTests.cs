using System.Text.RegularExpressions;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Docs;

/// <summary>The README's "Azurite on other ports" lines, tried against a real Azurite on a free port.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReadmeAzuriteTests(AzuriteFixture azurite)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public async Task OtherPorts_ConnectionStringFromReadmeReachesAzuriteAsLakeStorage()
    {
        var command = Regex.Match(Readme, @"`npm run azurite -- --blobPort (\d+) --queuePort (\d+) --tablePort (\d+)`");
        var connection = Regex.Match(Readme, @"--connection ""(DefaultEndpointsProtocol=http;[^""]*BlobEndpoint=http://127\.0\.0\.1:(\d+)/devstoreaccount1;)""");
        Assert.True(command.Success && connection.Success, "the README shows both lines");
        Assert.Equal(command.Groups[1].Value, connection.Groups[2].Value);

        // The same string with the port this test's Azurite listens on, given as the LakeStorage setting.
        var lakeStorage = connection.Groups[1].Value.Replace($":{connection.Groups[2].Value}/", $":{azurite.Port}/", StringComparison.Ordinal);
        var blob = $"source/readme-{Guid.NewGuid():N}.json";
        var upload = await MoviesCli.RunAsync(new Dictionary<string, string> { ["LakeStorage"] = lakeStorage, ["LAKE_PATH"] = string.Empty, ["SOURCE_BLOB"] = blob }, "upload-source");

        Assert.True(upload.ExitCode == 0, upload.Stderr);
        var container = azurite.CreateServiceClient().GetBlobContainerClient("source");
        Assert.True((await container.GetBlobClient(blob["source/".Length..]).ExistsAsync()).Value);
    }
}
