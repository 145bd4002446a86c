using Spectre.Console;

namespace Movies.Cli;

/// <summary>Results go to stdout, progress and errors to stderr, so <c>--json</c> output stays parseable.</summary>
public static class CliConsole
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
