using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// The OMDb key's daily quota, shared by every run and process through a ledger in the lake: one blob per UTC day
/// (<see cref="EnrichmentPaths.Quota"/>) counting the requests reserved so far. A process reserves
/// <c>OMDB_QUOTA_BLOCK</c> requests at a time by a conditional write (read with its version, write only if unchanged,
/// else again), then hands them out one per request from memory, so concurrent batches in one process share a block
/// and processes contend once per block, not per request. The ledger never goes past <c>OMDB_DAILY_LIMIT</c>, so the
/// requests sent in a day never do either. OMDb's own "Request limit reached!" closes the day in the ledger for
/// everyone (<see cref="CloseDayAsync"/>). <c>OMDB_DAILY_LIMIT</c> 0 turns it off: no ledger, no limit.
/// A block reserved and not used is given back at a run's end (<see cref="ReturnUnusedAsync"/>); a process that dies
/// first leaves at most one block of its day unused.
/// </summary>
public sealed class OmdbQuota(ILakeStore lake, TimeProvider time, IOptions<OmdbClientOptions> options, ILogger<OmdbQuota> logger) : IDisposable
{
    private static readonly TimeSpan ClosedRecheck = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _reserving = new(1, 1);
    private readonly Lock _lock = new();
    private DateOnly _day;
    private int _left;
    private string? _closedReason;
    private DateTimeOffset _closedAt;

    /// <summary>A limit is set and lookups go to OMDb: the offline catalog (<c>OMDB_OFFLINE_CATALOG</c>) spends no quota.</summary>
    public bool Enabled => options.Value.DailyLimit > 0 && string.IsNullOrWhiteSpace(options.Value.OfflineCatalog);

    /// <summary>Takes one request of today's quota. Null when taken (or no limit is set); otherwise the reason none
    /// is left, and no request may be sent.</summary>
    public async ValueTask<string?> TryTakeAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var today = Today();
            lock (_lock)
            {
                StartDay(today);
                if (_left > 0)
                {
                    _left--;
                    return null;
                }

                if (_closedReason is not null)
                {
                    return _closedReason;
                }

                if (!Enabled)
                {
                    // No limit and no ledger: only OMDb's own "Request limit reached!" closes the day (here, for this process).
                    return null;
                }
            }

            await _reserving.WaitAsync(cancellationToken);
            try
            {
                lock (_lock)
                {
                    StartDay(today);
                    if (_left > 0 || _closedReason is not null)
                    {
                        // Another caller reserved (or learnt the day is closed) while this one waited.
                        continue;
                    }
                }

                var (granted, closed) = await ReserveAsync(today, options.Value.QuotaBlock, cancellationToken);
                lock (_lock)
                {
                    if (_day == today)
                    {
                        _left += granted;
                        if (granted == 0)
                        {
                            Close(closed!);
                        }
                    }
                }
            }
            finally
            {
                _reserving.Release();
            }
        }
    }

    /// <summary>OMDb answered that the key's limit is reached: nothing more is sent today from this process, and the
    /// ledger closes the day for every other one.</summary>
    public async Task CloseDayAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var today = Today();
        var stated = Invariant($"OMDb answered \"{reason}\" on {today:yyyy-MM-dd} (UTC)");
        lock (_lock)
        {
            StartDay(today);
            _left = 0;
            Close(stated);
        }

        Log.QuotaClosed(logger, today, stated);
        if (!Enabled)
        {
            return;
        }

        await lake.UpdateJsonAsync(LakeContainers.Bronze, EnrichmentPaths.Quota(today), PipelineJsonContext.Blobs.QuotaDay,
            current => current?.ExhaustedReason is not null ? null : (current ?? new QuotaDay(today, 0)) with { ExhaustedReason = stated },
            cancellationToken: cancellationToken);
    }

    /// <summary>Gives back the requests this process reserved and has not used, so another process can use them.</summary>
    public async Task ReturnUnusedAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return;
        }

        await _reserving.WaitAsync(cancellationToken);
        try
        {
            int unused;
            DateOnly day;
            lock (_lock)
            {
                (unused, day) = (_left, _day);
                _left = 0;
            }

            if (unused > 0)
            {
                await lake.UpdateJsonAsync(LakeContainers.Bronze, EnrichmentPaths.Quota(day), PipelineJsonContext.Blobs.QuotaDay,
                    current => current is null ? null : current with { Reserved = Math.Max(0, current.Reserved - unused) }, cancellationToken: cancellationToken);
            }
        }
        finally
        {
            _reserving.Release();
        }
    }

    public void Dispose() => _reserving.Dispose();

    private async Task<(int Granted, string? Closed)> ReserveAsync(DateOnly day, int wanted, CancellationToken cancellationToken)
    {
        var limit = options.Value.DailyLimit;
        var granted = 0;
        string? closed = null;
        await lake.UpdateJsonAsync(LakeContainers.Bronze, EnrichmentPaths.Quota(day), PipelineJsonContext.Blobs.QuotaDay, current =>
        {
            current ??= new QuotaDay(day, 0);
            closed = current.ExhaustedReason ?? Invariant($"OMDB_DAILY_LIMIT of {limit} requests reached for {day:yyyy-MM-dd} (UTC)");
            granted = current.ExhaustedReason is null ? (int)Math.Clamp(limit - current.Reserved, 0, wanted) : 0;
            return granted == 0 ? null : current with { Reserved = current.Reserved + granted };
        }, cancellationToken: cancellationToken);
        Log.QuotaReserved(logger, day, granted, limit);
        return (granted, closed);
    }

    /// <summary>A new UTC day starts with nothing reserved here: what was left of yesterday's block stays counted for
    /// yesterday, which is over. A day found closed is asked again after <see cref="ClosedRecheck"/>, in case another
    /// process gave requests back.</summary>
    private void StartDay(DateOnly today)
    {
        if (_day != today)
        {
            (_day, _left, _closedReason) = (today, 0, null);
        }
        else if (_closedReason is not null && time.GetUtcNow() - _closedAt > ClosedRecheck)
        {
            _closedReason = null;
        }
    }

    private void Close(string reason)
    {
        if (_closedReason is null)
        {
            (_closedReason, _closedAt) = (reason, time.GetUtcNow());
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
