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
        Assert.True(File.Exists(_cache.Combine("movies_unified.parquet")));
    }

    public void Dispose() => _cache.Dispose();
}
