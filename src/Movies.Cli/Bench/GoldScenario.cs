using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Cli.Bench;

/// <summary>Silver→gold, the engine against DuckDB, paired: for each pair both sides start as fresh
/// <c>movies</c> processes on copies of the same synthetic silver run (empty gold), one after the other,
/// the order alternating between pairs so neither side always runs on a warmer machine. Each pair's outputs
/// are compared value by value (<see cref="GoldComparison"/>) before its times count. A first, unmeasured
/// pair on a tiny input loads both sides' files (DuckDB's native library among them) into the OS cache.</summary>
public sealed class GoldScenario(string workFolder, string sampleSource, Action<string> progress)
{
    public const string Engine = "engine";
    public const string DuckDb = "duckdb";

    private const int WarmupRows = 100;
    private const double Mb = 1024 * 1024;

    public async Task<GoldMeasurement> MeasureAsync(int rows, int pairs, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        var warmup = await WriteSilverAsync(Math.Min(rows, WarmupRows), cancellationToken);
        await RunPairAsync(warmup, 0, cancellationToken);
        var input = await WriteSilverAsync(rows, cancellationToken);
        var measured = new List<GoldPair>();
        IReadOnlyDictionary<string, int> tableRows = new Dictionary<string, int>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var (result, rowsWritten) = await RunPairAsync(input, pair, cancellationToken);
            measured.Add(result);
            tableRows = rowsWritten;
            progress($"gold {rows:N0} rows, pair {pair}/{pairs} ({result.First} first): engine {result.EngineSeconds:0.00} s, DuckDB {result.DuckdbSeconds:0.00} s, ratio {result.Ratio:0.00}; values equal");
        }

        return new GoldMeasurement(
            rows,
            Spread.Of([.. measured.Select(p => p.Ratio)]),
            Spread.Of([.. measured.Select(p => p.EngineWorkSeconds / p.DuckdbWorkSeconds)]),
            Spread.Of([.. measured.Select(p => p.EngineSeconds)]),
            Spread.Of([.. measured.Select(p => p.DuckdbSeconds)]),
            Spread.Of([.. measured.Select(p => p.EngineWorkSeconds)]),
            Spread.Of([.. measured.Select(p => p.DuckdbWorkSeconds)]),
            Spread.Of([.. measured.Select(p => p.EnginePeakMb)], 1),
            Spread.Of([.. measured.Select(p => p.EnginePeakGrowthMb)], 1),
            Spread.Of([.. measured.Select(p => p.DuckdbPeakMb)], 1),
            ValuesEqual: true,
            tableRows,
            measured);
    }

    private async Task<string> WriteSilverAsync(int rows, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workFolder, $"gold-silver-{rows}");
        if (!Directory.Exists(folder))
        {
            await SyntheticSilver.WriteAsync(new FileSystemLakeStore(folder), SyntheticSilver.Movies(sampleSource, rows), cancellationToken);
        }

        return folder;
    }

    private async Task<(GoldPair Pair, IReadOnlyDictionary<string, int> Rows)> RunPairAsync(string input, int pair, CancellationToken cancellationToken)
    {
        var lake = Path.Combine(workFolder, $"gold-engine-{pair}");
        var output = Path.Combine(workFolder, $"gold-duckdb-{pair}");
        CopyFolder(input, lake);
        var manifest = SilverPaths.Manifest(SyntheticSilver.RunFolder);
        var engineFirst = pair % 2 == 1;
        var sides = engineFirst ? new[] { Engine, DuckDb } : [DuckDb, Engine];
        var results = new Dictionary<string, (MoviesProcess.Result Process, GoldSideReport Report)>(StringComparer.Ordinal);
        foreach (var side in sides)
        {
            string[] args = side == Engine
                ? ["bench", "gold-engine", "--lake", lake, "--manifest", manifest]
                : ["bench", "gold-duckdb", "--lake", input, "--manifest", manifest, "--out", output];
            var process = await MoviesProcess.RunAsync(args, BenchSettings.ForChild(), TimeSpan.FromMinutes(20), cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The {side} gold build exited with {process.ExitCode}: {process.Stderr.Trim()}");
            }

            var report = JsonSerializer.Deserialize(process.Stdout, BenchJsonContext.Default.GoldSideReport)
                ?? throw new InvalidOperationException($"The {side} gold build printed no report.");
            results[side] = (process, report);
        }

        var cells = GoldComparison.Compare(
            new GoldComparison.Output(Engine, Path.Combine(lake, LakeContainers.Gold, GoldPaths.LatestFolder), Path.Combine(lake, LakeContainers.Gold, "history", SyntheticSilver.RunFolder)),
            new GoldComparison.Output(DuckDb, Path.Combine(output, GoldPaths.LatestFolder), Path.Combine(output, "history")));
        Directory.Delete(lake, recursive: true);
        Directory.Delete(output, recursive: true);

        var (engine, duckDb) = (results[Engine], results[DuckDb]);
        return (new GoldPair(
            pair,
            sides[0],
            Math.Round(engine.Process.Seconds, 3),
            Math.Round(duckDb.Process.Seconds, 3),
            Math.Round(engine.Process.Seconds / duckDb.Process.Seconds, 3),
            Math.Round(engine.Report.Seconds, 3),
            Math.Round(duckDb.Report.Seconds, 3),
            Math.Round(engine.Report.PeakWorkingSetBytes / Mb, 1),
            Math.Round((engine.Report.PeakWorkingSetBytes - engine.Report.StartWorkingSetBytes) / Mb, 1),
            Math.Round(duckDb.Report.PeakWorkingSetBytes / Mb, 1),
            cells), engine.Report.TableRows);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
