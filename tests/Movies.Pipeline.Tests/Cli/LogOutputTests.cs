using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

public sealed class LogOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Run_TextLogs_ScopesReadAsKeyValuePairs()
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "4", "--batch-size", "2", "--lake", _folder.Path, "--run-id", "20261123-logs", "--log-level", "Information");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"=> RunId=20261123-logs Batch=[12] MovieKey=[a-z0-9-]+ Step=EnrichBatch ", result.Stderr);
        Assert.DoesNotContain("Dictionary`2", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Collections", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonLogs_EveryLineJsonTimestampsWithoutSpaceScopesStructuredAndReadable()
    {
        var result = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "4", "--batch-size", "2", "--lake", _folder.Path, "--run-id", "20261123-json", "--log-format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var movieScopes = 0;
        foreach (var line in lines)
        {
            using var log = JsonDocument.Parse(line);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", log.RootElement.GetProperty("Timestamp").GetString());
            if (log.RootElement.GetProperty("EventId").GetInt32() != 2010)
            {
                continue;
            }

            var scope = log.RootElement.GetProperty("Scopes")[0];
            Assert.Equal("20261123-json", scope.GetProperty("RunId").GetString());
            var batch = scope.GetProperty("Batch").GetInt32();
            var key = scope.GetProperty("MovieKey").GetString();
            Assert.Equal("EnrichBatch", scope.GetProperty("Step").GetString());
            Assert.Equal($"RunId=20261123-json Batch={batch} MovieKey={key} Step=EnrichBatch", scope.GetProperty("Message").GetString());
            movieScopes++;
        }

        Assert.Equal(4, movieScopes);
    }

    public void Dispose() => _folder.Dispose();
}
