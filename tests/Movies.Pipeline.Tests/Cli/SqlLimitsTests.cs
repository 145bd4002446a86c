using System.Diagnostics;
using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

/// <summary><c>movies sql</c> within bounds (issue 25): a query that never ends is stopped and says so, DuckDB's memory,
/// threads and spill space are set, its spill folder is private (a file planted in <c>./.tmp</c> is unreadable), and
/// rows are streamed, the table format holding at most its cap.</summary>
public sealed class SqlLimitsTests(SqlSandboxTests.SampleLake sample) : IClassFixture<SqlSandboxTests.SampleLake>
{
    private readonly TempFolder _folder = sample.Folder;

    private string Lake => _folder.Combine("lake");

    private string Cache => _folder.Combine("cache");

    [Fact]
    public async Task Sql_EndlessRecursiveQuery_StoppedAtTheTimeoutExitTwo()
    {
        var clock = Stopwatch.StartNew();

        var result = await MoviesCli.RunAsync(new Dictionary<string, string> { ["SQL_TIMEOUT_SECONDS"] = "2" }, TimeSpan.FromMinutes(2),
            "sql", "--lake", Lake, "--cache", Cache, "with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("Query stopped after 2 s (SQL_TIMEOUT_SECONDS)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("resume", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    /// <summary>A query stopped from outside (SIGTERM, as Ctrl+C or a supervisor stops it) says it was cancelled: exit 1,
    /// not the run commands' "resume" advice.</summary>
    [Fact]
    public async Task Sql_QueryStoppedBySignal_SaysCancelledNotResume()
    {
        using var cache = new TempFolder();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { MoviesCli.CliPath, "sql", "--lake", Lake, "--cache", cache.Path, "with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SQL_TIMEOUT_SECONDS"] = "0";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            // The session's spill folder appears just before the query starts: then the query is running.
            var clock = Stopwatch.StartNew();
            while (Directory.GetDirectories(cache.Path, ".duckdb-*", SearchOption.AllDirectories).Length == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited, "the query never started");
                await Task.Delay(100);
            }

            await Task.Delay(500);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var error = await stderr;
        _ = await stdout;
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}: {error}");
        Assert.Contains("Query cancelled", error, StringComparison.Ordinal);
        Assert.DoesNotContain("resume", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sql_Settings_MemoryThreadsAndPrivateSpillFolderSet()
    {
        var result = await MoviesCli.RunAsync(new Dictionary<string, string> { ["SQL_MEMORY_LIMIT_MB"] = "256" },
            "sql", "--lake", Lake, "--cache", Cache, "--format", "json",
            "select current_setting('memory_limit') as m, current_setting('threads') as t, current_setting('temp_directory') as d, current_setting('max_temp_directory_size') as s");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var answer = JsonDocument.Parse(result.Stdout);
        var row = answer.RootElement[0];
        Assert.Equal("256.0 MiB", row.GetProperty("m").GetString());
        Assert.InRange(row.GetProperty("t").GetInt64(), 1, 4);
        Assert.StartsWith(Cache, row.GetProperty("d").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.0 GiB", row.GetProperty("s").GetString());
        // The session's spill folder is gone with it.
        Assert.Empty(Directory.GetDirectories(Cache, ".duckdb-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Sql_FilePlantedInDotTmp_NotReadable()
    {
        using var work = new TempFolder();
        Directory.CreateDirectory(work.Combine(".tmp"));
        File.WriteAllText(work.Combine(".tmp", "planted.csv"), "a\nPLANTED-31415\n");

        var result = await MoviesCli.RunInAsync(work.Path, null, "sql", "--lake", Lake, "--cache", Cache, "select * from read_csv('.tmp/planted.csv')");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains("disabled by configuration", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_LongResult_TableCappedWithANoteCsvStreamsEveryRow()
    {
        const string Query = "select range as n from range(10005)";

        var table = await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, Query);
        var csv = await MoviesCli.RunAsync(null, "sql", "--lake", Lake, "--cache", Cache, "--format", "csv", Query);

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("only the first 10,000 rows are shown", table.Stderr, StringComparison.Ordinal);
        Assert.Contains("\n9999", "\n" + table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\n10000", "\n" + table.Stdout, StringComparison.Ordinal);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.Equal(10_006, csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
