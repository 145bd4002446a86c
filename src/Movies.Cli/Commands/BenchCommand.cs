using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Movies.Cli.Bench;
using Movies.Pipeline;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies bench</c>: speed and cost of the engine, measured in this process as ratios.</summary>
public static class BenchCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the figures as one JSON object on stdout" };
    private static readonly Option<int> EnrichMovies = new("--enrich-movies") { Description = "Movies enriched for enrich_ratio", DefaultValueFactory = _ => 1000 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "OMDB_MAX_CONCURRENCY for enrich_ratio", DefaultValueFactory = _ => 8 };
    private static readonly Option<int[]> OpsSizes = new("--ops-sizes") { Description = "Run sizes for ops_per_movie", DefaultValueFactory = _ => [1000, 10_000, 100_000], AllowMultipleArgumentsPerToken = true };
    private static readonly Option<int> GoldRows = new("--gold-rows") { Description = "Silver rows for gold_vs_duckdb and peak_mb", DefaultValueFactory = _ => 100_000 };

    public static Command Create()
    {
        var command = new Command("bench", "Measure enrich_ratio (wall time against a 50 ms OMDb over the ideal), storage ops_per_movie at growing run sizes, gold_vs_duckdb and the gold build's peak_mb");
        command.Options.Add(Json);
        command.Options.Add(EnrichMovies);
        command.Options.Add(Concurrency);
        command.Options.Add(OpsSizes);
        command.Options.Add(GoldRows);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => RunAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "movies-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var bench = new PipelineBench(work, Path.Combine(SampleData.Folder, "movies.json"));
            var movies = result.GetValue(EnrichMovies);
            var concurrency = result.GetValue(Concurrency);
            var (ratio, seconds, ideal) = await bench.MeasureEnrichAsync(movies, concurrency, TimeSpan.FromMilliseconds(50), cancellationToken);
            var ops = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var size in result.GetValue(OpsSizes)!)
            {
                ops[size.ToString(CultureInfo.InvariantCulture)] = Math.Round(await bench.MeasureOpsPerMovieAsync(size, cancellationToken), 3);
            }

            var goldRows = result.GetValue(GoldRows);
            if (goldRows < 1)
            {
                throw new PipelineInputException("--gold-rows must be at least 1.");
            }

            var gold = await new GoldBench(work, Path.Combine(SampleData.Folder, "movies.json")).MeasureAsync(goldRows, cancellationToken);
            var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
            const double Mb = 1024 * 1024;
            var figures = new BenchResult(Math.Round(ratio, 3), Math.Round(seconds, 2), Math.Round(ideal, 2), movies, concurrency, ops,
                Math.Round(gold.EngineSeconds / gold.DuckDbSeconds, 3), Math.Round(gold.EngineSeconds, 3), Math.Round(gold.DuckDbSeconds, 3), gold.Rows,
                Math.Round(gold.PeakWorkingSetGrowthBytes / Mb, 1), Math.Round(gold.BaselineWorkingSetBytes / Mb, 1), Math.Round(gold.PeakManagedBytes / Mb, 1), gold.EnginePhaseSeconds, machine);
            if (result.GetValue(Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(figures, BenchJsonContext.Default.BenchResult));
                return ExitCodes.Done;
            }

            var table = new Table().AddColumn("figure").AddColumn("value").AddColumn("target");
            table.AddRow("enrich_ratio", $"{figures.EnrichRatio} ({figures.EnrichSeconds} s for {movies} movies, ideal {figures.EnrichIdealSeconds} s at {concurrency})", "≤ 1.10");
            foreach (var (size, value) in ops)
            {
                table.AddRow($"ops_per_movie @ {size}", value.ToString(CultureInfo.InvariantCulture), "flat across sizes");
            }

            table.AddRow("gold_vs_duckdb", $"{figures.GoldVsDuckdb} ({figures.GoldSeconds} s engine, {figures.DuckdbSeconds} s DuckDB, {goldRows} rows)", "≤ 1.0");
            table.AddRow("peak_mb", $"{figures.PeakMb} (working set growth over {figures.PeakBaselineMb} MB; managed heap peak {figures.PeakManagedMb})", "≤ 300");
            table.AddRow("machine", Markup.Escape(machine), string.Empty);
            CliConsole.Out.Write(table);
            return ExitCodes.Done;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
