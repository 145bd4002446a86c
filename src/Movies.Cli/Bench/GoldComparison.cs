using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Movies.Pipeline.Gold;

namespace Movies.Cli.Bench;

/// <summary>Proves two gold builds wrote the same tables, value by value, so a timing compares equal work.
/// For each table: both sides wrote all four files and the history copy has the latest copy's bytes; the
/// Parquet schemas (names, order, types) are the same; keys are unique; a full outer join on the key finds
/// no row on one side only and no cell that differs (text, integers, dates exactly; doubles within
/// <see cref="Tolerance"/>); and each side's CSV holds the same header and values as its own Parquet.
/// Any difference throws, naming the table, key, column and both values.</summary>
public static class GoldComparison
{
    /// <summary>Doubles may differ by one unit of the 4th decimal both sides round to: .NET rounds half to
    /// even, DuckDB half away from zero; anything larger is a real difference.</summary>
    public const double Tolerance = 1.01e-4;

    private const double CsvTolerance = 1e-9;
    private const int Examples = 5;

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [GoldPaths.MoviesUnified] = "imdb_id",

        // The bench promotes one run into an empty gold: one version per film, so imdb_id is the key (a second is a difference).
        [GoldPaths.MovieHistory] = "imdb_id",
        [GoldPaths.GenreSummary] = "genre",
        [GoldPaths.DecadeSummary] = "decade",
        [GoldPaths.DirectorSummary] = "director",
        [GoldPaths.RunQuality] = "run_id",
    };

    /// <summary>One side's output: the folder of its latest copy and of its history copy.</summary>
    public sealed record Output(string Name, string LatestFolder, string HistoryFolder);

    /// <summary>Compares every gold table of <paramref name="left"/> and <paramref name="right"/>; returns the
    /// number of cells compared (Parquet across sides, plus each side's CSV against its Parquet).</summary>
    public static long Compare(Output left, Output right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var problems = new List<string>();
        long cells = 0;
        foreach (var table in GoldPaths.Tables)
        {
            var leftFiles = Files(left, table, problems);
            var rightFiles = Files(right, table, problems);
            if (leftFiles is null || rightFiles is null)
            {
                continue;
            }

            var leftColumns = Schema(connection, Scan(leftFiles.Value.Parquet));
            var rightColumns = Schema(connection, Scan(rightFiles.Value.Parquet));
            if (!leftColumns.SequenceEqual(rightColumns))
            {
                problems.Add($"{table}: the columns differ: {left.Name} has {Describe(leftColumns)}; {right.Name} has {Describe(rightColumns)}");
                continue;
            }

            var key = Keys[table];
            foreach (var (side, files) in new[] { (left, leftFiles.Value), (right, rightFiles.Value) })
            {
                if (Scalar(connection, $"SELECT count(*) - count(DISTINCT \"{key}\") FROM {Scan(files.Parquet)}") != 0)
                {
                    problems.Add($"{table}: {side.Name} has duplicate {key} values");
                }
            }

            cells += Differences(connection, table, key, leftColumns, (left.Name, Scan(leftFiles.Value.Parquet)), (right.Name, Scan(rightFiles.Value.Parquet)), Tolerance, problems);
            foreach (var (side, files) in new[] { (left, leftFiles.Value), (right, rightFiles.Value) })
            {
                var header = File.ReadLines(files.Csv).FirstOrDefault() ?? string.Empty;
                if (header != string.Join(',', leftColumns.Select(c => c.Name)))
                {
                    problems.Add($"{table}: {side.Name}'s CSV header '{header}' does not name its Parquet columns");
                    continue;
                }

                cells += Differences(connection, table, key, leftColumns, ($"{side.Name} Parquet", Scan(files.Parquet)), ($"{side.Name} CSV", CsvScan(files.Csv, leftColumns)), CsvTolerance, problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The gold builds of {left.Name} and {right.Name} differ, so their timings would not compare the same work:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        return cells;
    }

    private static (string Parquet, string Csv)? Files(Output side, string table, List<string> problems)
    {
        var found = true;
        foreach (var extension in new[] { "parquet", "csv" })
        {
            var latest = Path.Combine(side.LatestFolder, $"{table}.{extension}");
            var history = Path.Combine(side.HistoryFolder, $"{table}.{extension}");
            if (!File.Exists(latest) || !File.Exists(history))
            {
                problems.Add($"{table}: {side.Name} wrote no {(File.Exists(latest) ? history : latest)}");
                found = false;
            }
            else if (!File.ReadAllBytes(latest).AsSpan().SequenceEqual(File.ReadAllBytes(history)))
            {
                problems.Add($"{table}: {side.Name}'s latest and history {extension} files differ");
                found = false;
            }
        }

        return found ? (Path.Combine(side.LatestFolder, table + ".parquet"), Path.Combine(side.LatestFolder, table + ".csv")) : null;
    }

    /// <summary>Rows on one side only, and rows whose cells differ; adds up to <see cref="Examples"/> of them
    /// to <paramref name="problems"/>. Returns the cells compared.</summary>
    private static long Differences(DuckDBConnection connection, string table, string key, List<(string Name, string Type)> columns,
        (string Name, string Scan) left, (string Name, string Scan) right, double tolerance, List<string> problems)
    {
        var conditions = columns.Select(c => (c.Name, Same: Same(c, tolerance))).ToList();
        var cellDiffs = string.Join(", ", conditions.Select(c =>
            $"CASE WHEN NOT {c.Same} THEN '{c.Name}: ' || coalesce(CAST(l.\"{c.Name}\" AS VARCHAR), 'null') || ' vs ' || coalesce(CAST(r.\"{c.Name}\" AS VARCHAR), 'null') END"));
        var sql = $"""
            SELECT CAST(coalesce(l."{key}", r."{key}") AS VARCHAR), l."{key}" IS NULL, r."{key}" IS NULL, concat_ws('; ', {cellDiffs}), count(*) OVER ()
            FROM {left.Scan} l FULL OUTER JOIN {right.Scan} r ON l."{key}" = r."{key}"
            WHERE l."{key}" IS NULL OR r."{key}" IS NULL OR NOT ({string.Join(" AND ", conditions.Select(c => c.Same))})
            ORDER BY 1
            LIMIT {Examples}
            """;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var examples = new List<string>();
        long differing = 0;
        while (reader.Read())
        {
            differing = reader.GetInt64(4);
            var at = $"{key} {reader.GetString(0)}";
            examples.Add(reader.GetBoolean(1) ? $"{at} only in {right.Name}" : reader.GetBoolean(2) ? $"{at} only in {left.Name}" : $"{at}: {reader.GetString(3)}");
        }

        if (differing > 0)
        {
            problems.Add($"{table}: {differing} rows differ between {left.Name} and {right.Name}, e.g. {string.Join(" | ", examples)}");
        }

        return Scalar(connection, $"SELECT count(*) FROM {left.Scan}") * columns.Count;
    }

    /// <summary>True when a column's two cells agree: both null, or equal (doubles within the tolerance).</summary>
    private static string Same((string Name, string Type) column, double tolerance)
    {
        var (l, r) = ($"l.\"{column.Name}\"", $"r.\"{column.Name}\"");
        return column.Type is "DOUBLE" or "FLOAT"
            ? string.Create(CultureInfo.InvariantCulture, $"coalesce(({l} IS NULL AND {r} IS NULL) OR abs({l} - {r}) <= {tolerance:R} + 1e-9 * greatest(abs({l}), abs({r})), false)")
            : $"({l} IS NOT DISTINCT FROM {r})";
    }

    private static List<(string Name, string Type)> Schema(DuckDBConnection connection, string scan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {scan}";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static string Describe(IEnumerable<(string Name, string Type)> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));

    private static string Scan(string parquet) => $"read_parquet({Literal(parquet)})";

    /// <summary>A CSV read with its Parquet's column types, so values compare as values, not as text.</summary>
    private static string CsvScan(string csv, IEnumerable<(string Name, string Type)> columns)
    {
        var types = new StringBuilder();
        foreach (var (name, type) in columns)
        {
            types.Append(types.Length == 0 ? string.Empty : ", ").Append(Literal(name)).Append(": ").Append(Literal(type));
        }

        return $"read_csv({Literal(csv)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', nullstr = '', columns = {{{types}}})";
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
