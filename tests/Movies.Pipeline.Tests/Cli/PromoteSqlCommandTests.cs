using System.Security.Cryptography;
using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

public sealed class PromoteSqlCommandTests : IDisposable
{
    private static readonly string[] Tables = ["decade_summary", "director_summary", "genre_summary", "movie_history", "movies_unified", "run_quality"];
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Run_SampleTwiceThenPromote_GoldLatestByteIdenticalAndSqlAnswers()
    {
        string[] run = ["run", "--sample", "--top-n", "50", "--batch-size", "7", "--lake", _folder.Path, "--run-id", "20261123-gold", "--json"];
        var first = await MoviesCli.RunAsync(null, run);
        Assert.True(first.ExitCode == 0, first.Stderr);
        using var summary = JsonDocument.Parse(first.Stdout);
        var root = summary.RootElement;
        Assert.Equal(root.GetProperty("fetched").GetInt32(), root.GetProperty("silverRows").GetInt32() + root.GetProperty("rejects").GetInt32());
        Assert.Equal(Tables, root.GetProperty("goldTables").EnumerateObject().Select(p => p.Name));
        var hashes = Hashes();
        Assert.Equal(13, hashes.Count); // 6 tables as Parquet and CSV, and _version.json

        var second = await MoviesCli.RunAsync(null, run);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(hashes, Hashes());
        var promote = await MoviesCli.RunAsync(null, "promote", "--run", "20261123-gold", "--lake", _folder.Path);
        Assert.True(promote.ExitCode == 0, promote.Stderr);
        Assert.Equal(hashes, Hashes());

        var sql = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "--format", "json", "select count(*) as n from movies_unified");
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        using var answer = JsonDocument.Parse(sql.Stdout);
        Assert.Equal(root.GetProperty("goldTables").GetProperty("movies_unified").GetInt32(), answer.RootElement[0].GetProperty("n").GetInt32());
        // One run's facts, promoted again unchanged: one current version per film in movie_history.
        var history = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "--format", "json",
            "select count(*) as n, count(distinct imdb_id) as films, bool_and(is_current) as current from movie_history");
        Assert.True(history.ExitCode == 0, history.Stderr);
        using var versions = JsonDocument.Parse(history.Stdout);
        Assert.Equal(answer.RootElement[0].GetProperty("n").GetInt32(), versions.RootElement[0].GetProperty("n").GetInt32());
        Assert.Equal(answer.RootElement[0].GetProperty("n").GetInt32(), versions.RootElement[0].GetProperty("films").GetInt32());
        Assert.True(versions.RootElement[0].GetProperty("current").GetBoolean());
        var tables = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "--tables", "--format", "csv");
        var bad = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "select nope from movies_unified");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("nope", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(["table,rows", .. Tables.Select(t => $"{t},{root.GetProperty("goldTables").GetProperty(t).GetInt32()}")], tables.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Promote_RunIdWithoutDate_ExitTwoAsksForDate()
    {
        var result = await MoviesCli.RunAsync(null, "promote", "--run", "nightly", "--lake", _folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--date", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_NoGoldYet_ExitTwoSaysRunFirst()
    {
        var result = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "select 1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("movies run", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string> Hashes()
        => Directory.GetFiles(_folder.Combine("gold", "latest"))
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
