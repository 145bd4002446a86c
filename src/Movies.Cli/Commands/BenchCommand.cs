using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Movies.Cli.Bench;
using Movies.Pipeline;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies bench</c>: speed and cost of the engine, each figure measured on fresh <c>movies</c>
/// processes, repeated, reported as a median with its spread. Subcommands measure one scenario:
/// <c>run</c> (whole runs at given sizes against the OMDb stand-in process), <c>gold</c> (the paired gold
/// comparison) and <c>omdb-stand-in</c> (the stand-in itself, for other measurements).</summary>
public static class BenchCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the figures as one JSON object on stdout" };
    private static readonly Option<bool> Full = new("--full") { Description = "The full sizes: enrichment at 1,000 movies, runs at 1k/10k/100k, gold at 100,000 rows (minutes, not seconds)" };
    private static readonly Option<int?> Pairs = new("--pairs") { Description = "Repetitions of every figure (gold: engine/DuckDB pairs); at least 3, default 3" };
    private static readonly Option<int?> EnrichMovies = new("--enrich-movies") { Description = "Movies per enrichment run (default 100; --full 1000)" };
    private static readonly Option<double?> Latency = new("--latency-ms") { Description = "The OMDb stand-in's latency for enrich_ratio, in ms (default 50)" };
    private static readonly Option<int[]?> Sizes = new("--sizes", "--ops-sizes") { Description = "Run sizes for ops_per_movie and run memory (default 500; --full 1000 10000 100000)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<int?> GoldRows = new("--gold-rows") { Description = "Silver rows for gold_vs_duckdb and peak_mb (default 5000; --full 100000)" };

    public static Command Create()
    {
        var command = new Command("bench", "Measure enrich_ratio, whole-run ops_per_movie and memory, and gold_vs_duckdb with peak_mb: fresh processes, repeated, medians and spread. Quick by default; --full for the 100k figures");
        foreach (var option in new Option[] { Json, Full, Pairs, EnrichMovies, Latency, Sizes, GoldRows })
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(RunScenarioCommand());
        command.Subcommands.Add(GoldScenarioCommand());
        command.Subcommands.Add(StandInCommand());
        command.Subcommands.Add(GoldEngineCommand());
        command.Subcommands.Add(GoldDuckDbCommand());
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => BenchAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> BenchAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var defaults = result.GetValue(Full) ? BenchPlan.Full : BenchPlan.Quick;
        var plan = defaults with
        {
            Pairs = AtLeast(result.GetValue(Pairs) ?? defaults.Pairs, BenchPlan.MinPairs, "--pairs"),
            EnrichMovies = AtLeast(result.GetValue(EnrichMovies) ?? defaults.EnrichMovies, 1, "--enrich-movies"),
            Latency = TimeSpan.FromMilliseconds(AtLeast(result.GetValue(Latency) ?? defaults.Latency.TotalMilliseconds, 0, "--latency-ms")),
            Sizes = Valid(result.GetValue(Sizes)) ?? defaults.Sizes,
            GoldRows = AtLeast(result.GetValue(GoldRows) ?? defaults.GoldRows, 1, "--gold-rows"),
        };
        var figures = await InWorkFolderAsync(work => new Benchmark(work, SampleSource, Progress).RunAsync(plan, cancellationToken));
        if (result.GetValue(Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(figures, BenchJsonContext.Default.BenchResult));
            return ExitCodes.Done;
        }

        var table = new Table().AddColumn("figure").AddColumn("median (min–max)").AddColumn("what").AddColumn("target");
        var e = figures.Enrich;
        table.AddRow("enrich_ratio", e.Ratio.ToString(), $"enrichment window over the ideal {e.IdealSeconds} s ({e.Movies:N0} movies × {e.LatencyMs} ms ÷ {e.OmdbConcurrency}); window {e.WindowSeconds} s", "≤ 1.10");
        table.AddRow("enrich process", e.ProcessRatio.ToString(), $"whole `movies run` process over the same ideal; {e.ProcessSeconds} s", string.Empty);
        foreach (var run in figures.Runs)
        {
            table.AddRow($"run @ {run.Movies:N0}", $"{run.ProcessSeconds} s", $"{run.OpsPerMovie} lake ops/movie ({Markup.Escape(Breakdown(run))}); peak {run.PeakMb} MB ({run.PeakBeforeGoldMb} before gold; +{run.PeakGrowthMb})", "≤ 3.5, flat");
            if (run.NextDay is { } next)
            {
                table.AddRow($"next day @ {run.Movies:N0}", $"{next.ProcessSeconds} s", $"same catalogue, nothing stale: {next.OmdbRequests} OMDb requests, {next.Cached:N0} cached, {next.OpsPerMovie} lake ops/movie, peak {next.PeakMb} MB", "0 requests");
            }
        }

        AddGoldRows(table, figures.Gold);
        table.AddRow("machine", Markup.Escape(figures.Machine), $"{figures.Seconds} s in all; settings: {Markup.Escape(Settings(figures.Settings))}", string.Empty);
        CliConsole.Out.Write(table);
        return ExitCodes.Done;
    }

    private static Command RunScenarioCommand()
    {
        var sizes = new Option<int[]>("--sizes") { Description = "Movies per run", DefaultValueFactory = _ => [1000], AllowMultipleArgumentsPerToken = true };
        var latency = new Option<double>("--latency-ms") { Description = "The OMDb stand-in's latency in ms", DefaultValueFactory = _ => 50 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per size", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on stdout" };
        var command = new Command("run", "Whole `movies run` processes at each size against the OMDb stand-in process: wall time, enrichment window, peak memory, lake operations per movie. The engine runs on its defaults unless tuning settings (OMDB_MAX_CONCURRENCY, BATCH_SIZE, ...) are exported; those are reported");
        foreach (var option in new Option[] { sizes, latency, repeat, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var wanted = Valid(result.GetValue(sizes)) ?? [1000];
            var wait = TimeSpan.FromMilliseconds(AtLeast(result.GetValue(latency), 0, "--latency-ms"));
            var times = AtLeast(result.GetValue(repeat), 1, "--repeat");
            var loadAtStart = Machine.Load();
            var runs = await InWorkFolderAsync(work => new Benchmark(work, SampleSource, Progress).MeasureSizesAsync(wanted, wait, times, cancellationToken));
            var machine = Machine.Describe(loadAtStart);
            var figures = new RunBenchResult(runs, BenchSettings.Overrides(), machine);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(figures, BenchJsonContext.Default.RunBenchResult));
                return ExitCodes.Done;
            }

            var table = new Table().AddColumn("movies").AddColumn("process s").AddColumn("enrichment window s (ideal)").AddColumn("peak MB (before gold; growth)").AddColumn("lake ops/movie")
                .AddColumn("next day: s, OMDb requests, peak MB, ops/movie");
            foreach (var run in runs)
            {
                var next = run.NextDay is { } n ? $"{n.ProcessSeconds} s, {n.OmdbRequests}, {n.PeakMb} MB, {n.OpsPerMovie}" : string.Empty;
                table.AddRow(run.Movies.ToString("N0", CultureInfo.InvariantCulture), $"{run.ProcessSeconds}", $"{run.EnrichWindowSeconds} ({run.EnrichIdealSeconds})",
                    $"{run.PeakMb} ({run.PeakBeforeGoldMb}; +{run.PeakGrowthMb})", Markup.Escape($"{run.OpsPerMovie} ({Breakdown(run)})"), Markup.Escape(next));
            }

            table.Caption($"{Markup.Escape(machine)}; settings: {Markup.Escape(Settings(figures.Settings))}");
            CliConsole.Out.Write(table);
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }

    private static Command GoldScenarioCommand()
    {
        var rows = new Option<int>("--rows") { Description = "Silver rows", DefaultValueFactory = _ => BenchPlan.Quick.GoldRows };
        var pairs = new Option<int>("--pairs") { Description = "Engine/DuckDB pairs (at least 3)", DefaultValueFactory = _ => BenchPlan.MinPairs };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on stdout" };
        var command = new Command("gold", "The paired gold comparison alone: the engine's promotion and DuckDB as fresh processes on the same silver, values compared");
        command.Options.Add(rows);
        command.Options.Add(pairs);
        command.Options.Add(json);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var size = AtLeast(result.GetValue(rows), 1, "--rows");
            var times = AtLeast(result.GetValue(pairs), BenchPlan.MinPairs, "--pairs");
            var loadAtStart = Machine.Load();
            var gold = await InWorkFolderAsync(work => new GoldScenario(work, SampleSource, Progress).MeasureAsync(size, times, cancellationToken));
            var machine = Machine.Describe(loadAtStart);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new GoldBenchResult(gold, machine), BenchJsonContext.Default.GoldBenchResult));
                return ExitCodes.Done;
            }

            var table = new Table().AddColumn("figure").AddColumn("median (min–max)").AddColumn("what").AddColumn("target");
            AddGoldRows(table, gold);
            table.Caption(Markup.Escape(machine));
            CliConsole.Out.Write(table);
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }

    private static Command StandInCommand()
    {
        var latency = new Option<double>("--latency-ms") { Description = "Time before each answer, in ms", DefaultValueFactory = _ => 50 };
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0: any free port)", DefaultValueFactory = _ => 0 };
        var untilStdin = new Option<bool>("--exit-on-stdin-eof") { Description = "Stop when standard input closes (how the bench stops it)", Hidden = true };
        var command = new Command("omdb-stand-in", "Serve the benchmark's OMDb stand-in on 127.0.0.1 until stopped: every title found, after a fixed latency; one send per answer with TCP_NODELAY. Prints its base URL; GET /_bench/stats and /_bench/reset give and reset its counts");
        command.Options.Add(latency);
        command.Options.Add(port);
        command.Options.Add(untilStdin);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var wait = TimeSpan.FromMilliseconds(AtLeast(result.GetValue(latency), 0, "--latency-ms"));
            await using var server = new OmdbStandInServer(wait, result.GetValue(port));
            Console.Out.WriteLine(server.BaseUrl);
            Console.Out.Flush();
            var stopped = Task.Delay(Timeout.Infinite, cancellationToken);
            var inputClosed = result.GetValue(untilStdin) ? Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None) : Task.Delay(Timeout.Infinite, CancellationToken.None);
            await Task.WhenAny(stopped, inputClosed);
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }

    private static Command GoldEngineCommand()
    {
        var (lake, manifest) = (new Option<string>("--lake") { Required = true }, new Option<string>("--manifest") { Required = true });
        var command = new Command("gold-engine", "One side of `bench gold`: the engine's promotion of one silver run, in this process") { Hidden = true };
        command.Options.Add(lake);
        command.Options.Add(manifest);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var report = await GoldEngineSide.BuildAsync(result.GetValue(lake)!, result.GetValue(manifest)!, cancellationToken);
            Console.Out.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.GoldSideReport));
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }

    private static Command GoldDuckDbCommand()
    {
        var (lake, manifest, output) = (new Option<string>("--lake") { Required = true }, new Option<string>("--manifest") { Required = true }, new Option<string>("--out") { Required = true });
        var command = new Command("gold-duckdb", "The other side of `bench gold`: DuckDB building the same tables from the same silver run, in this process") { Hidden = true };
        command.Options.Add(lake);
        command.Options.Add(manifest);
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() =>
        {
            var report = DuckDbGold.Build(result.GetValue(lake)!, result.GetValue(manifest)!, result.GetValue(output)!);
            Console.Out.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.GoldSideReport));
            return Task.FromResult(ExitCodes.Done);
        }, cancellationToken));
        return command;
    }

    private static void AddGoldRows(Table table, GoldMeasurement gold)
    {
        table.AddRow("gold_vs_duckdb", gold.Ratio.ToString(), $"cold `movies` processes, engine promotion over DuckDB, {gold.Rows:N0} silver rows, {gold.Pairs.Count} pairs; engine {gold.EngineSeconds} s, DuckDB {gold.DuckdbSeconds} s; values equal", "≤ 1.0");
        table.AddRow("gold work ratio", gold.WorkRatio.ToString(), $"the builds inside the processes: engine {gold.EngineWorkSeconds} s, DuckDB {gold.DuckdbWorkSeconds} s", string.Empty);
        table.AddRow("peak_mb", gold.EnginePeakMb.ToString(), $"engine gold process peak working set; growth over its start {gold.EnginePeakGrowthMb}; DuckDB process {gold.DuckdbPeakMb}", "≤ 300");
    }

    private static string Breakdown(RunMeasurement run) => string.Join(", ", run.OpsPerMovieByContainer.Select(o => $"{o.Key} {o.Value}"));

    private static string Settings(IReadOnlyDictionary<string, string> settings)
        => settings.Count == 0 ? "engine defaults" : string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));

    private static string SampleSource => Path.Combine(SampleData.Folder, "movies.json");

    private static void Progress(string line) => Console.Error.WriteLine(line);

    private static async Task<T> InWorkFolderAsync<T>(Func<string, Task<T>> measure)
    {
        var work = Path.Combine(Path.GetTempPath(), "movies-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            return await measure(work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int AtLeast(int value, int minimum, string option)
        => value >= minimum ? value : throw new PipelineInputException($"{option} must be at least {minimum}.");

    private static double AtLeast(double value, double minimum, string option)
        => value >= minimum ? value : throw new PipelineInputException(string.Create(CultureInfo.InvariantCulture, $"{option} must be at least {minimum}."));

    private static int[]? Valid(int[]? sizes)
        => sizes is null or { Length: 0 } ? null : sizes.All(s => s >= 1) ? sizes : throw new PipelineInputException("--sizes must all be at least 1.");
}
