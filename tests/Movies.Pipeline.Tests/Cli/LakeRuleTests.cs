using System.Text.RegularExpressions;
using Movies.Cli.Commands;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>One lake rule for every command: a flag, else the environment, else ./lake.</summary>
public sealed class LakeRuleTests : IDisposable
{
    private const string RunId = "20261123-rule";

    // Nothing from the test's own environment may name a lake.
    private static readonly Dictionary<string, string> NoLakeInEnvironment = new()
    {
        ["LAKE_PATH"] = string.Empty,
        ["LakeStorage"] = string.Empty,
        ["LakeStorage__blobServiceUri"] = string.Empty,
    };

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task EveryCommand_NoLakeGiven_UsesDotLakeOfTheWorkingFolder()
    {
        var run = await MoviesCli.RunInAsync(_folder.Path, NoLakeInEnvironment, "run", "--sample", "--top-n", "6", "--batch-size", "3", "--run-id", RunId, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(_folder.Combine("lake", "bronze", "2026", "11", "23", RunId, "_manifest.json")));

        // Right after `run --sample`, the next commands find the same lake without being told.
        var promote = await MoviesCli.RunInAsync(_folder.Path, NoLakeInEnvironment, "promote", "--run", RunId);
        Assert.True(promote.ExitCode == 0, promote.Stderr);
        var sql = await MoviesCli.RunInAsync(_folder.Path, NoLakeInEnvironment, "sql", "--format", "csv", "select count(*) as n from movies_unified");
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        var report = await MoviesCli.RunInAsync(_folder.Path, NoLakeInEnvironment, "report", "--run", RunId);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.True(File.Exists(_folder.Combine("lake", "gold", "reports", RunId + ".html")));
        Assert.Equal(["lake"], Directory.GetDirectories(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Sql_LakePathInEnvironment_WinsOverDotLake()
    {
        var lake = _folder.Combine("elsewhere");
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "4", "--batch-size", "2", "--lake", lake, "--run-id", RunId, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var cwd = Directory.CreateDirectory(_folder.Combine("cwd")).FullName;

        var sql = await MoviesCli.RunInAsync(cwd, new Dictionary<string, string>(NoLakeInEnvironment) { ["LAKE_PATH"] = lake }, "sql", "--tables", "--format", "csv");

        Assert.True(sql.ExitCode == 0, sql.Stderr);
        Assert.Contains("movies_unified,", sql.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cwd, "lake")));
    }

    [Fact]
    public async Task Run_LakeAndConnectionBoth_ExitTwoNothingWritten()
    {
        var result = await MoviesCli.RunInAsync(_folder.Path, null, "run", "--sample", "--lake", "x", "--connection", "UseDevelopmentStorage=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not both", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("promote")]
    [InlineData("sql")]
    [InlineData("report")]
    [InlineData("upload-source")]
    public async Task Help_EveryLakeCommand_StatesTheOneRule(string command)
    {
        var help = await MoviesCli.RunAsync(null, command, "--help");

        Assert.Equal(0, help.ExitCode);
        var text = Regex.Replace(help.Stdout, @"\s+", " ");
        Assert.Contains(CommonOptions.LakeRule, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Default with --sample", text, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
