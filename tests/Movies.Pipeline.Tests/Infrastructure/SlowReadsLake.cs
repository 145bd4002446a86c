using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>A real lake whose reads of chosen blobs take longer, so concurrent reads finish out of order; it records the
/// order reads finish in. Everything else goes straight to the lake (a proxy, so it keeps up with the interface).</summary>
public class SlowReadsLake : DispatchProxy
{
    private ILakeStore _inner = null!;
    private Func<string, bool> _slow = null!;
    private TimeSpan _delay;

    public ConcurrentQueue<string> Finished { get; } = new();

    public static (ILakeStore Lake, SlowReadsLake Reads) Wrap(ILakeStore inner, Func<string, bool> slow, TimeSpan delay)
    {
        var lake = Create<ILakeStore, SlowReadsLake>();
        var reads = (SlowReadsLake)(object)lake;
        (reads._inner, reads._slow, reads._delay) = (inner, slow, delay);
        return (lake, reads);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(ILakeStore.DownloadAsync) && args is [string, string name, ..])
        {
            return ReadAsync(targetMethod, args, name);
        }

        return Forward(targetMethod, args);
    }

    private async Task<BinaryData?> ReadAsync(MethodInfo targetMethod, object?[] args, string name)
    {
        if (_slow(name))
        {
            await Task.Delay(_delay);
        }

        var content = await (Task<BinaryData?>)Forward(targetMethod, args)!;
        Finished.Enqueue(name);
        return content;
    }

    private object? Forward(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
