using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Pipeline;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Source;
using Movies.Pipeline.Workflow;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies run</c>: one whole run in this process, as the triggers do it in Azure.</summary>
public static class RunCommand
{
    private static readonly Option<bool> Sample = new("--sample") { Description = "Use the bundled dataset and offline OMDb catalog (no network, no key; OMDB_BASE_URL is not used). Refused with --omdb-url" };
    private static readonly Option<string?> SourcePath = new("--source") { Description = "Source dataset file (setting SOURCE_PATH); default: the lake's SOURCE_BLOB" };
    private static readonly Option<int?> TopN = new("--top-n") { Description = "Movies to select (setting TOP_N, default 20)" };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Movies per batch (setting BATCH_SIZE, default 5)" };
    private static readonly Option<string?> OmdbUrl = new("--omdb-url") { Description = "OMDb base URL (setting OMDB_BASE_URL)" };
    private static readonly Option<string?> RunId = new("--run-id") { Description = "Run id; reuse one to resume that run. Default: from the date and time" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the run summary as one JSON object on stdout" };

    public static Command Create()
    {
        var command = new Command("run", "Run the pipeline: select the top movies, enrich them through OMDb, write bronze and the run manifest, then promote the run to silver and gold");
        foreach (var option in new Option[] { Sample, SourcePath, TopN, BatchSize, OmdbUrl, RunId, Json })
        {
            command.Options.Add(option);
        }

        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => RunAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (result.GetValue(Sample) && result.GetValue(OmdbUrl) is not null)
        {
            // The offline catalog answers every lookup, so the URL would be silently ignored.
            throw new PipelineInputException("--sample answers from the bundled offline OMDb catalog, so --omdb-url would not be used: drop one of them (without --sample, give --source too).");
        }

        var settings = CommonOptions.LakeSettings(result);
        settings["SOURCE_PATH"] = result.GetValue(SourcePath);
        settings["TOP_N"] = result.GetValue(TopN)?.ToString(CultureInfo.InvariantCulture);
        settings["BATCH_SIZE"] = result.GetValue(BatchSize)?.ToString(CultureInfo.InvariantCulture);
        settings["OMDB_BASE_URL"] = result.GetValue(OmdbUrl);
        if (result.GetValue(Sample))
        {
            SampleData.Apply(settings);
        }

        using var services = CliHost.Build(settings, result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var selection = services.GetRequiredService<IOptions<SelectionOptions>>().Value;
        var startedAt = TimeProvider.System.GetUtcNow();
        var runId = result.GetValue(RunId) ?? RunIds.Create(startedAt);
        RunIds.Validate(runId);
        var request = new RunRequest(runId, RunIds.DateOf(runId, startedAt), startedAt, selection.TopN, selection.BatchSize, RunIds.Attempt(startedAt));

        var runner = services.GetRequiredService<PipelineRunner>();
        var json = result.GetValue(Json);
        var publisher = services.GetRequiredService<IPipelineEventPublisher>();
        // Bad input is refused before the run is announced: it writes nothing, not even an event.
        await services.GetRequiredService<MovieSelector>().ValidateAsync(request, cancellationToken);
        var events = new RunEvents(request, e => publisher.PublishAsync(e, cancellationToken), TimeProvider.System.GetUtcNow);
        var (outcome, promotion) = await events.RunAsync(
            async () =>
            {
                var outcome = await RunWithProgressAsync(runner, request, !CommonOptions.IsJson(result), cancellationToken);
                // In Azure the manifest's arrival starts silver, and silver's starts gold; here they follow in process.
                var promotion = await services.GetRequiredService<RunPromoter>().PromoteAsync(outcome.Manifest.ManifestBlob, cancellationToken);
                return new RunAndPromotion(outcome, promotion);
            },
            // Known here before the run's last event, so a run failing its quality check ends with run_failed.
            r => RunVerdict.Of(r.Outcome, r.Promotion.Gold.FailureReason),
            // Engine exception messages carry no secrets; the event tells subscribers why the run stopped.
            e => e is OperationCanceledException or PipelineInputException ? null : e.Message);

        await publisher.PublishAsync(RunEvents.GoldPublished(runId, TimeProvider.System.GetUtcNow(), $"{LakeContainers.Silver}/{promotion.Silver.ManifestBlob}", promotion.Gold), cancellationToken);
        var summary = Summarize(outcome, promotion);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.RunSummary));
        }
        else
        {
            PrintTable(summary);
        }

        // Partial is not failed: everything fetched is published, and the next run takes the deferred movies first.
        return summary.Status == RunStatuses.Failed ? ExitCodes.RunFailed : ExitCodes.Done;
    }

    private sealed record RunAndPromotion(RunOutcome Outcome, PromotionResult Promotion);

    /// <summary>A progress bar on a terminal; elsewhere (piped, CI) one plain line per batch on stderr, so a
    /// long run shows it is alive. JSON logs carry the same as structured lines, so they get no extra text.</summary>
    private static async Task<RunOutcome> RunWithProgressAsync(PipelineRunner runner, RunRequest request, bool plainLines, CancellationToken cancellationToken)
    {
        var console = CliConsole.Error;
        if (!console.Profile.Capabilities.Interactive)
        {
            return await runner.RunAsync(request, plainLines ? new ProgressLines(Console.Error) : null, cancellationToken);
        }

        return await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask($"run {request.RunId}", maxValue: 1);
            var progress = new Progress<RunProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.BatchesTotal);
                task.Value = p.BatchesDone;
                task.Description = $"{p.Stage}: {p.Counts.Fetched} fetched, {p.Counts.NotFound} not found, {p.Counts.Failed} failed, {p.Counts.Skipped} skipped, {p.Counts.Deferred} deferred";
            });
            return await runner.RunAsync(request, progress, cancellationToken);
        });
    }

    private static RunSummary Summarize(RunOutcome outcome, PromotionResult promotion)
    {
        var counts = outcome.Manifest.Counts;
        // A run that failed its quality check failed, whatever bronze says.
        var status = promotion.Gold.Status == RunStatuses.Failed ? RunStatuses.Failed : outcome.Status;
        return new RunSummary(outcome.Plan.RunId, DateOnly.ParseExact(outcome.Plan.RunFolder[..10], "yyyy/MM/dd", CultureInfo.InvariantCulture),
            status, outcome.FatalReason, outcome.Plan.TopN, outcome.Plan.BatchSize, outcome.Plan.Batches,
            outcome.Manifest.Movies, counts.Fetched, counts.NotFound, counts.Failed, counts.Skipped, outcome.Plan.SourceRows, outcome.Plan.SourceRejects,
            outcome.Plan.Resumed, $"bronze/{outcome.Manifest.ManifestBlob}", promotion.Silver.Rows, promotion.Silver.Rejects, promotion.Silver.RejectsByReason,
            promotion.Gold.Status, promotion.Gold.FailureReason, promotion.Gold.TableRows, promotion.Gold.FilesWritten,
            promotion.ReportBlob is { } report ? $"{LakeContainers.Gold}/{report}" : null,
            counts.Cached, counts.Deferred, counts.Deferred > 0 ? outcome.DeferReason : null);
    }

    private static void PrintTable(RunSummary s)
    {
        var table = new Table().AddColumn("run").AddColumn(new TableColumn(Markup.Escape(s.RunId)));
        table.AddRow("status", s.Status switch
        {
            RunStatuses.Succeeded => "[green]succeeded[/]",
            RunStatuses.Partial => $"[yellow]partial[/]: {s.Deferred} movies deferred to the next run ({Markup.Escape(s.DeferReason ?? string.Empty)})",
            _ => $"[red]failed[/]: {Markup.Escape(s.FatalReason ?? s.QualityFailureReason ?? string.Empty)}",
        });
        table.AddRow("selected", $"{s.Movies} movies; those the cache could not answer in {s.Batches} batches of up to {s.BatchSize}");
        table.AddRow("fetched", s.Fetched.ToString(CultureInfo.InvariantCulture));
        table.AddRow("cached", s.Cached.ToString(CultureInfo.InvariantCulture));
        table.AddRow("not found", s.NotFound.ToString(CultureInfo.InvariantCulture));
        table.AddRow("failed", s.Failed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("skipped", s.Skipped.ToString(CultureInfo.InvariantCulture));
        table.AddRow("deferred", s.Deferred.ToString(CultureInfo.InvariantCulture));
        table.AddRow("source rows", $"{s.SourceRows} ({s.SourceRejects} rejected)");
        table.AddRow("manifest", Markup.Escape(s.ManifestBlob));
        table.AddRow("silver", $"{s.SilverRows} rows, {s.Rejects} rejected{Reasons(s.RejectsByReason)}");
        table.AddRow("quality", s.QualityStatus switch
        {
            RunStatuses.Failed => $"[red]failed[/]: {Markup.Escape(s.QualityFailureReason ?? string.Empty)}",
            var ok => $"[green]{Markup.Escape(ok)}[/]",
        });
        table.AddRow("gold", Markup.Escape(string.Join(", ", s.GoldTables.Select(t => $"{t.Key} {t.Value}"))));
        if (s.Report is { } report)
        {
            table.AddRow("report", Markup.Escape(report));
        }

        CliConsole.Out.Write(table);
    }

    private static string Reasons(IReadOnlyDictionary<string, int> reasons)
        => reasons.Count == 0 ? string.Empty : Markup.Escape($" ({string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))})");
}
