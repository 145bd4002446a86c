using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Cli.Bench;

/// <summary>Counts every call that reaches a lake, per container, by what it does. A proxy over
/// <see cref="ILakeStore"/> rather than an implementation of it, so a method added to the interface (a
/// lease, a conditional write) is counted too without changing this class: a method whose name starts with
/// Download, Read, Exists or Get and returns one value is a read, one that returns a stream of names (or of names and
/// versions) is a listing, any other call is a write. A lease is counted as the requests it cost on blob storage (each acquire try,
/// the lock blob's creation, each renewal, the release: <see cref="ILakeLease.Requests"/>), as writes, once released;
/// on the folder lake the lease reports what blob storage would have received for the same holding.</summary>
public class LakeOpsCounter : DispatchProxy
{
    private const int ListPageSize = 5000;
    private static readonly string[] ReadVerbs = ["Download", "Read", "Exists", "Get"];

    private ILakeStore _inner = null!;
    private ConcurrentDictionary<string, long[]> _counts = null!;

    /// <summary>Wraps <paramref name="inner"/>; its calls are added to <paramref name="counts"/> (container → reads, writes, lists).</summary>
    public static ILakeStore Wrap(ILakeStore inner, ConcurrentDictionary<string, long[]> counts)
    {
        var proxy = Create<ILakeStore, LakeOpsCounter>();
        var counter = (LakeOpsCounter)(object)proxy;
        counter._inner = inner;
        counter._counts = counts;
        return proxy;
    }

    public static IReadOnlyDictionary<string, LakeOps> Snapshot(ConcurrentDictionary<string, long[]> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => new LakeOps(Interlocked.Read(ref c.Value[0]), Interlocked.Read(ref c.Value[1]), Interlocked.Read(ref c.Value[2])), StringComparer.Ordinal);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var container = args is [string c, ..] && targetMethod.GetParameters() is [{ Name: "container" }, ..] ? c : "(none)";
        var result = LakeProxy.Forward(_inner, targetMethod, args);

        if (result is IAsyncEnumerable<string> names)
        {
            return CountPagesAsync(names, container);
        }

        if (result is IAsyncEnumerable<LakeBlobVersion> versions)
        {
            return CountPagesAsync(versions, container);
        }

        if (result is Task<ILakeLease> lease)
        {
            return CountLeaseAsync(lease, container);
        }

        var isRead = Array.Exists(ReadVerbs, v => targetMethod.Name.StartsWith(v, StringComparison.Ordinal));
        Add(container, isRead ? 0 : 1);
        if (!isRead && args is [_, string name, ..] && StageEndedBy(container, name) is { } stage)
        {
            BenchProbe.MarkStage(stage);
        }

        return result;
    }

    private async IAsyncEnumerable<T> CountPagesAsync<T>(IAsyncEnumerable<T> names, string container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Add(container, 2);
        var count = 0;
        await foreach (var name in names.WithCancellation(cancellationToken))
        {
            if (++count % ListPageSize == 0)
            {
                Add(container, 2);
            }

            yield return name;
        }
    }

    private static string? StageEndedBy(string container, string name) => container switch
    {
        LakeContainers.Bronze when BronzePaths.IsManifest(name) => BenchProbe.StageBronze,
        LakeContainers.Silver when SilverPaths.IsManifest(name) => BenchProbe.StageSilver,
        LakeContainers.Gold when name == GoldPaths.LatestVersion => BenchProbe.StageGold,
        _ => null,
    };

    private async Task<ILakeLease> CountLeaseAsync(Task<ILakeLease> acquiring, string container)
        => new CountedLease(await acquiring, requests => Interlocked.Add(ref _counts.GetOrAdd(container, _ => new long[3])[1], requests));

    private void Add(string container, int kind) => Interlocked.Increment(ref _counts.GetOrAdd(container, _ => new long[3])[kind]);
}
