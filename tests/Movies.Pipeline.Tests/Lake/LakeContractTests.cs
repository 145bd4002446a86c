using System.Diagnostics;
using System.Globalization;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>The contract every lake store passes: the folder lake and the blob lake behave the same.</summary>
public abstract class LakeContractTests
{
    private readonly string _prefix = $"contract/{Guid.NewGuid():N}";

    protected abstract ILakeStore Lake { get; }

    private string Name(string name) => $"{_prefix}/{name}";

    [Fact]
    public async Task Upload_ThenDownload_ReturnsSameBytes()
    {
        var bytes = BinaryData.FromString("{\"title\":\"Amélie 🎬\"}");
        Assert.True(await Lake.UploadAsync(LakeContainers.Bronze, Name("a.json"), bytes, overwrite: false));

        var back = await Lake.DownloadAsync(LakeContainers.Bronze, Name("a.json"));

        Assert.Equal(bytes.ToArray(), back!.ToArray());
        Assert.True(await Lake.ExistsAsync(LakeContainers.Bronze, Name("a.json")));
    }

    [Fact]
    public async Task Upload_CreateOnlyWhenExists_ReturnsFalseAndKeepsFirst()
    {
        Assert.True(await Lake.UploadAsync(LakeContainers.Bronze, Name("once.json"), BinaryData.FromString("first"), overwrite: false));
        Assert.False(await Lake.UploadAsync(LakeContainers.Bronze, Name("once.json"), BinaryData.FromString("second"), overwrite: false));

        Assert.Equal("first", (await Lake.DownloadAsync(LakeContainers.Bronze, Name("once.json")))!.ToString());
    }

    [Fact]
    public async Task Upload_CreateOnlyRacing_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Lake.UploadAsync(LakeContainers.Bronze, Name("race.json"), BinaryData.FromString($"writer {i}"), overwrite: false)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Upload_Overwrite_ReplacesContent()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("t.csv"), BinaryData.FromString("v1"), overwrite: true);
        Assert.True(await Lake.UploadAsync(LakeContainers.Gold, Name("t.csv"), BinaryData.FromString("v2"), overwrite: true));

        Assert.Equal("v2", (await Lake.DownloadAsync(LakeContainers.Gold, Name("t.csv")))!.ToString());
    }

    [Fact]
    public async Task Download_Missing_ReturnsNull()
    {
        Assert.Null(await Lake.DownloadAsync(LakeContainers.Silver, Name("missing.json")));
        Assert.False(await Lake.ExistsAsync(LakeContainers.Silver, Name("missing.json")));
    }

    [Fact]
    public async Task GetNames_Prefix_ListsOnlyUnderItInOrdinalOrder()
    {
        foreach (var name in new[] { "run/b.json", "run/_manifest.json", "run/a.json", "run/sub/c.json", "other/d.json" })
        {
            await Lake.UploadAsync(LakeContainers.Bronze, Name(name), BinaryData.FromString(name), overwrite: false);
        }

        var names = new List<string>();
        await foreach (var name in Lake.GetNamesAsync(LakeContainers.Bronze, Name("run/")))
        {
            names.Add(name);
        }

        Assert.Equal([Name("run/_manifest.json"), Name("run/a.json"), Name("run/b.json"), Name("run/sub/c.json")], names);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../escape.json")]
    [InlineData("/rooted.json")]
    [InlineData("a//b.json")]
    [InlineData("a\\b.json")]
    [InlineData("")]
    public async Task Upload_UnsafeName_Throws(string name)
        => await Assert.ThrowsAsync<ArgumentException>(() => Lake.UploadAsync(LakeContainers.Bronze, name, BinaryData.FromString("x"), overwrite: true));

    [Fact]
    public async Task Upload_UnknownContainer_Throws()
        => await Assert.ThrowsAsync<ArgumentException>(() => Lake.UploadAsync("elsewhere", "a.json", BinaryData.FromString("x"), overwrite: true));

    [Fact]
    public async Task Delete_Existing_RemovesIt()
    {
        await Lake.UploadAsync(LakeContainers.Landing, Name("p/a.csv"), BinaryData.FromString("a"), overwrite: true);

        Assert.True(await Lake.DeleteAsync(LakeContainers.Landing, Name("p/a.csv")));

        Assert.False(await Lake.ExistsAsync(LakeContainers.Landing, Name("p/a.csv")));
        Assert.False(await Lake.DeleteAsync(LakeContainers.Landing, Name("p/a.csv")));
    }

    [Fact]
    public async Task Delete_AtTheVersionRead_RemovesIt()
    {
        await Lake.UploadAsync(LakeContainers.Landing, Name("p/b.csv"), BinaryData.FromString("b"), overwrite: true);
        var read = (await Lake.DownloadWithVersionAsync(LakeContainers.Landing, Name("p/b.csv")))!;

        Assert.True(await Lake.DeleteAsync(LakeContainers.Landing, Name("p/b.csv"), read.Version));
        Assert.Null(await Lake.DownloadAsync(LakeContainers.Landing, Name("p/b.csv")));
    }

    [Fact]
    public async Task Delete_ChangedSinceRead_KeepsTheNewerUpload()
    {
        await Lake.UploadAsync(LakeContainers.Landing, Name("p/c.csv"), BinaryData.FromString("old"), overwrite: true);
        var read = (await Lake.DownloadWithVersionAsync(LakeContainers.Landing, Name("p/c.csv")))!;
        await Lake.UploadAsync(LakeContainers.Landing, Name("p/c.csv"), BinaryData.FromString("new"), overwrite: true);

        Assert.False(await Lake.DeleteAsync(LakeContainers.Landing, Name("p/c.csv"), read.Version));

        Assert.Equal("new", (await Lake.DownloadAsync(LakeContainers.Landing, Name("p/c.csv")))!.ToString());
    }

    [Fact]
    public async Task DownloadWithVersion_Missing_ReturnsNull()
        => Assert.Null(await Lake.DownloadWithVersionAsync(LakeContainers.Gold, Name("nothing.json")));

    [Fact]
    public async Task UploadIfVersion_NullVersion_CreatesOnlyWhenMissing()
    {
        Assert.True(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("one"), ifVersion: null));
        Assert.False(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("two"), ifVersion: null));

        Assert.Equal("one", (await Lake.DownloadAsync(LakeContainers.Gold, Name("v.json")))!.ToString());
    }

    [Fact]
    public async Task UploadIfVersion_StaleVersion_ReturnsFalseAndKeepsTheNewerWrite()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("one"), overwrite: true);
        var read = (await Lake.DownloadWithVersionAsync(LakeContainers.Gold, Name("v.json")))!;
        Assert.Equal("one", read.Content.ToString());

        Assert.True(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("two"), read.Version));
        Assert.False(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("three"), read.Version));

        var now = (await Lake.DownloadWithVersionAsync(LakeContainers.Gold, Name("v.json")))!;
        Assert.Equal("two", now.Content.ToString());
        Assert.NotEqual(read.Version, now.Version);
    }

    [Fact]
    public async Task UploadIfVersion_SameBytesWrittenMeanwhile_RefusedAsAnETagWouldBe()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("same.json"), BinaryData.FromString("one"), overwrite: true);
        var read = (await Lake.DownloadWithVersionAsync(LakeContainers.Gold, Name("same.json")))!;

        // Another writer rewrites the very same bytes: a new write, so a new version.
        await Lake.UploadAsync(LakeContainers.Gold, Name("same.json"), BinaryData.FromString("one"), overwrite: true);

        Assert.False(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("same.json"), BinaryData.FromString("stale"), read.Version));
        Assert.Equal("one", (await Lake.DownloadAsync(LakeContainers.Gold, Name("same.json")))!.ToString());
    }

    [Fact]
    public async Task GetVersions_UnderAPrefix_NamesInOrderWithTheVersionsADownloadGives()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("f/b.csv"), BinaryData.FromString("b"), overwrite: true);
        await Lake.UploadAsync(LakeContainers.Gold, Name("f/a.csv"), BinaryData.FromString("a"), overwrite: true);
        await Lake.UploadAsync(LakeContainers.Gold, Name("f/sub/c.csv"), BinaryData.FromString("c"), overwrite: true);
        await Lake.UploadAsync(LakeContainers.Gold, Name("g/d.csv"), BinaryData.FromString("d"), overwrite: true);

        var versions = new List<LakeBlobVersion>();
        await foreach (var version in Lake.GetVersionsAsync(LakeContainers.Gold, Name("f/")))
        {
            versions.Add(version);
        }

        Assert.Equal([Name("f/a.csv"), Name("f/b.csv"), Name("f/sub/c.csv")], versions.Select(v => v.Name));
        foreach (var version in versions)
        {
            Assert.Equal((await Lake.DownloadWithVersionAsync(LakeContainers.Gold, version.Name))!.Version, version.Version);
        }

        Assert.True(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("f/a.csv"), BinaryData.FromString("a2"), versions[0].Version));
        Assert.False(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("f/a.csv"), BinaryData.FromString("a3"), versions[0].Version));
    }

    [Fact]
    public async Task UploadIfVersion_MissingBlobWithAVersion_ReturnsFalse()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("v.json"), BinaryData.FromString("one"), overwrite: true);
        var version = (await Lake.DownloadWithVersionAsync(LakeContainers.Gold, Name("v.json")))!.Version;

        Assert.False(await Lake.UploadIfVersionAsync(LakeContainers.Gold, Name("other.json"), BinaryData.FromString("x"), version));
        Assert.False(await Lake.ExistsAsync(LakeContainers.Gold, Name("other.json")));
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentIncrements_NoneLost()
    {
        const int Writers = 8;
        const int Increments = 5;
        var name = Name("counter.txt");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                await Lake.UpdateAsync(LakeContainers.Gold, name, current => BinaryData.FromString(((current is null ? 0 : int.Parse(current.ToString(), CultureInfo.InvariantCulture)) + 1).ToString(CultureInfo.InvariantCulture)));
            }
        })));

        Assert.Equal(Writers * Increments, int.Parse((await Lake.DownloadAsync(LakeContainers.Gold, name))!.ToString(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AcquireLease_Held_OtherWaitsThenTimesOutWithClearMessage()
    {
        await using var held = await Lake.AcquireLeaseAsync(LakeContainers.Gold, Name("held.lock"), TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<LakeLeaseTimeoutException>(() => Lake.AcquireLeaseAsync(LakeContainers.Gold, Name("held.lock"), TimeSpan.FromMilliseconds(600)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"gave up after {clock.Elapsed}");
        Assert.Contains($"gold/{Name("held.lock")}", error.Message, StringComparison.Ordinal);
        Assert.Contains("another process holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireLease_Released_NextHolderGetsIt()
    {
        var first = await Lake.AcquireLeaseAsync(LakeContainers.Gold, Name("pass.lock"), TimeSpan.FromSeconds(10));
        var second = Lake.AcquireLeaseAsync(LakeContainers.Gold, Name("pass.lock"), TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var lease = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((LakeContainers.Gold, Name("pass.lock")), (lease.Container, lease.Name));
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task AcquireLease_ConcurrentReadModifyWrite_NoUpdateLost()
    {
        const int Writers = 6;
        const int Increments = 4;
        var name = Name("plain-counter.txt");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                await using var lease = await Lake.AcquireLeaseAsync(LakeContainers.Gold, Name("counter.lock"), TimeSpan.FromSeconds(60));
                var current = await Lake.DownloadAsync(LakeContainers.Gold, name);
                var value = current is null ? 0 : int.Parse(current.ToString(), CultureInfo.InvariantCulture);
                await Task.Yield();
                await Lake.UploadAsync(LakeContainers.Gold, name, BinaryData.FromString((value + 1).ToString(CultureInfo.InvariantCulture)), overwrite: true);
            }
        })));

        Assert.Equal(Writers * Increments, int.Parse((await Lake.DownloadAsync(LakeContainers.Gold, name))!.ToString(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AcquireLease_Counted_EveryRequestBlobStorageReceives()
    {
        var counting = new CountingLakeStore(Lake);

        // A missing lock blob: an acquire that finds nothing, its creation, the acquire, then the release.
        await (await counting.AcquireLeaseAsync(LakeContainers.Gold, Name("counted.lock"), TimeSpan.FromSeconds(10))).DisposeAsync();
        Assert.Equal(4, counting.Writes);

        // An existing blob: leased as it is, no lock blob made; the acquire and the release.
        await (await counting.AcquireLeaseAsync(LakeContainers.Gold, Name("counted.lock"), TimeSpan.FromSeconds(10))).DisposeAsync();
        Assert.Equal(6, counting.Writes);
        Assert.Equal((0, 0), (counting.Reads, counting.Lists));
    }

    [Fact]
    public async Task UploadStream_LargerThanABlock_ReadStreamGivesTheSameBytes()
    {
        // 9 MB written 64 KB at a time: more than two of the blob lake's 4 MB blocks.
        var bytes = new byte[(9 * 1024 * 1024) + 123];
        new Random(12).NextBytes(bytes);
        await Lake.UploadStreamAsync(LakeContainers.Bronze, Name("big.json"), async (stream, token) =>
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(64 * 1024, bytes.Length - at)), token);
            }
        });

        await using var read = await Lake.ReadStreamAsync(LakeContainers.Bronze, Name("big.json"));
        using var back = new MemoryStream();
        await read!.CopyToAsync(back);
        Assert.Equal(bytes, back.ToArray());
        Assert.Equal(bytes, (await Lake.DownloadAsync(LakeContainers.Bronze, Name("big.json")))!.ToArray());
    }

    [Fact]
    public async Task UploadStream_Existing_ReplacesContent()
    {
        await Lake.UploadAsync(LakeContainers.Bronze, Name("m.json"), BinaryData.FromString("v1"), overwrite: true);

        await Lake.UploadStreamAsync(LakeContainers.Bronze, Name("m.json"), (stream, token) => stream.WriteAsync("v2"u8.ToArray(), token).AsTask());

        Assert.Equal("v2", (await Lake.DownloadAsync(LakeContainers.Bronze, Name("m.json")))!.ToString());
    }

    [Fact]
    public async Task UploadStream_WriterFails_NothingWrittenAndTheOldContentStays()
    {
        await Lake.UploadAsync(LakeContainers.Bronze, Name("keep.json"), BinaryData.FromString("v1"), overwrite: true);
        var chunk = new byte[1024 * 1024];

        // Fails after 5 MB: past the blob lake's first block, so a staged block must not be committed.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Lake.UploadStreamAsync(LakeContainers.Bronze, Name("keep.json"), async (stream, token) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await stream.WriteAsync(chunk, token);
            }

            throw new InvalidOperationException("writer failed");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Lake.UploadStreamAsync(LakeContainers.Bronze, Name("new.json"), (_, _) => throw new InvalidOperationException("at once")));

        Assert.Equal("writer failed", error.Message);
        Assert.Equal("v1", (await Lake.DownloadAsync(LakeContainers.Bronze, Name("keep.json")))!.ToString());
        Assert.False(await Lake.ExistsAsync(LakeContainers.Bronze, Name("new.json")));
        var names = new List<string>();
        await foreach (var name in Lake.GetNamesAsync(LakeContainers.Bronze, Name(string.Empty)))
        {
            names.Add(name);
        }

        Assert.Equal([Name("keep.json")], names);
    }

    [Theory]
    [InlineData(100)]
    [InlineData((5 * 1024 * 1024) + 7)]
    public async Task UploadStream_ConcurrentWritersOfOneBlob_AllSucceedAndOneWholeContentStands(int size)
    {
        // Two processes finishing one run write its manifest at once: both must succeed, and the blob is one of them, whole.
        var contents = Enumerable.Range(0, 4).Select(i => Enumerable.Repeat((byte)('a' + i), size).ToArray()).ToList();

        await Task.WhenAll(contents.Select(content => Task.Run(() => Lake.UploadStreamAsync(LakeContainers.Bronze, Name("same.json"), async (stream, token) =>
        {
            for (var at = 0; at < content.Length; at += 256 * 1024)
            {
                await stream.WriteAsync(content.AsMemory(at, Math.Min(256 * 1024, content.Length - at)), token);
            }
        }))));

        var back = (await Lake.DownloadAsync(LakeContainers.Bronze, Name("same.json")))!.ToArray();
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(back));
    }

    [Fact]
    public async Task ReadStream_Missing_ReturnsNull()
        => Assert.Null(await Lake.ReadStreamAsync(LakeContainers.Silver, Name("missing.json")));

    [Fact]
    public async Task WriteJsonStream_SameBytesAsWriteJson_AndReadsBack()
    {
        var value = new QuotaDay(new DateOnly(2026, 11, 23), 17, "quota spent");
        await Lake.WriteJsonAsync(LakeContainers.Bronze, Name("whole.json"), value, PipelineJsonContext.Blobs.QuotaDay, overwrite: true);

        await Lake.WriteJsonStreamAsync(LakeContainers.Bronze, Name("streamed.json"), value, PipelineJsonContext.Blobs.QuotaDay);

        Assert.Equal((await Lake.DownloadAsync(LakeContainers.Bronze, Name("whole.json")))!.ToArray(), (await Lake.DownloadAsync(LakeContainers.Bronze, Name("streamed.json")))!.ToArray());
        Assert.Equal(value, await Lake.ReadJsonStreamAsync(LakeContainers.Bronze, Name("streamed.json"), PipelineJsonContext.Blobs.QuotaDay));
        Assert.Null(await Lake.ReadJsonStreamAsync(LakeContainers.Bronze, Name("none.json"), PipelineJsonContext.Blobs.QuotaDay));
    }

    [Fact]
    public async Task ReadJsonItems_LargeManifest_EachMovieInOrderOnceAndTheRestAsRead()
    {
        // ~4 MB of JSON: the reader's 64 KB buffer ends inside items, strings and the counts object many times over.
        var movies = Enumerable.Range(0, 12_000).Select(i => new MovieOutcome($"movie-{i:D5}", $"Title \"{i}\" – é", i % 7 == 0 ? null : 1900 + (i % 120), 1 + (i / 5),
            i % 11 == 0 ? MovieOutcomes.NotFound : MovieOutcomes.Fetched, $"2026/11/23/run/movie-{i:D5}.json", i % 11 == 0 ? "Movie not found!" : null, 1 + (i % 3),
            $"tt{i:D7}", new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero).AddSeconds(i))).ToList();
        var manifest = new RunManifest("20261123-run", new DateOnly(2026, 11, 23), new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), 12_000, 5, 2_400,
            OutcomeCounts.Of(movies), "stopped: \"quota\"", 20_000, 3, movies, "deferred");
        await Lake.WriteJsonStreamAsync(LakeContainers.Bronze, Name("_manifest.json"), manifest, PipelineJsonContext.Blobs.RunManifest);

        var read = new List<MovieOutcome>();
        var header = await Lake.ReadJsonItemsAsync(LakeContainers.Bronze, Name("_manifest.json"), PipelineJsonContext.Blobs.RunManifest, "movies",
            PipelineJsonContext.Blobs.MovieOutcome, read.Add);

        Assert.Equal(movies, read);
        Assert.Empty(header!.Movies);
        IReadOnlyList<MovieOutcome> none = [];
        Assert.Equal(manifest with { Movies = none }, header with { Movies = none });
        Assert.Equal(manifest.Counts, header.Counts);
        Assert.Null(await Lake.ReadJsonItemsAsync(LakeContainers.Bronze, Name("none.json"), PipelineJsonContext.Blobs.RunManifest, "movies",
            PipelineJsonContext.Blobs.MovieOutcome, read.Add));
    }

    [Fact]
    public async Task ReadJsonItems_CutShort_InvalidDataNamingTheBlob()
    {
        var json = "{\"runId\":\"r\",\"movies\":[{\"movieKey\":\"a\",\"title\":\"A\",\"batch\":1,\"outcome\":\"fetched\",\"attempts\":1},{\"movieKey\":\"b\"";
        await Lake.UploadAsync(LakeContainers.Bronze, Name("cut.json"), BinaryData.FromString(json), overwrite: true);
        var read = new List<MovieOutcome>();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Lake.ReadJsonItemsAsync(LakeContainers.Bronze, Name("cut.json"), PipelineJsonContext.Blobs.RunManifest,
            "movies", PipelineJsonContext.Blobs.MovieOutcome, read.Add));

        Assert.Contains("cut.json", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], read.Select(m => m.MovieKey));
    }

    [Fact]
    public async Task AcquireLease_UnsafeName_Throws()
        => await Assert.ThrowsAsync<ArgumentException>(() => Lake.AcquireLeaseAsync(LakeContainers.Gold, "../x.lock", TimeSpan.Zero));
}

public sealed class FileSystemLakeStoreTests : LakeContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    public FileSystemLakeStoreTests() => Lake = new FileSystemLakeStore(_folder.Path);

    protected override ILakeStore Lake { get; }

    [Fact]
    public async Task Upload_Name_LivesAtContainerSlashName()
    {
        await Lake.UploadAsync(LakeContainers.Bronze, "2026/11/23/run/x.json", BinaryData.FromString("x"), overwrite: false);

        Assert.True(File.Exists(_folder.Combine("bronze", "2026", "11", "23", "run", "x.json")));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AcquireLease_HolderProcessKilled_FreedAtOnce()
    {
        // Another OS process holds the lock file as .NET does (flock), then dies without releasing it.
        Directory.CreateDirectory(_folder.Combine("gold"));
        var path = _folder.Combine("gold", "_test.lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", [path, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(path) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            // Held by the other process: we wait, then give up.
            await Task.Delay(200);
            await Assert.ThrowsAsync<LakeLeaseTimeoutException>(() => Lake.AcquireLeaseAsync(LakeContainers.Gold, "_test.lock", TimeSpan.FromMilliseconds(300)));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
            var clock = Stopwatch.StartNew();
            await using var lease = await Lake.AcquireLeaseAsync(LakeContainers.Gold, "_test.lock", TimeSpan.FromSeconds(10));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task UploadIfVersion_LeavesNoGuardFilesInContainers()
    {
        await Lake.UploadIfVersionAsync(LakeContainers.Gold, "a/b.json", BinaryData.FromString("x"), ifVersion: null);

        var names = new List<string>();
        await foreach (var name in Lake.GetNamesAsync(LakeContainers.Gold, string.Empty))
        {
            names.Add(name);
        }

        Assert.Equal(["a/b.json"], names);
    }

    public void Dispose() => _folder.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeStoreTests(AzuriteFixture azurite) : LakeContractTests
{
    protected override ILakeStore Lake { get; } = new BlobLakeStore(azurite.CreateServiceClient());
}
