using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Movies.Cli.Bench;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies bench</c>: speed and cost of the engine, measured in this process as ratios.</summary>
public static class BenchCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the figures as one JSON object on stdout" };
    private static readonly Option<int> EnrichMovies = new("--enrich-movies") { Description = "Movies enriched for enrich_ratio", DefaultValueFactory = _ => 1000 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "OMDB_MAX_CONCURRENCY for enrich_ratio", DefaultValueFactory = _ => 8 };
    private static readonly Option<int[]> OpsSizes = new("--ops-sizes") { Description = "Run sizes for ops_per_movie", DefaultValueFactory = _ => [1000, 10_000, 100_000], AllowMultipleArgumentsPerToken = true };

    public static Command Create()
    {
        var command = new Command("bench", "Measure enrich_ratio (wall time against a 50 ms OMDb over the ideal) and storage ops_per_movie at growing run sizes");
        command.Options.Add(Json);
        command.Options.Add(EnrichMovies);
        command.Options.Add(Concurrency);
        command.Options.Add(OpsSizes);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => RunAsync(result, cancellationToken)));
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

            var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
            var figures = new BenchResult(Math.Round(ratio, 3), Math.Round(seconds, 2), Math.Round(ideal, 2), movies, concurrency, ops, machine);
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
