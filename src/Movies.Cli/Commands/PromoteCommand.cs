using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline;
using Movies.Pipeline.Workflow;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies promote --run ID</c>: redoes silver and gold for one run from its bronze manifest,
/// as the blob triggers would on a duplicate event. Finds the run in O(1): its folder's date is the
/// run id's first 8 characters (yyyyMMdd) or <c>--date</c>.</summary>
public static class PromoteCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the result as one JSON object on stdout" };

    public static Command Create()
    {
        var command = new Command("promote", "Redo silver and gold for one run (idempotent: the same run gives the same files)");
        RunOptions.AddTo(command);
        command.Options.Add(Json);
        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => PromoteAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> PromoteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var date = RunOptions.DateOf(result);
        using var services = CliHost.Build(CommonOptions.LakeSettings(result), result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var promoter = services.GetRequiredService<RunPromoter>();
        var manifest = await promoter.FindBronzeManifestAsync(result.GetValue(RunOptions.Run)!, date, cancellationToken);
        var promotion = await promoter.PromoteAsync(manifest, cancellationToken);
        if (result.GetValue(Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(promotion, PipelineJsonContext.Blobs.PromotionResult));
        }
        else
        {
            var table = new Table().AddColumn("run").AddColumn(new TableColumn(Markup.Escape(result.GetValue(RunOptions.Run)!)));
            table.AddRow("bronze manifest", Markup.Escape($"bronze/{manifest}"));
            table.AddRow("silver", $"{promotion.Silver.Rows} rows, {promotion.Silver.Rejects} rejected of {promotion.Silver.BronzeRecords}");
            table.AddRow("quality", promotion.Gold.Status == RunStatuses.Failed ? $"[red]failed[/]: {Markup.Escape(promotion.Gold.FailureReason ?? string.Empty)}" : $"[green]{Markup.Escape(promotion.Gold.Status)}[/]");
            table.AddRow("gold", Markup.Escape(string.Join(", ", promotion.Gold.TableRows.Select(t => $"{t.Key} {t.Value}"))));
            table.AddRow("report", Markup.Escape($"gold/{promotion.ReportBlob}"));
            CliConsole.Out.Write(table);
        }

        return promotion.Gold.Status == RunStatuses.Failed ? ExitCodes.RunFailed : ExitCodes.Done;
    }
}
