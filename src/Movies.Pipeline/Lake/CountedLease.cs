namespace Movies.Pipeline.Lake;

/// <summary>A lease whose storage requests (<see cref="ILakeLease.Requests"/>) are handed to a counter when it is
/// released: what <see cref="CountingLakeStore"/> and the bench's counter add for a lease.</summary>
public sealed class CountedLease(ILakeLease inner, Action<int> count) : ILakeLease
{
    public string Container => inner.Container;

    public string Name => inner.Name;

    public CancellationToken Lost => inner.Lost;

    public int Requests => inner.Requests;

    public Task<bool> ConfirmAsync(CancellationToken cancellationToken = default) => inner.ConfirmAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        count(inner.Requests);
    }
}
