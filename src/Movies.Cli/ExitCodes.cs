namespace Movies.Cli;

public static class ExitCodes
{
    public const int Done = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
}
