using System.Diagnostics;

namespace Movies.Pipeline.Lake;

/// <summary>The waiting both stores share: try to take a lease, and while someone else holds it retry with a
/// growing, jittered pause until the caller's wait runs out.</summary>
public static class LakeLeases
{
    /// <summary>How long a lease is waited for when the caller gives no wait.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>Calls <paramref name="tryAcquire"/> until it returns a lease (null means held by another),
    /// or throws <see cref="LakeLeaseTimeoutException"/> once <paramref name="wait"/> has passed.</summary>
    public static async Task<ILakeLease> WaitForAsync(string container, string name, TimeSpan? wait, Func<CancellationToken, Task<ILakeLease?>> tryAcquire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tryAcquire);
        var limit = wait ?? DefaultWait;
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(wait));
        var clock = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            if (await tryAcquire(cancellationToken) is { } lease)
            {
                return lease;
            }

            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new LakeLeaseTimeoutException(container, name, limit);
            }

            // Jitter keeps a crowd of waiters from retrying in lockstep.
            var next = TimeSpan.FromMilliseconds(pause.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
            await Task.Delay(next < left ? next : left, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
