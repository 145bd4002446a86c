using System.Collections;
using Microsoft.Extensions.Logging.Abstractions;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>Tables serialized early (<see cref="GoldChanges.StartSerializing"/>) publish exactly what a commit that
/// serializes them itself publishes, and a failure of that early work fails the commit and publishes nothing.</summary>
public sealed class GoldChangesTests : IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    [Fact]
    public async Task StartSerializing_PublishesTheSameBytesAsACommitThatSerializesItself()
    {
        var (early, late) = (await _lakes.CreateAsync(), await _lakes.CreateAsync());

        await CommitAsync(early, changes => changes.AddTable(GoldPaths.GenreSummary, Genres(500)).StartSerializing().AddTable(GoldPaths.DecadeSummary, Decades()));
        await CommitAsync(late, changes => changes.AddTable(GoldPaths.GenreSummary, Genres(500)).AddTable(GoldPaths.DecadeSummary, Decades()));

        var published = await LakeRuns.HashAsync(early, LakeContainers.Gold, GoldPaths.LatestFolder);
        // Two tables as Parquet and CSV, and the version marker, which names their hashes.
        Assert.Equal(5, published.Count);
        Assert.Equal(published, await LakeRuns.HashAsync(late, LakeContainers.Gold, GoldPaths.LatestFolder));
    }

    [Fact]
    public async Task StartSerializing_TableFailsToSerialize_CommitFailsAndPublishesNothing()
    {
        var lake = await _lakes.CreateAsync();

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => CommitAsync(lake, changes =>
            changes.AddTable(GoldPaths.GenreSummary, new UnreadableRows<GenreSummaryRow>(3)).StartSerializing().AddTable(GoldPaths.DecadeSummary, Decades())));

        Assert.Equal(UnreadableRows<GenreSummaryRow>.Message, failure.Message);
        Assert.Null(await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.LatestVersion));
        Assert.Empty(await LakeRuns.HashAsync(lake, LakeContainers.Gold, GoldPaths.LatestFolder));
    }

    private static Task<GoldCommit> CommitAsync(ILakeStore lake, Func<GoldChanges, GoldChanges> add)
        => new GoldCommitter(lake, NullLogger<GoldCommitter>.Instance).CommitAsync("20261120-a", "2026/11/20/20261120-a",
            (_, _) => Task.FromResult(add(new GoldChanges())));

    private static List<GenreSummaryRow> Genres(int count)
        => [.. Enumerable.Range(0, count).Select(i => new GenreSummaryRow { Genre = $"genre {i}", Films = i, MeanImdbRating = i % 3 == 0 ? null : i / 10.0, TotalWorldwideGrossUsd = i * 1_000L })];

    private static List<DecadeSummaryRow> Decades() => [new DecadeSummaryRow { Decade = 1990, Films = 2 }];

    /// <summary>Rows that cannot be read: what a table whose rows went bad looks like to the serializer.</summary>
    private sealed class UnreadableRows<T>(int count) : IReadOnlyCollection<T>
    {
        public const string Message = "these rows cannot be read";

        public int Count => count;

        public IEnumerator<T> GetEnumerator() => throw new InvalidDataException(Message);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
