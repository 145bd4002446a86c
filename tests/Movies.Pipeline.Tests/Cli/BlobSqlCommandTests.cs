using System.Text.Json;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class BlobSqlCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempFolder _cache = new();

    [Fact]
    public async Task Sql_BlobLake_QueriesLatestThroughLocalCache()
    {
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "12", "--batch-size", "5", "--connection", azurite.ConnectionString, "--run-id", "20261123-blobsql", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var summary = JsonDocument.Parse(run.Stdout);

        var sql = await MoviesCli.RunAsync(null, "sql", "--connection", azurite.ConnectionString, "--cache", _cache.Path, "--format", "json",
            "select count(*) as n from movies_unified where last_run_id = '20261123-blobsql'");

        Assert.True(sql.ExitCode == 0, sql.Stderr);
        using var answer = JsonDocument.Parse(sql.Stdout);
        Assert.Equal(summary.RootElement.GetProperty("silverRows").GetInt32(), answer.RootElement[0].GetProperty("n").GetInt32());
        Assert.Single(Directory.GetFiles(_cache.Path, "movies_unified.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Sql_TwoBlobLakesOneCacheAtOnce_EachQueryAnswersFromItsOwnLake()
    {
        var other = new AzuriteFixture();
        await other.InitializeAsync();
        try
        {
            var runs = await Task.WhenAll(
                MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "12", "--batch-size", "6", "--connection", azurite.ConnectionString, "--run-id", "20261123-lakea", "--json"),
                MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "5", "--batch-size", "5", "--connection", other.ConnectionString, "--run-id", "20261123-lakeb", "--json"));
            Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
            const string Query = "select last_run_id, count(*) as n from movies_unified where last_run_id in ('20261123-lakea', '20261123-lakeb') group by 1";

            for (var round = 0; round < 3; round++)
            {
                var answers = await Task.WhenAll(
                    MoviesCli.RunAsync(null, "sql", "--connection", azurite.ConnectionString, "--cache", _cache.Path, "--format", "json", Query),
                    MoviesCli.RunAsync(null, "sql", "--connection", other.ConnectionString, "--cache", _cache.Path, "--format", "json", Query));

                Assert.All(answers, a => Assert.True(a.ExitCode == 0, a.Stderr));
                Assert.Equal("20261123-lakea", Assert.Single(JsonDocument.Parse(answers[0].Stdout).RootElement.EnumerateArray()).GetProperty("last_run_id").GetString());
                Assert.Equal("20261123-lakeb", Assert.Single(JsonDocument.Parse(answers[1].Stdout).RootElement.EnumerateArray()).GetProperty("last_run_id").GetString());
            }

            // One folder per lake: the same table names never share a file.
            Assert.Equal(2, Directory.GetDirectories(_cache.Path).Length);
            Assert.Empty(Directory.GetDirectories(_cache.Path, ".*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    public void Dispose() => _cache.Dispose();
}
