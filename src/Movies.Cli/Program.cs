using System.CommandLine;
using Movies.Cli;
using Movies.Cli.Bench;
using Movies.Cli.Commands;

var root = new RootCommand("movies: the daily movies pipeline, run locally (source → OMDb → bronze → silver → gold)");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(PromoteCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SqlCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(UploadSourceCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    return ExitCodes.BadInput;
}

var exitCode = await parsed.InvokeAsync();
BenchProbe.Report(exitCode);
return exitCode;
