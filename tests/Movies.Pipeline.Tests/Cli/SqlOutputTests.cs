using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>`movies sql` as people read it: on a 120-column terminal and piped into another program.</summary>
public sealed class SqlOutputTests : IAsyncLifetime
{
    private const string Query = "select * from movies_unified order by imdb_rating desc, title limit 3";
    private readonly TempFolder _folder = new();

    public async Task InitializeAsync()
    {
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "8", "--batch-size", "4", "--lake", _folder.Path, "--run-id", "20261123-sql", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    [Fact]
    public async Task Sql_WideResultPiped_PlainTextOneLinePerRowEveryValueWhole()
    {
        var result = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, Query);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('…', result.Stdout);
        Assert.DoesNotMatch("[│┌┐└┘─]", result.Stdout);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3 + 3, lines.Length); // header, rule, 3 rows, row count
        Assert.Equal("(3 rows)", lines[^1]);
        foreach (var column in await ColumnsAsync())
        {
            Assert.Contains(column, lines[0], StringComparison.Ordinal);
        }

        var rows = await JsonRowsAsync();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Contains(rows[i].GetProperty("title").GetString()!, lines[2 + i], StringComparison.Ordinal);
            Assert.Contains(rows[i].GetProperty("movie_key").GetString()!, lines[2 + i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sql_WideResultOn120ColumnTerminal_RowsAsReadableBlocksWithinTheWidth()
    {
        var screen = await OnTerminalAsync(120, Query);

        var lines = screen.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        Assert.Equal(3, lines.Count(l => l.StartsWith("─[ row ", StringComparison.Ordinal)));
        var rows = await JsonRowsAsync();
        var columns = await ColumnsAsync();
        foreach (var row in rows)
        {
            Assert.Contains(lines, l => Regex.IsMatch(l, $@"^title\s+│ {Regex.Escape(row.GetProperty("title").GetString()!)}$"));
        }

        // Each column of each row has its own labelled line: nothing squeezed to a character per line.
        Assert.Equal(rows.Count * columns.Count, lines.Count(l => Regex.IsMatch(l, @"^[a-z_]+\s+│")));
    }

    [Fact]
    public async Task Sql_NarrowResultOnTerminal_BoxedTable()
    {
        var screen = await OnTerminalAsync(120, "select title, year from movies_unified order by title limit 2");

        Assert.Contains("┌", screen, StringComparison.Ordinal);
        Assert.Matches(@"│ title\s+│ year │", screen);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private async Task<List<JsonElement>> JsonRowsAsync()
    {
        var json = await MoviesCli.RunAsync(null, "sql", "--lake", _folder.Path, "--format", "json", Query);
        Assert.True(json.ExitCode == 0, json.Stderr);
        return [.. JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray()];
    }

    private async Task<List<string>> ColumnsAsync() => [.. (await JsonRowsAsync())[0].EnumerateObject().Select(p => p.Name)];

    /// <summary>Runs the CLI on a pseudo-terminal of the given width (util-linux <c>script</c>) and returns the
    /// screen text, without the terminal's own control sequences.</summary>
    private async Task<string> OnTerminalAsync(int columns, string query)
    {
        var command = $"stty cols {columns} rows 50; exec dotnet '{MoviesCli.CliPath}' sql --lake '{_folder.Path}' \"{query}\"";
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        return Regex.Replace(await stdout, @"\u001b(\[[0-9;?]*[A-Za-z]|[=>])", string.Empty);
    }
}
