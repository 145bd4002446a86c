using System.Security.Cryptography;
using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

/// <summary><c>movies sql</c> runs read-only queries over the gold tables and nothing else: no other file, no
/// write, no attach, no extension, no setting changed back; a refused statement is exit 2 with the reason.</summary>
public sealed class SqlSandboxTests(SqlSandboxTests.SampleLake sample) : IClassFixture<SqlSandboxTests.SampleLake>
{
    private const string Secret = "TOP-SECRET-LINE-31415";
    private readonly TempFolder _folder = sample.Folder;

    private string Lake => _folder.Combine("lake");

    private string Cache => _folder.Combine("cache");

    private string MoviesParquet => Path.Combine(Lake, "gold", "latest", "movies_unified.parquet");

    [Theory]
    [InlineData("select * from read_text('{secret}')", "disabled by configuration")]
    [InlineData("select * from read_csv('/etc/passwd')", "disabled by configuration")]
    [InlineData("select * from read_text('/etc/shadow')", "disabled by configuration")]
    [InlineData("select * from glob('/etc/*')", "disabled by configuration")]
    [InlineData("COPY movies_unified TO '{movies}' (FORMAT csv, USE_TMP_FILE false)", "Refused")]
    [InlineData("COPY (select 1) TO '{folder}/out.csv'", "Refused")]
    [InlineData("select 1; COPY movies_unified TO '{folder}/out.csv'", "Refused")]
    [InlineData("select * from query('COPY movies_unified TO ''{folder}/out.csv''')", "single SELECT")]
    [InlineData("ATTACH '{folder}/x.db'", "Refused")]
    [InlineData("INSTALL httpfs", "Refused")]
    [InlineData("LOAD httpfs", "Refused")]
    [InlineData("SET enable_external_access = true", "Refused")]
    [InlineData("EXPORT DATABASE '{folder}/export'", "Refused")]
    [InlineData("CREATE TABLE t AS SELECT 1", "Refused")]
    public async Task Sql_StatementOutsideTheSandbox_ExitTwoWithTheReasonAndNothingTouched(string template, string reason)
    {
        var before = Hash(MoviesParquet);
        var query = template.Replace("{secret}", _folder.Combine("secret.txt"), StringComparison.Ordinal)
            .Replace("{movies}", MoviesParquet, StringComparison.Ordinal).Replace("{folder}", _folder.Path, StringComparison.Ordinal);

        var result = await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, query);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Hash(MoviesParquet));
        Assert.False(File.Exists(_folder.Combine("out.csv")));
        Assert.False(File.Exists(_folder.Combine("x.db")));
        Assert.False(Directory.Exists(_folder.Combine("export")));
    }

    [Fact]
    public async Task Sql_CopyOntoGoldRefused_LaterPromoteStillWorks()
    {
        await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, $"COPY movies_unified TO '{MoviesParquet}' (FORMAT csv, USE_TMP_FILE false)");

        var promote = await MoviesCli.RunAsync(null, "promote", "--run", "20261123-sql", "--lake", Lake);

        Assert.True(promote.ExitCode == 0, promote.Stderr);
    }

    [Fact]
    public async Task Sql_NoRows_PrintsNothingExitZero()
    {
        var result = await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, "select * from movies_unified where false");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Sql_ReadOnlyQueries_StillAnswer()
    {
        foreach (var query in new[] { "describe movies_unified", "show tables", "with t as (select count(*) as n from run_quality) select n from t", "from genre_summary limit 1" })
        {
            var result = await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, "--format", "json", query);

            Assert.True(result.ExitCode == 0, $"{query}: {result.Stderr}");
            using var answer = JsonDocument.Parse(result.Stdout);
            Assert.True(answer.RootElement.GetArrayLength() > 0, query);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>One sample run's lake for the whole class (the statements refused change nothing in it).</summary>
    public sealed class SampleLake : IAsyncLifetime
    {
        public TempFolder Folder { get; } = new();

        public async Task InitializeAsync()
        {
            var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "6", "--batch-size", "3", "--lake", Folder.Combine("lake"), "--run-id", "20261123-sql", "--json");
            Assert.True(run.ExitCode == 0, run.Stderr);
            File.WriteAllText(Folder.Combine("secret.txt"), Secret);
        }

        public Task DisposeAsync()
        {
            Folder.Dispose();
            return Task.CompletedTask;
        }
    }
}
