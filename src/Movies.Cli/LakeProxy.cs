using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Lake;

namespace Movies.Cli;

/// <summary>What the CLI's proxies over the lake share (the bench's operation counter, the tests' freeze hook): the
/// registered lake replaced by a wrapper of it, and a call passed on to the lake with the lake's own exception.</summary>
internal static class LakeProxy
{
    /// <summary>Replaces the registered lake with <paramref name="wrap"/> of it; false when none is registered.</summary>
    public static bool Wrap(IServiceCollection services, Func<ILakeStore, ILakeStore> wrap)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(ILakeStore)) is not { } lake)
        {
            return false;
        }

        services.Remove(lake);
        services.AddSingleton(sp => wrap((ILakeStore)(lake.ImplementationInstance
            ?? lake.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, lake.ImplementationType!))));
        return true;
    }

    /// <summary>Calls <paramref name="method"/> on <paramref name="lake"/>, throwing what it throws (not the reflection wrapper).</summary>
    public static object? Forward(ILakeStore lake, MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(lake, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
