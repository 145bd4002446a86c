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
    private readonly ILogger _logger;
    private readonly LeaseRenewal _renewal;

    private int _requests;

    // acquireRequests: the requests it took to get (acquire tries and the lock blob's creation).
    public BlobLakeLease(string container, string name, BlobLeaseClient client, TimeSpan duration, int acquireRequests, ILogger logger)
    {
        _requests = acquireRequests;
        Container = container;
        Name = name;
        _client = client;
        _logger = logger;
        _renewal = new LeaseRenewal(RenewAsync, duration, reason => Log.LeaseLost(_logger, Container, Name, reason));
        Lost = _renewal.Lost;
    }

    public string Container { get; }

    public string Name { get; }

    public CancellationToken Lost { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A renewal, now: it fails once another holder took the lease (or broke it), even if this holder's own
    /// renewals have not noticed yet (it was paused).</summary>
    public Task<bool> ConfirmAsync(CancellationToken cancellationToken = default) => _renewal.ConfirmAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        if (!_renewal.IsLost)
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
    }

    // One renewal: 409/412 means someone else holds the lease now; any other failure is retried by the renewal.
    private async Task<string?> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            await _client.RenewAsync(cancellationToken: cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return e.Message;
        }
    }
}
