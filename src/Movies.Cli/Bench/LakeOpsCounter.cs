using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Movies.Pipeline.Lake;

namespace Movies.Cli.Bench;

/// <summary>Counts every call that reaches a lake, per container, by what it does. A proxy over
/// <see cref="ILakeStore"/> rather than an implementation of it, so a method added to the interface (a
/// lease, a conditional write) is counted too without changing this class: a method whose name starts with
/// Download, Read, Exists or Get and returns one value is a read, one that returns a stream of names is a
/// listing, any other call is a write.</summary>
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
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        if (result is IAsyncEnumerable<string> names)
        {
            return CountPagesAsync(names, container);
        }

        var isRead = Array.Exists(ReadVerbs, v => targetMethod.Name.StartsWith(v, StringComparison.Ordinal));
        Add(container, isRead ? 0 : 1);
        return result;
    }

    private async IAsyncEnumerable<string> CountPagesAsync(IAsyncEnumerable<string> names, string container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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

    private void Add(string container, int kind) => Interlocked.Increment(ref _counts.GetOrAdd(container, _ => new long[3])[kind]);
}
