using System.Collections.Concurrent;
using Azure.Storage.Blobs.Specialized;
using Movies.Pipeline.Lake;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>Writes under a lease that its holder lost while paused (the lease taken away as its expiry would: broken on
/// blob storage, the lock file removed on the folder lake, then taken by the next holder): they are refused as lost and
/// never retried, the newer holder's writes stay, and a stale write that landed first is replaced by the newer holder's.</summary>
public abstract class LeaseFenceTests(ITestOutputHelper output)
{
    private const string Lock = "_fence.lock";
    private readonly string _folder = $"fence/{Guid.NewGuid():N}/";

    protected abstract ILakeStore Lake { get; }

    /// <summary>Takes the lease on gold/<paramref name="name"/> away from its holder, as its lapse while the holder is
    /// paused would: anyone may take it next.</summary>
    protected abstract Task TakeAwayAsync(string name);

    private string LockName => _folder + Lock;

    private string File(string name) => _folder + "data/" + name;

    [Fact]
    public async Task ConfirmAsync_HeldThenTakenAwayAndTakenByAnother_TrueThenFalseAndLost()
    {
        await using var first = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        Assert.True(await first.ConfirmAsync());

        await TakeAwayAsync(LockName);
        await using var second = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));

        Assert.False(await first.ConfirmAsync());
        Assert.True(first.Lost.IsCancellationRequested);
        Assert.True(await second.ConfirmAsync());
        Assert.False(second.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task WriteAsync_HolderLostItsLeaseToANewerWriter_RefusedAsLostOnceAndTheNewerWriteStays()
    {
        var recording = new RecordingLake(Lake);
        await using var stale = await recording.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        var staleFence = new LeaseFence(recording, stale);
        await staleFence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
        await staleFence.ConfirmAsync();
        await staleFence.WriteAsync(LakeContainers.Gold, File("w"), BinaryData.FromString("stale 1"));

        await TakeAwayAsync(LockName);
        await using (var newer = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10)))
        {
            var fence = new LeaseFence(Lake, newer);
            await fence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
            await fence.WriteAllAsync(LakeContainers.Gold, [(File("x"), BinaryData.FromString("newer")), (File("y"), BinaryData.FromString("newer"))]);
        }

        var tries = recording.ConditionalWrites.Count;
        var lost = await Assert.ThrowsAsync<LakeLeaseLostException>(() => staleFence.WriteAsync(LakeContainers.Gold, File("x"), BinaryData.FromString("stale 2")));
        // Once lost, stopped before trying at all.
        await Assert.ThrowsAsync<LakeLeaseLostException>(() => staleFence.WriteAsync(LakeContainers.Gold, File("y"), BinaryData.FromString("stale 2")));

        Assert.Equal((LakeContainers.Gold, LockName), (lost.Container, lost.Name));
        Assert.Equal([File("x")], recording.ConditionalWrites.Skip(tries));
        Assert.Equal("newer", (await Lake.DownloadAsync(LakeContainers.Gold, File("x")))!.ToString());
        Assert.Equal("newer", (await Lake.DownloadAsync(LakeContainers.Gold, File("y")))!.ToString());
    }

    [Fact]
    public async Task WriteAsync_StaleWriteLandsBeforeTheNewHolderWrites_NewHolderReplacesItAndTheStaleOneStops()
    {
        await using var stale = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        var staleFence = new LeaseFence(Lake, stale);
        await staleFence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
        await staleFence.ConfirmAsync();

        await TakeAwayAsync(LockName);
        await using var newer = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        var fence = new LeaseFence(Lake, newer);
        await fence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
        await fence.ConfirmAsync();

        // The paused holder's write that was already checked lands on a file the newer holder has not written yet...
        await staleFence.WriteAsync(LakeContainers.Gold, File("x"), BinaryData.FromString("stale"));
        // ...and the newer holder's write of it, refused at first, is made again over it once the lease is confirmed held.
        await fence.WriteAsync(LakeContainers.Gold, File("x"), BinaryData.FromString("newer"));
        var lost = await Assert.ThrowsAsync<LakeLeaseLostException>(() => staleFence.WriteAsync(LakeContainers.Gold, File("x"), BinaryData.FromString("stale again")));

        Assert.Equal("newer", (await Lake.DownloadAsync(LakeContainers.Gold, File("x")))!.ToString());
        Assert.True(stale.Lost.IsCancellationRequested);
        Assert.False(newer.Lost.IsCancellationRequested);
        output.WriteLine($"{GetType().Name}: {lost.Message}");
    }

    [Fact]
    public async Task WriteAsync_OwnWriteLandedButItsAnswerWasLost_ReadAgainAndWrittenNotLost()
    {
        var lake = new LostAnswerOnceLake(Lake, File("x"));
        await using var lease = await lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        var fence = new LeaseFence(lake, lease);
        await fence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");

        await fence.WriteAsync(LakeContainers.Gold, File("x"), BinaryData.FromString("mine"));

        Assert.Equal(2, lake.Tries);
        Assert.Equal("mine", (await Lake.DownloadAsync(LakeContainers.Gold, File("x")))!.ToString());
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task WriteAsync_UnreadFileUnderNoWatchedFolder_ReadFirstThenWritten()
    {
        await Lake.UploadAsync(LakeContainers.Gold, File("z"), BinaryData.FromString("before"), overwrite: true);
        await using var lease = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
        var fence = new LeaseFence(Lake, lease);

        await fence.WriteAsync(LakeContainers.Gold, File("z"), BinaryData.FromString("after"));
        await fence.WriteAsync(LakeContainers.Gold, File("z"), BinaryData.FromString("again"));

        Assert.Equal("again", (await Lake.DownloadAsync(LakeContainers.Gold, File("z")))!.ToString());
    }

    [Fact]
    public async Task WriteAllAsync_FivePausedHoldersResumeAtOnceAfterANewerCompleted_AllRefusedNothingChanged()
    {
        const int Paused = 5;
        const int Files = 6;
        var names = Enumerable.Range(1, Files).Select(i => File($"t{i}")).ToList();
        var stale = new List<(ILakeLease Lease, LeaseFence Fence, int Holder)>();
        // Each holder in turn takes the lease, writes half of the files and is paused; the next takes the lease over.
        for (var holder = 1; holder <= Paused; holder++)
        {
            if (holder > 1)
            {
                await TakeAwayAsync(LockName);
            }

            var lease = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10));
            var fence = new LeaseFence(Lake, lease);
            await fence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
            await fence.WriteAllAsync(LakeContainers.Gold, names.Take(Files / 2).Select(n => (n, BinaryData.FromString($"holder {holder}"))));
            stale.Add((lease, fence, holder));
        }

        await TakeAwayAsync(LockName);
        await using (var last = await Lake.AcquireLeaseAsync(LakeContainers.Gold, LockName, TimeSpan.FromSeconds(10)))
        {
            var fence = new LeaseFence(Lake, last);
            await fence.WatchFolderAsync(LakeContainers.Gold, _folder + "data/");
            await fence.WriteAllAsync(LakeContainers.Gold, names.Select(n => (n, BinaryData.FromString("last"))));
        }

        // All paused holders resume at once and write every file.
        var resumed = await Task.WhenAll(stale.Select(s => Task.Run(async () =>
        {
            try
            {
                await s.Fence.WriteAllAsync(LakeContainers.Gold, names.Select(n => (n, BinaryData.FromString($"holder {s.Holder} resumed"))));
                return "written";
            }
            catch (LakeLeaseLostException)
            {
                return "lost";
            }
        })));

        foreach (var (lease, _, _) in stale)
        {
            await lease.DisposeAsync();
        }

        var contents = await Task.WhenAll(names.Select(async n => (await Lake.DownloadAsync(LakeContainers.Gold, n))!.ToString()));
        output.WriteLine($"{GetType().Name}: {Paused} paused holders resumed at once: {string.Join(", ", resumed)}; files: {string.Join(", ", contents.Distinct())}");
        Assert.All(resumed, r => Assert.Equal("lost", r));
        Assert.All(contents, c => Assert.Equal("last", c));
    }

    /// <summary>Records the names of conditional writes that reach the lake.</summary>
    private sealed class RecordingLake(ILakeStore inner) : DelegatingLakeStore(inner)
    {
        public ConcurrentQueue<string> ConditionalWrites { get; } = new();

        public override Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        {
            ConditionalWrites.Enqueue(name);
            return base.UploadIfVersionAsync(container, name, content, ifVersion, cancellationToken);
        }
    }

    /// <summary>The first conditional write of <paramref name="name"/> lands, but its answer is lost: the caller sees it
    /// refused, as after a retry of a write whose first try succeeded unseen.</summary>
    private sealed class LostAnswerOnceLake(ILakeStore inner, string name) : DelegatingLakeStore(inner)
    {
        private int _tries;

        public int Tries => _tries;

        public override async Task<bool> UploadIfVersionAsync(string container, string blob, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        {
            var written = await base.UploadIfVersionAsync(container, blob, content, ifVersion, cancellationToken);
            return blob == name && Interlocked.Increment(ref _tries) == 1 ? false : written;
        }
    }
}

public sealed class FolderLakeLeaseFenceTests(ITestOutputHelper output) : LeaseFenceTests(output), IDisposable
{
    private readonly TempFolder _folder = new();
    private ILakeStore? _lake;

    protected override ILakeStore Lake => _lake ??= new FileSystemLakeStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    // A clean-up, a restored folder or a network share that dropped the lock: the next process locks a new file.
    protected override Task TakeAwayAsync(string name)
    {
        System.IO.File.Delete(_folder.Combine(LakeContainers.Gold, name.Replace('/', Path.DirectorySeparatorChar)));
        return Task.CompletedTask;
    }
}

[Collection(AzuriteFencingCollection.Name)]
public sealed class BlobLakeLeaseFenceTests(AzuriteFixture azurite, ITestOutputHelper output) : LeaseFenceTests(output)
{
    private readonly BlobLakeStore _lake = new(azurite.CreateServiceClient());

    protected override ILakeStore Lake => _lake;

    // What the lease's lapse does while its holder is paused, without waiting the 15 s a blob lease lasts at least.
    protected override async Task TakeAwayAsync(string name)
        => await azurite.CreateServiceClient().GetBlobContainerClient(LakeContainers.Gold).GetBlobClient(name).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
}

[CollectionDefinition(Name)]
public sealed class AzuriteFencingCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite fencing";
}
