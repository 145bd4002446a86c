using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Silver;

/// <summary>Silver's contract, run on each lake (a folder here; blob storage in a subclass).</summary>
public abstract class SilverPromoterTests
{
    private static readonly DateOnly Date = new(2026, 11, 20);
    private static readonly DateTimeOffset StartedAt = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    [Fact]
    public async Task PromoteAsync_MixedRun_EveryBronzeRecordInSilverOrRejects()
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-mixed", Date, StartedAt,
        [
            new("heat", LakeRuns.Omdb("tt0113277", "Heat", 1995)),
            new("heat-again", LakeRuns.Omdb("tt0113277", "Heat", 1995)),
            new("no-id", LakeRuns.Omdb("", "Nobody", 2001)),
            new("too-old", LakeRuns.Omdb("tt0000002", "Old", 1700)),
            new("bad-rating", LakeRuns.Omdb("tt0000003", "Eleven", 2001, rating: "11")),
            new("broken", "", RawBlob: "{ not json"),
            new("gone", "", Missing: true),
            new("fine", LakeRuns.Omdb("tt0000004", "1776", 1972)),
        ], notFound: 2);

        var result = await new SilverPromoter(lake, Microsoft.Extensions.Logging.Abstractions.NullLogger<SilverPromoter>.Instance).PromoteAsync(manifest);

        Assert.Equal(8, result.BronzeRecords);
        Assert.Equal(result.BronzeRecords, result.Rows + result.Rejects);
        Assert.Equal(2, result.Rows);
        var rejects = (await lake.DownloadAsync(LakeContainers.Silver, "2026/11/20/20261120-mixed/rejects.jsonl"))!.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize(line, PipelineJsonContext.Lines.SilverReject)!)
            .ToDictionary(r => r.MovieKey, r => r.Reason);
        Assert.Equal(new Dictionary<string, string>
        {
            ["heat-again"] = RejectReasons.DuplicateImdbId,
            ["no-id"] = RejectReasons.MissingImdbId,
            ["too-old"] = RejectReasons.YearOutOfRange,
            ["bad-rating"] = RejectReasons.RatingOutOfRange,
            ["broken"] = RejectReasons.UnparsableJson,
            ["gone"] = RejectReasons.MissingBronze,
        }, rejects);

        var silverManifest = await lake.ReadJsonAsync(LakeContainers.Silver, result.ManifestBlob, PipelineJsonContext.Blobs.SilverManifest);
        Assert.Equal(SilverPaths.SchemaVersion, silverManifest!.SchemaVersion);
        Assert.Equal(6, silverManifest.RejectsByReason.Values.Sum());
        Assert.Equal(2, silverManifest.Bronze.NotFound);
    }

    [Fact]
    public async Task PromoteAsync_SilverParquet_ReadByDuckDbWithTypedColumns()
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-typed", Date, StartedAt,
            [new("amelie", LakeRuns.Omdb("tt0211915", "Amélie", 2001, boxOffice: "$33,225,499", genre: "Comedy, Romance"), LakeRuns.Source(174_000_000, 10_000_000))]);

        var result = await new SilverPromoter(lake, Microsoft.Extensions.Logging.Abstractions.NullLogger<SilverPromoter>.Instance).PromoteAsync(manifest);

        var moviesBlob = result.ManifestBlob.Replace("_manifest.json", "movies.parquet", StringComparison.Ordinal);
        var schema = (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Silver, moviesBlob, "SELECT column_name, column_type FROM (DESCRIBE t)"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("VARCHAR", schema["imdb_id"]);
        Assert.Equal("INTEGER", schema["year"]);
        Assert.Equal("DATE", schema["released"]);
        Assert.Equal("DOUBLE", schema["imdb_rating"]);
        Assert.Equal("BIGINT", schema["box_office_usd"]);
        Assert.Equal("VARCHAR[]", schema["genres"]);
        var row = Assert.Single(await LakeRuns.QueryParquetAsync(lake, LakeContainers.Silver, moviesBlob,
            "SELECT title, year, box_office_usd, imdb_votes, rotten_tomatoes_percent, genres[2], source_worldwide_gross_usd FROM t"));
        Assert.Equal(["Amélie", 2001, 33_225_499L, 1_234L, 80, "Romance", 174_000_000L], row);
    }

    [Fact]
    public async Task PromoteAsync_ParallelReadsFinishingOutOfOrder_SameBytesAsOneAtATime()
    {
        var lake = await CreateLakeAsync();
        // 160 records with every kind of outcome spread through the run: films, duplicates of an earlier film (whose
        // read is made slow, so the later copy is read first), unreadable and missing blobs, bad values.
        var movies = new List<BronzeMovie>();
        var slow = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 160; i++)
        {
            var key = $"m{i:D3}";
            movies.Add((i % 40, i % 23) switch
            {
                (7, _) => new(key, LakeRuns.Omdb($"tt{i - 5:D7}", $"Copy {i}", 2000)),
                (_, 3) => new(key, "", Missing: true),
                (_, 11) => new(key, "", RawBlob: "{ not json"),
                (_, 17) => new(key, LakeRuns.Omdb($"tt{i:D7}", $"Film {i}", 2000, rating: "12")),
                _ => new(key, LakeRuns.Omdb($"tt{i:D7}", $"Film {i}", 1990 + (i % 30), genre: i % 2 == 0 ? "Drama" : "Comedy, Crime")),
            });
            if (i % 40 == 2 || i % 16 == 0)
            {
                slow.Add(key);
            }
        }

        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-parallel", Date, StartedAt, movies);
        var folder = "2026/11/20/20261120-parallel/";

        var oneAtATime = await new SilverPromoter(lake, Microsoft.Extensions.Logging.Abstractions.NullLogger<SilverPromoter>.Instance, parallelReads: 1).PromoteAsync(manifest);
        var expected = await LakeRuns.HashAsync(lake, LakeContainers.Silver, folder);
        var (slowLake, reads) = SlowReadsLake.Wrap(lake, name => slow.Contains(Path.GetFileNameWithoutExtension(name)), TimeSpan.FromMilliseconds(40));
        var parallel = await new SilverPromoter(slowLake, Microsoft.Extensions.Logging.Abstractions.NullLogger<SilverPromoter>.Instance).PromoteAsync(manifest);

        var readOrder = reads.Finished.Where(n => n.StartsWith(folder, StringComparison.Ordinal) && !BronzePaths.IsManifest(n)).ToList();
        Assert.Equal(160, readOrder.Count);
        Assert.NotEqual(readOrder.Order(StringComparer.Ordinal), readOrder);
        Assert.Equal(expected, await LakeRuns.HashAsync(lake, LakeContainers.Silver, folder));
        Assert.Equal(oneAtATime with { RejectsByReason = parallel.RejectsByReason }, parallel);
        Assert.Equal(oneAtATime.RejectsByReason, parallel.RejectsByReason);
        Assert.Equal(4, parallel.RejectsByReason[RejectReasons.DuplicateImdbId]);
        var rows = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Silver, parallel.ManifestBlob.Replace("_manifest.json", "movies.parquet", StringComparison.Ordinal), "SELECT imdb_id FROM t");
        Assert.Equal(rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal), rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task PromoteAsync_SeveralRowGroups_SameRowsAsOneGroupAndGoldReadsThemAll()
    {
        // One run of 23 records (a duplicate in a later group than its first copy, a reject, a missing blob) promoted
        // in a single row group, then in groups of 4 rows (twice). Silver holds the same rows and rejects either way,
        // the grouped file is the same bytes each time, and gold built on it is the one built on the single group.
        var lake = await CreateLakeAsync();
        var movies = Enumerable.Range(0, 23).Select(i => i switch
        {
            9 => new BronzeMovie($"m{i:D2}", LakeRuns.Omdb("tt0000001", "Copy of 1", 2000)),
            14 => new BronzeMovie($"m{i:D2}", "", Missing: true),
            17 => new BronzeMovie($"m{i:D2}", LakeRuns.Omdb($"tt{i:D7}", $"Film {i}", 1700)),
            _ => new BronzeMovie($"m{i:D2}", LakeRuns.Omdb($"tt{i:D7}", $"Film {i}", 1980 + i, genre: i % 2 == 0 ? "Drama" : "Comedy, Crime")),
        }).ToList();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-groups", Date, StartedAt, movies);
        var moviesBlob = SilverPaths.Movies("2026/11/20/20261120-groups");
        var rejectsBlob = SilverPaths.Rejects("2026/11/20/20261120-groups");
        var gold = new GoldPromoter(lake, Options.Create(new GoldOptions()), NullLogger<GoldPromoter>.Instance);

        var inOne = await new SilverPromoter(lake, NullLogger<SilverPromoter>.Instance).PromoteAsync(manifest);
        var singleBytes = (await lake.DownloadAsync(LakeContainers.Silver, moviesBlob))!;
        var singleRejects = (await lake.DownloadAsync(LakeContainers.Silver, rejectsBlob))!.ToArray();
        var fromOne = await gold.PromoteAsync(inOne.ManifestBlob);
        var goldOfOne = await LakeRuns.HashAsync(lake, LakeContainers.Gold, "latest/");
        var grouping = new SilverPromoter(lake, NullLogger<SilverPromoter>.Instance, SilverPromoter.ParallelReads, rowGroupRows: 4);
        var inGroups = await grouping.PromoteAsync(manifest);
        var groupedBytes = (await lake.DownloadAsync(LakeContainers.Silver, moviesBlob))!;
        await grouping.PromoteAsync(manifest);

        Assert.Equal(inOne, inGroups with { RejectsByReason = inOne.RejectsByReason });
        Assert.Equal(inOne.RejectsByReason, inGroups.RejectsByReason);
        Assert.Equal((20, 3), (inGroups.Rows, inGroups.Rejects));
        Assert.Equal(1, await RowGroupsAsync(singleBytes));
        Assert.Equal(6, await RowGroupsAsync(groupedBytes));
        Assert.Equal(groupedBytes.ToArray(), (await lake.DownloadAsync(LakeContainers.Silver, moviesBlob))!.ToArray());
        Assert.Equal(JsonSerializer.Serialize(await ParquetTable.ReadAsync<SilverMovie>(singleBytes)), JsonSerializer.Serialize(await ParquetTable.ReadAsync<SilverMovie>(groupedBytes)));
        Assert.Equal(singleRejects, (await lake.DownloadAsync(LakeContainers.Silver, rejectsBlob))!.ToArray());

        // Gold over the grouped silver: every row read, the same tables as before, so nothing new is published.
        var fromGroups = await gold.PromoteAsync(inGroups.ManifestBlob);
        Assert.Equal(20, fromGroups.TableRows[GoldPaths.MoviesUnified]);
        Assert.Equal(fromOne.ContentHash, fromGroups.ContentHash);
        Assert.Equal((fromOne.Version, 0), (fromGroups.Version, fromGroups.FilesWritten));
        Assert.Equal(goldOfOne, await LakeRuns.HashAsync(lake, LakeContainers.Gold, "latest/"));
    }

    private static async Task<int> RowGroupsAsync(BinaryData parquet)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(parquet.ToStream());
        return reader.RowGroupCount;
    }

    [Fact]
    public async Task PromoteAsync_Twice_ByteIdentical()
    {
        var lake = await CreateLakeAsync();
        var manifest = await LakeRuns.WriteRunAsync(lake, "20261120-twice", Date, StartedAt,
            [new("a", LakeRuns.Omdb("tt1", "A", 2000)), new("b", LakeRuns.Omdb("", "B", 2000))]);
        var promoter = new SilverPromoter(lake, Microsoft.Extensions.Logging.Abstractions.NullLogger<SilverPromoter>.Instance);

        await promoter.PromoteAsync(manifest);
        var first = await LakeRuns.HashAsync(lake, LakeContainers.Silver, "2026/11/20/20261120-twice/");
        await promoter.PromoteAsync(manifest);

        Assert.Equal(3, first.Count);
        Assert.Equal(first, await LakeRuns.HashAsync(lake, LakeContainers.Silver, "2026/11/20/20261120-twice/"));
    }
}
