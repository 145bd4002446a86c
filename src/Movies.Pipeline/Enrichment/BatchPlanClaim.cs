using System.Diagnostics;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// A process's claim on one batch, made by a conditional write of the batch's own plan blob rather than by a lease on
/// a lock blob: the plan is read anyway, and the one write both claims the batch and marks it as tried, so a first try
/// (the plan never claimed) knows nothing can be in bronze yet and checks nothing per movie. The holder renews the
/// claim by rewriting the plan every third of <see cref="ClaimTime"/>; a waiter takes over a claim whose plan has not
/// changed for <see cref="ClaimTime"/> by its own clock (no clocks compared across machines), so a crashed holder
/// blocks the batch for at most that long. On the folder lake (<see cref="IProcessLocks"/>) the holder also keeps an OS
/// lock on the batch from before its claim is written until it is done, so a waiter that can take that lock knows the
/// holder is gone and takes the batch over at once, as a dead process frees every folder-lake lock. A claim is free
/// once its holder wrote the batch's outcome, or gave it up after a failure. Cost of a first try: the plan read and the
/// claim write (the OS lock is no storage request).
/// </summary>
internal sealed class BatchPlanClaim : IAsyncDisposable
{
    /// <summary>How long a claim lives without renewal, as a blob lease does.</summary>
    public static readonly TimeSpan ClaimTime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    private readonly ILakeStore _lake;
    private readonly string _planName;
    private readonly ILogger _logger;
    private readonly LeaseRenewal _renewal;
    private readonly ILakeLease? _processLock;
    private BatchClaim _claim;
    private bool _completed;

    private BatchPlanClaim(ILakeStore lake, string planName, BatchPlan plan, bool triedBefore, BatchOutcome? previous, ILakeLease? processLock, ILogger logger)
    {
        _lake = lake;
        _planName = planName;
        _processLock = processLock;
        _logger = logger;
        Plan = plan;
        _claim = plan.Claim!;
        TriedBefore = triedBefore;
        Previous = previous;
        _renewal = new LeaseRenewal(RenewAsync, ClaimTime, reason => Log.BatchClaimLost(_logger, Plan.Batch, reason));
        Lost = _renewal.Lost;
    }

    public BatchPlan Plan { get; }

    /// <summary>An earlier try claimed the batch (any attempt): some of its movies may be decided or in bronze.</summary>
    public bool TriedBefore { get; }

    /// <summary>The outcome an earlier try wrote, if any: its answers stand.</summary>
    public BatchOutcome? Previous { get; }

    /// <summary>Cancelled when another process took the batch over (this holder stopped renewing for too long).</summary>
    public CancellationToken Lost { get; }

    public string Holder => _claim.Holder;

    /// <summary>Claims <paramref name="work"/>'s batch, waiting while another holder's claim is alive, up to
    /// <paramref name="wait"/>. Returns the outcome instead when this attempt already finished the batch (a retried step).</summary>
    public static async Task<(BatchPlanClaim? Claim, BatchOutcome? Finished)> ClaimAsync(ILakeStore lake, BatchWork work, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        var planName = BronzePaths.BatchPlan(work.RunFolder, work.Batch);
        var holder = $"{work.Attempt}/{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        string? watched = null;
        var watchedSince = TimeSpan.Zero;
        var pause = FirstPause;
        var locks = lake as IProcessLocks;
        // Held (folder lake) from before the claim is written to the end: while a holder has it, its claim is alive.
        ILakeLease? processLock = null;
        try
        {
            while (true)
            {
                var (claim, finished) = await TryClaimOnceAsync();
                if (claim is not null || finished is not null)
                {
                    return (claim, finished);
                }

                if (clock.Elapsed >= wait)
                {
                    throw new LakeLeaseTimeoutException(LakeContainers.Bronze, planName, wait);
                }

                var next = TimeSpan.FromMilliseconds(pause.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
                await Task.Delay(next, cancellationToken);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
        finally
        {
            // Not handed to a claim (finished, failed, timed out): released.
            if (processLock is not null)
            {
                await processLock.DisposeAsync();
            }
        }

        // One look at the plan: the claim taken, the batch finished, or (both null) a live claim to wait for.
        async Task<(BatchPlanClaim? Claim, BatchOutcome? Finished)> TryClaimOnceAsync()
        {
            var blob = await lake.DownloadWithVersionAsync(LakeContainers.Bronze, planName, cancellationToken)
                ?? throw new InvalidOperationException($"Run {work.RunId} has no plan for batch {work.Batch}; run the select step first.");
            var plan = Read(blob.Content, planName);
            BatchOutcome? previous = null;
            var free = true;
            if (plan.Claim is { } claim)
            {
                previous = await lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.BatchOutcome(work.RunFolder, work.Batch), PipelineJsonContext.Blobs.BatchOutcome, cancellationToken);
                var done = previous is not null && previous.Holder == claim.Holder;
                if (done && claim.Attempt == work.Attempt)
                {
                    return (null, previous);
                }

                if (!done && !claim.Released)
                {
                    // On the folder lake: alive while its holder keeps the OS lock, dead the moment it does not. Elsewhere:
                    // alive while its plan keeps changing (renewals); dead once unchanged for the claim time.
                    free = locks is not null && (processLock ??= locks.TryTakeLock(LakeContainers.Bronze, planName)) is not null;
                    if (!free && blob.Version != watched)
                    {
                        (watched, watchedSince) = (blob.Version, clock.Elapsed);
                        Log.BatchClaimWaiting(logger, work.Batch, claim.Holder);
                    }

                    free |= locks is null && clock.Elapsed - watchedSince >= ClaimTime;
                }
            }

            // A free batch is claimed under the OS lock too: whoever holds it is the one claiming now.
            if (free && locks is not null && (processLock ??= locks.TryTakeLock(LakeContainers.Bronze, planName)) is null)
            {
                return (null, null);
            }

            if (free)
            {
                var claimed = plan with { Claim = new BatchClaim(holder, (plan.Claim?.Tries ?? 0) + 1) };
                if (await lake.UploadIfVersionAsync(LakeContainers.Bronze, planName, Write(claimed), blob.Version, cancellationToken))
                {
                    var taken = new BatchPlanClaim(lake, planName, claimed, plan.Claim is not null, previous, processLock, logger);
                    processLock = null;
                    return (taken, null);
                }

                // Another process claimed or renewed first: look again at once.
                return await TryClaimOnceAsync();
            }

            return (null, null);
        }
    }

    /// <summary>The batch's outcome is written: the claim is free from now on, with nothing more to write.</summary>
    public void Complete() => _completed = true;

    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        if (!_completed && !_renewal.IsLost)
        {
            // Failed before its outcome: give the claim up, so a retry need not wait for it to lapse.
            try
            {
                await ChangeAsync(c => c with { Released = true }, CancellationToken.None);
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or InvalidDataException or OperationCanceledException)
            {
                // Unreleased, it lapses by itself within the claim time.
            }
        }

        // Last, once the claim says done or released: a waiter that takes the lock then finds it so.
        if (_processLock is not null)
        {
            await _processLock.DisposeAsync();
        }
    }

    private async Task<string?> RenewAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(c => c with { Renewals = c.Renewals + 1 }, cancellationToken) ? null : "another process took the batch over";

    /// <summary>Rewrites the plan with the claim changed, if this holder still has it; false when another has.</summary>
    private async Task<bool> ChangeAsync(Func<BatchClaim, BatchClaim> change, CancellationToken cancellationToken)
    {
        var blob = await _lake.DownloadWithVersionAsync(LakeContainers.Bronze, _planName, cancellationToken);
        if (blob is null || Read(blob.Content, _planName) is not { Claim: { } current } plan || current != _claim)
        {
            return false;
        }

        var next = change(current);
        if (!await _lake.UploadIfVersionAsync(LakeContainers.Bronze, _planName, Write(plan with { Claim = next }), blob.Version, cancellationToken))
        {
            return false;
        }

        _claim = next;
        return true;
    }

    private static BatchPlan Read(BinaryData content, string name)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.BatchPlan)
                ?? throw new InvalidDataException($"Blob bronze/{name} is not a batch plan.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Blob bronze/{name} is not a valid BatchPlan: {e.Message}", e);
        }
    }

    private static BinaryData Write(BatchPlan plan) => new(JsonSerializer.SerializeToUtf8Bytes(plan, PipelineJsonContext.Blobs.BatchPlan));
}
