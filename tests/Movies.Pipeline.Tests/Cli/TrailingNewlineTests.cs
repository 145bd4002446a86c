
namespace Movies.Pipeline.Tests.Cli;

/// <summary>Issue 25, item 8: every validated command-line input with a trailing newline (<c>--run-id $'x\n'</c>) is
/// refused up front: exit 2, one line naming the input (the newline shown escaped), no exception name, nothing written.</summary>
public sealed class TrailingNewlineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "run", "--sample", "--top-n", "2", "--batch-size", "1", "--run-id", "20261123-x\n" },
        new[] { "promote", "--run", "20261123-x\n" },
        new[] { "report", "--run", "20261123-x\n" },
        new[] { "ingest", "--provider", "critic_aggregates\n", "{file}" },
        new[] { "ingest", "--provider", "critic_aggregates", "{newline-file}" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_InputWithATrailingNewline_ExitTwoOneLineNothingWritten(string[] args)
    {
        var lake = _folder.Combine("lake");
        var file = _folder.Combine("critics-2026-11-21.csv");
        File.WriteAllText(file, "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\nHeat,1995,87%,100,7.9/10,76\n");
        var newlineFile = _folder.Combine("critics-2026-11-21.csv\n");
        File.Copy(file, newlineFile);
        string[] command = [.. args.Select(a => a.Replace("{file}", file, StringComparison.Ordinal).Replace("{newline-file}", newlineFile, StringComparison.Ordinal)), "--lake", lake];

        var result = await MoviesCli.RunAsync(null, command);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\\u000a", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake) && Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories).Any(), "something was written");
    }

    public void Dispose() => _folder.Dispose();
}
