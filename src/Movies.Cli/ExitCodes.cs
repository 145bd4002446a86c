namespace Movies.Cli;

public static class ExitCodes
{
    public const int Done = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;

    /// <summary>The process lost a lease while it was paused (a promotion of gold, a provider's current table): another
    /// process published meanwhile and nothing of this one was; running it again publishes it.</summary>
    public const int LeaseLost = 3;
}
