using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Lake;

namespace Movies.Cli;

/// <summary>A test hook that freezes a real <c>movies</c> process at an exact point, as a long GC pause or a throttled,
/// migrated instance would: when <c>MOVIES_FREEZE_AFTER_WRITE</c> names a blob (<c>gold/_commit.json</c>), the process
/// stops itself with SIGSTOP (every thread, its lease renewals too) right after its first write of that blob has
/// succeeded, until a SIGCONT. Unset (always, outside the tests), nothing is wrapped. Linux and macOS only. Not a
/// pipeline setting: the engine never reads it.</summary>
public partial class FreezePoint : DispatchProxy
{
    public const string Variable = "MOVIES_FREEZE_AFTER_WRITE";

    private ILakeStore _inner = null!;
    private string _container = null!;
    private string _name = null!;
    private int _frozen;

    /// <summary>Called by <see cref="CliHost.Build"/> once the engine is registered: wraps the lake when asked.</summary>
    public static void Attach(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } blob || blob.Split('/', 2) is not [var container, var name])
        {
            return;
        }

        LakeProxy.Wrap(services, inner =>
        {
            var proxy = Create<ILakeStore, FreezePoint>();
            var point = (FreezePoint)(object)proxy;
            (point._inner, point._container, point._name) = (inner, container, name);
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var result = LakeProxy.Forward(_inner, targetMethod, args);

        var isTheBlob = targetMethod.Name.StartsWith("Upload", StringComparison.Ordinal) && args is [string container, string name, ..]
            && container == _container && name == _name;
        return !isTheBlob ? result : result switch
        {
            Task<bool> written => FreezeAfterAsync(written),
            Task written => FreezeAfterAsync(written),
            _ => result,
        };
    }

    private async Task<bool> FreezeAfterAsync(Task<bool> writing)
    {
        var written = await writing;
        if (written)
        {
            Freeze();
        }

        return written;
    }

    private async Task FreezeAfterAsync(Task writing)
    {
        await writing;
        Freeze();
    }

    private void Freeze()
    {
        if (Interlocked.Exchange(ref _frozen, 1) == 0 && !OperatingSystem.IsWindows())
        {
            Console.Error.WriteLine($"{Variable}: wrote {_container}/{_name}; stopping (SIGSTOP) until continued");
            // raise, not kill(getpid()): the signal goes to this thread, which stops before it returns; a signal to the
            // process may be taken by another thread later, while this one runs on into the next writes.
            _ = Raise(OperatingSystem.IsMacOS() ? 17 : 19);
        }
    }

    [LibraryImport("libc", EntryPoint = "raise")]
    private static partial int Raise(int signal);
}
