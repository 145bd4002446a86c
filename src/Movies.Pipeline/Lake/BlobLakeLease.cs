using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace Movies.Pipeline.Lake;

/// <summary>A blob lease, renewed in the background every third of its duration while held. A holder that
/// crashes stops renewing, so the lease expires and frees itself within its duration. When renewals fail for
/// longer than the duration, or the lease was taken over, <see cref="Lost"/> is cancelled.</summary>
internal sealed class BlobLakeLease : ILakeLease
{
    private readonly BlobLeaseClient _client;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;

    private int _requests;

    // acquireRequests: the requests it took to get (acquire tries and the lock blob's creation).
    public BlobLakeLease(string container, string name, BlobLeaseClient client, TimeSpan duration, int acquireRequests, ILogger logger)
    {
        _requests = acquireRequests;
        Container = container;
        Name = name;
        _client = client;
        _duration = duration;
        _logger = logger;
        Lost = _lost.Token;
        _renewals = Task.Run(RenewWhileHeldAsync);
    }

    public string Container { get; }

    public string Name { get; }

    public CancellationToken Lost { get; }

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                Interlocked.Increment(ref _requests);
                await _client.ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or OperationCanceledException)
            {
                // Unreleased, it expires by itself within its duration.
                Log.LeaseReleaseFailed(_logger, Container, Name, e.Message);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewWhileHeldAsync()
    {
        var sinceRenewed = Stopwatch.StartNew();
        var pause = _duration / 3;
        while (true)
        {
            try
            {
                await Task.Delay(pause, _stop.Token);
                Interlocked.Increment(ref _requests);
                await _client.RenewAsync(cancellationToken: _stop.Token);
                sinceRenewed.Restart();
                pause = _duration / 3;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or OperationCanceledException)
            {
                // 409/412: someone else holds it now. Otherwise keep trying until the lease would have expired.
                if (e is RequestFailedException { Status: 409 or 412 } || sinceRenewed.Elapsed >= _duration)
                {
                    Log.LeaseLost(_logger, Container, Name, e.Message);
                    await _lost.CancelAsync();
                    return;
                }

                pause = TimeSpan.FromSeconds(1);
            }
        }
    }
}
