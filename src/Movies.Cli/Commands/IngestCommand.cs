using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline;
using Movies.Pipeline.Providers;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies ingest</c>: provider files through landing, bronze and silver to gold, as the landing trigger does in
/// Azure. One file (<c>--provider NAME FILE</c>: checked, put in landing, ingested), whatever waits in landing
/// (<c>--landing</c>), or the bundled sample providers (<c>--sample</c>).</summary>
public static class IngestCommand
{
    private static readonly Option<string?> ProviderName = new("--provider") { Description = "The provider FILE comes from (a name declared in the providers file)" };
    private static readonly Argument<string?> FilePath = new("FILE") { Description = "The provider file to ingest (with --provider)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Landing = new("--landing") { Description = "Ingest every file waiting in the lake's landing container, in name order" };
    private static readonly Option<bool> Sample = new("--sample") { Description = "Ingest the bundled sample provider files (data/sample/providers) with the bundled declarations" };
    private static readonly Option<string?> ProvidersFile = new("--providers") { Description = "The providers file (setting PROVIDERS_FILE); default: the bundled providers.json" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the result as one JSON object on stdout" };

    public static Command Create()
    {
        var command = new Command("ingest", "Ingest provider files: landing → bronze (byte for byte) → silver (typed, with rejects) → gold (movies_unified joined with every provider)");
        command.Arguments.Add(FilePath);
        foreach (var option in new Option[] { ProviderName, Landing, Sample, ProvidersFile, Json })
        {
            command.Options.Add(option);
        }

        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => IngestAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> IngestAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var provider = result.GetValue(ProviderName);
        var file = result.GetValue(FilePath);
        var modes = (provider is not null || file is not null ? 1 : 0) + (result.GetValue(Landing) ? 1 : 0) + (result.GetValue(Sample) ? 1 : 0);
        if (modes != 1)
        {
            throw new PipelineInputException("Say what to ingest: --provider NAME FILE, --landing, or --sample (one of them).");
        }

        if ((provider is null) != (file is null))
        {
            throw new PipelineInputException("--provider NAME and FILE go together: movies ingest --provider NAME FILE.");
        }

        if (file is not null && !File.Exists(file))
        {
            throw new PipelineInputException($"File '{file}' does not exist.");
        }

        var settings = CommonOptions.LakeSettings(result);
        var declarations = result.GetValue(ProvidersFile);
        if (declarations is not null)
        {
            settings["PROVIDERS_FILE"] = Path.GetFullPath(declarations);
        }
        else if (result.GetValue(Sample))
        {
            // The sample files follow the bundled declarations, whatever PROVIDERS_FILE the environment names.
            settings["PROVIDERS_FILE"] = string.Empty;
        }

        using var services = CliHost.Build(settings, result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var ingestor = services.GetRequiredService<ProviderIngestor>();
        IngestResult ingested;
        if (file is not null)
        {
            // Checked before anything is written: a file that cannot be ingested is refused, exit 2; one over
            // PROVIDER_MAX_FILE_BYTES before it is even read.
            ingestor.Limits.CheckFile($"'{file}'", new FileInfo(file).Length);
            var name = await ingestor.LandAsync(provider!, Path.GetFileName(file), new BinaryData(await File.ReadAllBytesAsync(file, cancellationToken)), cancellationToken);
            ingested = await ingestor.IngestAsync([name], refuse: false, cancellationToken);
        }
        else if (result.GetValue(Sample))
        {
            var landed = new List<string>();
            foreach (var path in SampleFiles())
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(path)!);
                landed.Add(await ingestor.LandAsync(folder, Path.GetFileName(path), new BinaryData(await File.ReadAllBytesAsync(path, cancellationToken)), cancellationToken));
            }

            ingested = await ingestor.IngestAsync(landed, refuse: false, cancellationToken);
        }
        else
        {
            ingested = await ingestor.IngestWaitingAsync(cancellationToken);
        }

        var summary = Summarize(ingested);
        if (result.GetValue(Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.IngestSummary));
        }
        else
        {
            Print(summary);
        }

        foreach (var refused in summary.Refused)
        {
            Console.Error.WriteLine($"refused: landing/{refused.LandingBlob}: {refused.Reason}");
        }

        return summary.Refused.Count == 0 ? ExitCodes.Done : ExitCodes.RunFailed;
    }

    /// <summary>The bundled sample's provider files, in name order within each provider folder.</summary>
    public static IReadOnlyList<string> SampleFiles()
    {
        var folder = Path.Combine(SampleData.Folder, "providers");
        return [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal))];
    }

    private static IngestSummary Summarize(IngestResult result)
    {
        var gold = result.Gold is { } g ? new IngestGold(g.Version, g.ContentHash, g.FilesWritten, g.TableRows) : null;
        var providers = result.Coverage.Select(c => new ProviderJoinSummary(c.Provider, c.SilverVersion, c.CurrentFiles, c.Rows, c.MatchedByImdbId, c.MatchedByTitleYear, c.Unmatched,
            result.UnmatchedByReason.GetValueOrDefault(c.Provider) ?? new Dictionary<string, int>(), c.JoinRatePercent, c.Films, c.FilmCoveragePercent)).ToList();
        return new IngestSummary(result.Files, result.Refused, gold, providers);
    }

    private static void Print(IngestSummary s)
    {
        var files = new Table().AddColumns("provider", "part", "file", "status", "rows", "silver", "rejected");
        foreach (var f in s.Files)
        {
            files.AddRow(Markup.Escape(f.Provider), Markup.Escape(f.Part), Markup.Escape(f.FileName), Markup.Escape(f.Status),
                Count(f.Rows), Count(f.SilverRows), Markup.Escape($"{f.Rejects}{(f.RejectsByReason.Count == 0 ? "" : $" ({string.Join(", ", f.RejectsByReason.Select(r => $"{r.Key} {r.Value}"))})")}"));
        }

        CliConsole.Out.Write(files);
        var join = new Table().AddColumns("provider", "rows", "by imdbID", "by title+year", "unmatched", "join rate", "films covered");
        foreach (var p in s.Providers)
        {
            join.AddRow(Markup.Escape(p.Provider), Count(p.Rows), Count(p.MatchedByImdbId), Count(p.MatchedByTitleYear),
                Markup.Escape($"{p.Unmatched}{(p.UnmatchedByReason.Count == 0 ? "" : $" ({string.Join(", ", p.UnmatchedByReason.Select(r => $"{r.Key} {r.Value}"))})")}"),
                Percent(p.JoinRatePercent), Markup.Escape($"{p.FilmCoveragePercent?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}% of {p.Films}"));
        }

        CliConsole.Out.Write(join);
        CliConsole.Out.WriteLine(s.Gold is { } g ? $"gold version {g.Version} published ({g.FilesWritten} files)" : "gold already reflected every provider: nothing published");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-";
}
