namespace Movies.Pipeline.Lake;

/// <summary>An exclusive lease on a lock blob, held until disposed. On blob storage it is a blob lease renewed in
/// the background, so a holder that crashes frees it within the lease time; on the folder lake it is an OS file
/// lock, freed the moment the holding process dies.</summary>
public interface ILakeLease : IAsyncDisposable
{
    string Container { get; }

    string Name { get; }

    /// <summary>Cancelled if the lease was lost while held (renewals failed for longer than the lease time):
    /// another holder may have it now, so work that relies on it must stop.</summary>
    CancellationToken Lost { get; }

    /// <summary>Asks the storage whether this lease is still held, now: on blob storage a renewal (which also extends it);
    /// on the folder lake whether the lock file at its name is still the one held open (a lock file deleted or replaced
    /// meanwhile lets another process lock the new one). False, and <see cref="Lost"/> cancelled, when another holder may
    /// have it: nothing more may be written under it. Throws when the storage cannot be asked.</summary>
    Task<bool> ConfirmAsync(CancellationToken cancellationToken = default);

    /// <summary>The storage requests this lease has cost so far, as blob storage bills them: each acquire try, the lock
    /// blob's creation when it was missing, each renewal and the release. The folder lake, which has no storage
    /// service, reports what blob storage would have received for the same holding (a renewal every third of
    /// <see cref="BlobLakeStore.DefaultLeaseDuration"/> held), so a count means the same on both lakes.</summary>
    int Requests { get; }
}
