using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Cli.Commands;

/// <summary><c>movies report --run ID</c>: writes the run's HTML report to <c>gold/reports/{runId}.html</c> from what
/// the run left in the lake (promotion publishes it too, with <c>gold/reports/latest.html</c> in its gold commit; this
/// command redoes the run's own page, for a run promoted before reports existed, or to copy it out with
/// <c>--out</c>). It never touches latest.html, which always shows the run of the published gold version.</summary>
public static class ReportCommand
{
    private static readonly Option<string?> Out = new("--out") { Description = "Also copy the report to this local file (handy for a blob lake)" };

    public static Command Create()
    {
        var command = new Command("report", "Write a run's HTML report (outcomes, rejects, quality, top films, genres, decades, timing) to gold/reports/");
        RunOptions.AddTo(command);
        command.Options.Add(Out);
        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => ReportAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> ReportAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var date = RunOptions.DateOf(result);
        using var services = CliHost.Build(CommonOptions.LakeSettings(result), result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var runId = result.GetValue(RunOptions.Run)!;
        var lake = services.GetRequiredService<ILakeStore>();
        var bronze = await services.GetRequiredService<RunPromoter>().FindBronzeManifestAsync(runId, date, cancellationToken);
        var silver = SilverPaths.Manifest(BronzePaths.RunFolderOf(bronze));
        if (!await lake.ExistsAsync(LakeContainers.Silver, silver, cancellationToken))
        {
            throw new PipelineInputException($"Run {runId} has no silver manifest at silver/{silver}; promote it first: movies promote --run {runId}");
        }

        var name = await services.GetRequiredService<RunReportWriter>().WriteAsync(silver, cancellationToken);
        Console.Out.WriteLine($"{LakeContainers.Gold}/{name}");
        if (lake is FileSystemLakeStore files)
        {
            Console.Error.WriteLine($"Open {Path.GetFullPath(Path.Combine(files.Root, LakeContainers.Gold, name))} in a browser.");
        }

        if (result.GetValue(Out) is { } copy)
        {
            var html = await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken)
                ?? throw new InvalidOperationException($"gold/{name} vanished after it was written.");
            await File.WriteAllBytesAsync(copy, html.ToArray(), cancellationToken);
            Console.Error.WriteLine($"Copied to {Path.GetFullPath(copy)}.");
        }

        return ExitCodes.Done;
    }
}
