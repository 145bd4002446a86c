using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Movies.Cli.Commands;
using Movies.Pipeline.Tests.Cli;

namespace Movies.Pipeline.Tests.Docs;

/// <summary>The README's lines a newcomer follows, checked against what the code and the tools do.</summary>
public sealed class ReadmeTests : IDisposable
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
    private readonly TempFolder _folder = new();

    [Fact]
    public void SetUp_ExactlyTwoCommands()
    {
        var section = Section("## Set up");
        var block = Regex.Match(section, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(
            ["dotnet run --project src/Movies.Cli -- run --sample", "bash scripts/test.sh"],
            block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')));
    }

    [Fact]
    public void LakeRule_QuotedExactlyAsTheHelpSaysIt()
        => Assert.Contains(CommonOptions.LakeRule, Readme, StringComparison.Ordinal);

    [Fact]
    public void Settings_LakeStorageHasNoCliDefault()
    {
        var row = Readme.Split('\n').Single(l => l.StartsWith("| `LakeStorage` |", StringComparison.Ordinal));

        Assert.Contains("CLI: none", row.Split('|')[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_InstallLinesMatchThePackage()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "Movies.Cli", "Movies.Cli.csproj"));
        string Property(string name) => project.Descendants(name).Single().Value;

        Assert.Equal("true", Property("PackAsTool"));
        Assert.Equal("movies", Property("ToolCommandName"));
        Assert.EndsWith(Path.Combine("..", "..", "artifacts", "nupkg"), Property("PackageOutputPath").Replace('\\', Path.DirectorySeparatorChar), StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/Movies.Cli -c Release\n", Readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet tool install --global --add-source artifacts/nupkg {Property("PackageId")}\n", Readme, StringComparison.Ordinal);
        Assert.Contains($"artifacts/nupkg/{Property("PackageId")}.{Property("Version")}.nupkg", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_VersionsAsAzuriteAndThisMachineHaveThem()
    {
        using var azurite = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "package.json")));
        var version = azurite.RootElement.GetProperty("version").GetString();
        var engines = azurite.RootElement.GetProperty("engines").GetProperty("node").GetString();
        var node = await OutputOfAsync("node", "--version");

        Assert.Contains($"Azurite {version} declares Node.js {engines}", Readme.ReplaceLineEndings(" ").Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Node.js 20 or later", Readme, StringComparison.Ordinal);
        // The README's "works on 20" holds where the tests run: this Node is 20 or later.
        Assert.True(int.Parse(node.TrimStart('v').Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) >= 20, node);
    }

    [Fact]
    public void Bench_QuickFlagsAreTheOnesTheTestsRun()
        => Assert.Contains("movies bench " + string.Join(' ', BenchCommandTests.QuickFlags), Readme, StringComparison.Ordinal);

    [Fact]
    public void RunConnection_SaysToUploadTheSourceWithoutAz()
        => Assert.Contains("`movies upload-source --connection \"UseDevelopmentStorage=true\"`", Readme, StringComparison.Ordinal);

    [Fact]
    public void Screenshot_OfTheReportShown()
    {
        Assert.Contains("](docs/run-report.png)", Readme, StringComparison.Ordinal);
        var png = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "docs", "run-report.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    // SHA-1 here only recomputes the hashes the data README quotes (Git's and sha1sum's), not for security.
#pragma warning disable CA5350
    [Fact]
    public void DataReadme_HashesAreWhatTheyClaim()
    {
        var file = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "data", "sample", "movies.json"));
        var data = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "sample", "README.md")).ReplaceLineEndings(" ");
        var gitBlob = SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {file.Length}\0"), .. file]);

        Assert.Contains($"the `{Hex(gitBlob)}` that vega-datasets' own metadata gives as its \"sha1\" is Git's blob hash (`git hash-object", data, StringComparison.Ordinal);
        Assert.Contains($"which is `{Hex(SHA1.HashData(file))}` (`sha1sum`)", data, StringComparison.Ordinal);
        Assert.Contains($"its sha256 is `{Hex(SHA256.HashData(file))}`", data, StringComparison.Ordinal);
    }
#pragma warning restore CA5350

    [Fact]
    public async Task StorageLayout_NamesEveryFolderTheSampleRunWrites()
    {
        var run = await MoviesCli.RunAsync(null, "run", "--sample", "--top-n", "4", "--batch-size", "2", "--lake", _folder.Path, "--run-id", "20261123-layout", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var layout = Regex.Match(Section("## Storage layout"), "```\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var lines = layout.Split('\n');

        // Each file the run wrote, as the layout spells it: its container and the first folder below.
        var written = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_folder.Path, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Select(f => Regex.Replace(f, @"^(\w+)/(\d{4})/.*", "$1/{yyyy}/"))
            .Select(f => Regex.Replace(f, @"^bronze/_enrichment/(\w+)/.*", "bronze/_enrichment/$1/"))
            .Select(f => Regex.Replace(f, @"^(gold)/(latest|history|reports)/.*", "$1/$2/"))
            .Select(f => Regex.Replace(f, @"^\.locks/.*", ".locks/"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal([".locks/", "bronze/_enrichment/cache/", "bronze/{yyyy}/", "events/{yyyy}/", "gold/_commit.json", "gold/_commit.lock", "gold/history/", "gold/latest/", "gold/reports/", "silver/{yyyy}/"], written);
        Assert.All(written, w => Assert.Contains(lines, l => l.StartsWith(w, StringComparison.Ordinal)));
    }

    public void Dispose() => _folder.Dispose();

    private static string Section(string heading)
    {
        var start = Readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, heading);
        var end = Readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? Readme[start..] : Readme[start..end];
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static async Task<string> OutputOfAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return output.Trim();
    }
}
