using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>Gold's contract, run on each lake (a folder here; blob storage in a subclass).</summary>
public abstract class GoldPromoterTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 20);
    private static readonly DateOnly Day2 = new(2026, 11, 21);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    [Fact]
    public async Task PromoteAsync_SameRunTwice_GoldByteIdentical()
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995), LakeRuns.Source(187_000_000, 60_000_000)), new("x", LakeRuns.Omdb("tt2", "X", 2004, genre: "Action, Drama"))]);
        var promoter = LakeRuns.Promoter(lake);

        var result = await promoter.PromoteAsync(manifest);
        var first = await LakeRuns.HashAsync(lake, LakeContainers.Gold, "");
        await promoter.PromoteAsync(manifest);

        Assert.Equal(GoldPaths.Tables.Order(StringComparer.Ordinal), result.Gold.TableRows.Keys);
        // 6 tables x (parquet, csv) x (latest, history), the history manifest, the version marker, the commit's lock
        // and record, and the run report with latest.html and its history copy (published in the commit).
        Assert.Equal(31, first.Count);
        Assert.Contains(GoldPaths.LatestVersion, first.Keys);
        Assert.Equal(first, await LakeRuns.HashAsync(lake, LakeContainers.Gold, ""));
    }

    [Fact]
    public async Task PromoteAsync_SecondRun_UpsertKeepsOldFilmsAndRefreshesShared()
    {
        var lake = await CreateLakeAsync();
        var promoter = LakeRuns.Promoter(lake);
        await promoter.PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("a", LakeRuns.Omdb("tt1", "Old Only", 1990, rating: "6.0")), new("b", LakeRuns.Omdb("tt2", "Shared", 2000, rating: "7.0"))]));
        var secondManifest = await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2),
            [new("b", LakeRuns.Omdb("tt2", "Shared", 2000, rating: "8.0")), new("c", LakeRuns.Omdb("tt3", "New", 2010))]);
        await promoter.PromoteAsync(secondManifest);
        var latest = await MoviesAsync(lake);

        Assert.Equal(["tt1|Old Only|6|20261120-a", "tt2|Shared|8|20261121-b", "tt3|New|7.5|20261121-b"], latest);

        // Re-promoting the older run never undoes the newer one's values.
        await promoter.PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("a", LakeRuns.Omdb("tt1", "Old Only", 1990, rating: "6.0")), new("b", LakeRuns.Omdb("tt2", "Shared", 2000, rating: "7.0"))]));
        Assert.Equal(latest, await MoviesAsync(lake));
        var runs = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"), "SELECT run_id, silver_rows FROM t ORDER BY run_id");
        Assert.Equal([["20261120-a", 2], ["20261121-b", 2]], runs);
    }

    [Fact]
    public async Task PromoteAsync_MoviesUnified_ReadByDuckDbWithSchemaAndValues()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995, boxOffice: "$67,436,818"), LakeRuns.Source(187_436_818, 60_000_000))]));
        var name = GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet");

        var schema = (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, name, "SELECT column_name, column_type FROM (DESCRIBE t)"))
            .Select(r => $"{r[0]} {r[1]}").ToList();
        var row = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, name,
            "SELECT imdb_id, decade, imdb_rating, rotten_tomatoes_percent, domestic_gross_usd, worldwide_gross_usd, production_budget_usd, return_on_budget, last_run_id, strftime(last_refreshed_at, '%Y-%m-%dT%H:%M:%S') FROM t"));

        Assert.Equal(CsvTableWriter.ColumnNames<MoviesUnifiedRow>(), schema.Select(s => s.Split(' ')[0]));
        Assert.Contains("imdb_rating DOUBLE", schema);
        Assert.Contains("released DATE", schema);
        Assert.Contains("worldwide_gross_usd BIGINT", schema);
        Assert.Contains("last_refreshed_at TIMESTAMP", schema);
        Assert.Equal(["tt0113277", 1990, 7.5, 80, 67_436_818L, 187_436_818L, 60_000_000L, 2.1239, "20261120-a", "2026-11-20T03:00:00"], row);
    }

    [Fact]
    public async Task PromoteAsync_Csv_FixedHeaderAndIsoValues()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("heat", LakeRuns.Omdb("tt0113277", "Heat, the \"film\"", 1995))]));

        var csv = (await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "csv")))!.ToString().Split("\r\n");
        var quality = (await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "csv")))!.ToString().Split("\r\n");

        Assert.Equal(
            "imdb_id,title,year,decade,released,runtime_minutes,rated,genres,directors,language,country,imdb_rating,imdb_votes,rotten_tomatoes_percent,metascore,"
            + "domestic_gross_usd,worldwide_gross_usd,production_budget_usd,return_on_budget,omdb_box_office_usd,source_imdb_rating,source_imdb_votes,"
            + "source_rotten_tomatoes_percent,source_genre,distributor,movie_key,last_run_id,last_refreshed_at",
            csv[0]);
        Assert.StartsWith("tt0113277,\"Heat, the \"\"film\"\"\",1995,1990,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",heat,20261120-a,2026-11-20T03:00:00Z", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("run_id,run_date,started_at,status,failure_reason,selected,fetched,not_found,failed,skipped,silver_rows,rejected,", quality[0], StringComparison.Ordinal);
        Assert.StartsWith("20261120-a,2026-11-20,2026-11-20T03:00:00Z,succeeded,,1,1,0,0,0,1,0,", quality[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_RejectsAboveThreshold_RunFailedButValidPublished()
    {
        var lake = await CreateLakeAsync();
        var result = await LakeRuns.Promoter(lake, thresholdPercent: 20).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("ok", LakeRuns.Omdb("tt1", "Fine", 2000)), new("bad", LakeRuns.Omdb("", "No id", 2000))]));

        Assert.Equal("failed", result.Gold.Status);
        Assert.Contains("above the 20% threshold", result.Gold.FailureReason, StringComparison.Ordinal);
        Assert.Contains("missing_imdb_id", result.Gold.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, result.Gold.TableRows[GoldPaths.MoviesUnified]);
        var quality = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"),
            "SELECT status, rejected, reject_rate_percent, rejected_missing_imdb_id FROM t"));
        Assert.Equal(["failed", 1, 50.0, 1], quality);
    }

    [Fact]
    public async Task PromoteAsync_NothingValid_EmptyTablesStillReadable()
    {
        var lake = await CreateLakeAsync();
        var result = await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-empty", Day1, At(Day1),
            [new("bad", LakeRuns.Omdb("", "No id", 2000))], notFound: 3));

        Assert.Equal((0, 1), (result.Silver.Rows, result.Silver.Rejects));
        Assert.Equal(0, result.Gold.TableRows[GoldPaths.MoviesUnified]);
        var count = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), "SELECT count(*) FROM t"));
        Assert.Equal(0L, count[0]);
        var quality = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"), "SELECT selected, not_found, null_rate_year FROM t"));
        Assert.Equal([4, 3, null], quality);
    }

    [Fact]
    public async Task PromoteAsync_CrashBetweenLatestTables_MarkerKeepsOldVersionAndNextPromotionRepairs()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1), [new("a", LakeRuns.Omdb("tt1", "First", 1990))]));
        var before = await ReadVersionAsync(lake);
        var second = await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2), [new("b", LakeRuns.Omdb("tt2", "Second", 2000))]);

        // The process dies after movies_unified reached latest, before the other tables and the marker.
        var latestWrites = 0;
        var crashing = new CrashingLake(lake, (container, name) => container == LakeContainers.Gold && name.StartsWith("latest/", StringComparison.Ordinal) && ++latestWrites > 2);
        await Assert.ThrowsAsync<IOException>(() => LakeRuns.Promoter(crashing).PromoteAsync(second));

        // Readers that follow the marker still see version 1, and run_quality does not yet name the cut-short run.
        var during = await ReadVersionAsync(lake);
        Assert.Equal((before.Version, before.ContentHash), (during.Version, during.ContentHash));
        Assert.Equal(["20261120-a"], await RunsAsync(lake));
        Assert.NotEqual(before.Files[GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet")], await HashOfAsync(lake, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet")));

        // A reader that follows the rule gets version 1 whole: the torn table comes from version 1's history copy.
        var read = (await GoldLatestReader.ReadAsync(lake))!;
        Assert.Equal((1L, before.ContentHash), (read.Version!.Version, read.ContentHash));
        Assert.Equal(GoldPaths.Tables.Order(StringComparer.Ordinal), read.Tables.Keys);
        var readMovies = await ParquetTable.ReadAsync<MoviesUnifiedRow>(read.Tables[GoldPaths.MoviesUnified]);
        Assert.Equal(["tt1"], readMovies.Select(m => m.ImdbId));

        var third = await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261122-c", Day2.AddDays(1), At(Day2.AddDays(1)), [new("c", LakeRuns.Omdb("tt3", "Third", 2010))]));

        Assert.Equal(["tt1|First|7.5|20261120-a", "tt2|Second|7.5|20261121-b", "tt3|Third|7.5|20261122-c"], await MoviesAsync(lake));
        Assert.Equal(["20261120-a", "20261121-b", "20261122-c"], await RunsAsync(lake));
        var after = await ReadVersionAsync(lake);
        Assert.Equal((3L, "20261122-c", third.Gold.ContentHash), (after.Version, after.RunId, after.ContentHash));
        foreach (var (name, hash) in after.Files)
        {
            Assert.Equal(hash, await HashOfAsync(lake, name));
        }
    }

    [Fact]
    public async Task PromoteAsync_LatestTableOverwrittenByAnotherTool_RebuiltFromTheVersionsHistoryCopy()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1), [new("a", LakeRuns.Omdb("tt1", "First", 1990))]));
        await lake.UploadAsync(LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), BinaryData.FromString("a,b\n1,2\n"), overwrite: true);

        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2), [new("b", LakeRuns.Omdb("tt2", "Second", 2000))]));

        Assert.Equal(["tt1|First|7.5|20261120-a", "tt2|Second|7.5|20261121-b"], await MoviesAsync(lake));
    }

    [Fact]
    public async Task PromoteAsync_ContentChangesOrNot_VersionAndContentHashFollowTheContent()
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1), [new("a", LakeRuns.Omdb("tt1", "First", 1990))]);
        var first = await LakeRuns.Promoter(lake).PromoteAsync(manifest);
        var again = await LakeRuns.Promoter(lake).PromoteAsync(manifest);
        var changed = await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("a", LakeRuns.Omdb("tt1", "First", 1990)), new("b", LakeRuns.Omdb("tt2", "Added on resume", 1991))]));

        Assert.Equal((1L, first.Gold.ContentHash, 0), (again.Gold.Version, again.Gold.ContentHash, again.Gold.FilesWritten));
        Assert.Equal(2L, changed.Gold.Version);
        Assert.NotEqual(first.Gold.ContentHash, changed.Gold.ContentHash);
    }

    [Fact]
    public async Task PromoteAsync_FactsChangeAcrossThreeRuns_HistoryVersionsOnlyTheChangedFilmAndRepromotionIsIdempotent()
    {
        var lake = await CreateLakeAsync();
        var promoter = LakeRuns.Promoter(lake);
        await promoter.PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("a", LakeRuns.Omdb("tt1", "Steady", 1990, rating: "6.0")), new("b", LakeRuns.Omdb("tt2", "Rising", 2000, rating: "7.0", boxOffice: "$1,000,000"))]));
        Assert.Equal(["tt1|6|1000000|2026-11-20T03:00|-|True|20261120-a", "tt2|7|1000000|2026-11-20T03:00|-|True|20261120-a"], await HistoryAsync(lake));

        var second = await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2),
            [new("a", LakeRuns.Omdb("tt1", "Steady", 1990, rating: "6.0")), new("b", LakeRuns.Omdb("tt2", "Rising", 2000, rating: "8.0", boxOffice: "$2,500,000"))]);
        await promoter.PromoteAsync(second);

        // tt1's facts did not change: no new row. tt2's did: its first version closes when the second run saw the new facts.
        string[] expected = ["tt1|6|1000000|2026-11-20T03:00|-|True|20261120-a",
            "tt2|7|1000000|2026-11-20T03:00|2026-11-21T03:00|False|20261120-a", "tt2|8|2500000|2026-11-21T03:00|-|True|20261121-b"];
        Assert.Equal(expected, await HistoryAsync(lake));
        var gold = await LakeRuns.HashAsync(lake, LakeContainers.Gold, "");

        // The same run promoted again writes nothing new: gold is byte-identical.
        await promoter.PromoteAsync(second);
        Assert.Equal(gold, await LakeRuns.HashAsync(lake, LakeContainers.Gold, ""));

        // A third run: now tt1 changes and tt2 does not; tt1's only version closes, tt2's current one stays open.
        var third = new DateOnly(2026, 11, 22);
        await promoter.PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261122-c", third, At(third),
            [new("a", LakeRuns.Omdb("tt1", "Steady", 1990, rating: "6.5")), new("b", LakeRuns.Omdb("tt2", "Rising", 2000, rating: "8.0", boxOffice: "$2,500,000"))]));
        Assert.Equal(["tt1|6|1000000|2026-11-20T03:00|2026-11-22T03:00|False|20261120-a", "tt1|6.5|1000000|2026-11-22T03:00|-|True|20261122-c",
            "tt2|7|1000000|2026-11-20T03:00|2026-11-21T03:00|False|20261120-a", "tt2|8|2500000|2026-11-21T03:00|-|True|20261121-b"], await HistoryAsync(lake));
    }

    [Fact]
    public async Task PromoteAsync_OlderRunPromotedAfterNewer_HistoryOnlyMovesForward()
    {
        var lake = await CreateLakeAsync();
        var promoter = LakeRuns.Promoter(lake);
        var older = await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1),
            [new("a", LakeRuns.Omdb("tt1", "Shared", 1990, rating: "6.0")), new("b", LakeRuns.Omdb("tt2", "Only Older", 2000, rating: "5.0"))]);
        var newer = await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2), [new("a", LakeRuns.Omdb("tt1", "Shared", 1990, rating: "8.0"))]);

        // The newer run first, then the older one (a late or replayed promotion).
        await promoter.PromoteAsync(newer);
        await promoter.PromoteAsync(older);

        // The shared film keeps the newer run's facts as its only version (the older run did not refresh it, as in
        // movies_unified); the film only the older run saw gets its version from that run.
        Assert.Equal(["tt1|8|1000000|2026-11-21T03:00|-|True|20261121-b", "tt2|5|1000000|2026-11-20T03:00|-|True|20261120-a"], await HistoryAsync(lake));
        var history = await HashOfAsync(lake, GoldPaths.Latest(GoldPaths.MovieHistory, "parquet"));

        // Promoting the older run again, or the newer one, changes nothing in history.
        await promoter.PromoteAsync(older);
        await promoter.PromoteAsync(newer);
        Assert.Equal(history, await HashOfAsync(lake, GoldPaths.Latest(GoldPaths.MovieHistory, "parquet")));
    }

    [Fact]
    public async Task PromoteAsync_ReportLatestHtml_PublishedInTheGoldCommitAndRolledForwardWithIt()
    {
        var lake = await CreateLakeAsync();
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261120-a", Day1, At(Day1), [new("a", LakeRuns.Omdb("tt1", "First", 1990))]));
        var first = await ReadVersionAsync(lake);
        Assert.Equal(await HashOfAsync(lake, "reports/20261120-a.html"), first.Files["reports/latest.html"]);
        Assert.Equal(first.Files["reports/latest.html"], await HashOfAsync(lake, "reports/latest.html"));

        // The second promotion dies after its tables reached latest, before its latest.html and the marker:
        // latest.html still shows the run of the version the marker names.
        var second = await LakeRuns.WriteRunAsync(lake, "20261121-b", Day2, At(Day2), [new("b", LakeRuns.Omdb("tt2", "Second", 2000))]);
        var crashing = new CrashingLake(lake, (container, name) => container == LakeContainers.Gold && name == "reports/latest.html");
        await Assert.ThrowsAsync<IOException>(() => LakeRuns.Promoter(crashing).PromoteAsync(second));
        var during = await ReadVersionAsync(lake);
        Assert.Equal((first.Version, "20261120-a"), (during.Version, during.RunId));
        Assert.Equal(first.Files["reports/latest.html"], await HashOfAsync(lake, "reports/latest.html"));

        // The next commit rolls the cut-short version forward (its latest.html with it), then publishes its own.
        await LakeRuns.Promoter(lake).PromoteAsync(await LakeRuns.WriteRunAsync(lake, "20261122-c", Day2.AddDays(1), At(Day2.AddDays(1)), [new("c", LakeRuns.Omdb("tt3", "Third", 2010))]));
        var third = await ReadVersionAsync(lake);
        Assert.Equal((3L, "20261122-c"), (third.Version, third.RunId));
        Assert.Equal(await HashOfAsync(lake, "reports/20261122-c.html"), await HashOfAsync(lake, "reports/latest.html"));
        Assert.Equal(third.Files["reports/latest.html"], await HashOfAsync(lake, "reports/latest.html"));
    }

    private static async Task<GoldVersion> ReadVersionAsync(ILakeStore lake)
        => (await lake.ReadJsonAsync(LakeContainers.Gold, GoldPaths.LatestVersion, PipelineJsonContext.Blobs.GoldVersion))!;

    private static async Task<string> HashOfAsync(ILakeStore lake, string name)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData((await lake.DownloadAsync(LakeContainers.Gold, name))!.ToArray()));

    private static async Task<List<string>> RunsAsync(ILakeStore lake)
        => [.. (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"), "SELECT run_id FROM t ORDER BY run_id")).Select(r => (string)r[0]!)];

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    private static async Task<List<string>> MoviesAsync(ILakeStore lake)
        => [.. (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"),
            "SELECT imdb_id, title, imdb_rating, last_run_id FROM t ORDER BY imdb_id"))
            .Select(r => string.Join('|', r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))];

    // imdb_id|imdb_rating|box_office_usd|valid_from|valid_to|is_current|run_id, in version order.
    private static async Task<List<string>> HistoryAsync(ILakeStore lake)
        => [.. (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MovieHistory, "parquet"),
            "SELECT imdb_id, imdb_rating, box_office_usd, strftime(valid_from, '%Y-%m-%dT%H:%M'), coalesce(strftime(valid_to, '%Y-%m-%dT%H:%M'), '-'), is_current, run_id FROM t ORDER BY imdb_id, valid_from"))
            .Select(r => string.Join('|', r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))];
}
