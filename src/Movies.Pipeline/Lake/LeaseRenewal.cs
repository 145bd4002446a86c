namespace Movies.Pipeline.Lake;

/// <summary>
/// Keeps a hold (a blob lease, a claim written into a blob) alive in the background: renews it every third of its
/// validity and, when a renewal fails, tries again every second until the validity would have lapsed. The hold is
/// lost, and <see cref="Lost"/> cancelled, when a renewal says another holder has it, or when no renewal succeeded
/// within the validity. Disposing stops the renewals (the caller then releases the hold, unless lost).
/// </summary>
internal sealed class LeaseRenewal : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task<string?>> _renewAsync;
    private readonly TimeSpan _validity;
    private readonly Action<string> _onLost;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;
    private int _losing;

    /// <param name="renewAsync">Renews the hold once: null when renewed, otherwise why it is gone (another holder has
    /// it now), which loses it at once. A throw is storage trouble, retried until the validity lapses.</param>
    /// <param name="validity">How long the hold lives without renewal.</param>
    /// <param name="onLost">Called with the reason once, just before <see cref="Lost"/> is cancelled.</param>
    /// <param name="time">The clock for pauses and the validity; the system clock when null.</param>
    public LeaseRenewal(Func<CancellationToken, Task<string?>> renewAsync, TimeSpan validity, Action<string> onLost, TimeProvider? time = null)
    {
        _renewAsync = renewAsync;
        _validity = validity;
        _onLost = onLost;
        _time = time ?? TimeProvider.System;
        Lost = _lost.Token;
        _renewals = Task.Run(RenewWhileHeldAsync);
    }

    /// <summary>Cancelled when the hold is lost.</summary>
    public CancellationToken Lost { get; }

    /// <summary>The hold was lost (readable after disposal, when <see cref="Lost"/>'s source is gone).</summary>
    public bool IsLost { get; private set; }

    /// <summary>Renews the hold once, now: true while it is held; false, and the hold lost, when a renewal says another
    /// holder has it. Storage trouble throws (the caller cannot tell either way).</summary>
    public async Task<bool> ConfirmAsync(CancellationToken cancellationToken = default)
    {
        if (IsLost)
        {
            return false;
        }

        if (await _renewAsync(cancellationToken) is { } gone)
        {
            await LoseAsync(gone);
            return false;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewWhileHeldAsync()
    {
        var renewedAt = _time.GetTimestamp();
        var pause = _validity / 3;
        while (true)
        {
            try
            {
                await Task.Delay(pause, _time, _stop.Token);
                if (await _renewAsync(_stop.Token) is { } gone)
                {
                    await LoseAsync(gone);
                    return;
                }

                renewedAt = _time.GetTimestamp();
                pause = _validity / 3;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage trouble (any failure but our own stop): keep trying until the hold would have lapsed.
                if (_time.GetElapsedTime(renewedAt) >= _validity)
                {
                    await LoseAsync(e.Message);
                    return;
                }

                pause = RetryPause;
            }
        }
    }

    private async Task LoseAsync(string reason)
    {
        // Once, whether the renewals or a confirmation found it first.
        if (Interlocked.Exchange(ref _losing, 1) == 1)
        {
            return;
        }

        IsLost = true;
        _onLost(reason);
        await _lost.CancelAsync();
    }
}
