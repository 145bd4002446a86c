namespace Movies.Pipeline.Lake;

/// <summary>A lake whose locks are the operating system's (the folder lake), freed the moment the holding process dies.
/// A claim made by a conditional write (a batch's plan) can keep one while it is held, so a waiter sees a dead holder's
/// claim free at once instead of after the claim's validity lapses.</summary>
public interface IProcessLocks
{
    /// <summary>Takes the lock named <paramref name="container"/>/<paramref name="name"/> (a file outside every
    /// container, never a blob, and no storage request), or returns null at once while another holder in any process
    /// has it. Dispose it to release it.</summary>
    ILakeLease? TryTakeLock(string container, string name);
}
