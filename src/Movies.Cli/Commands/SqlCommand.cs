using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Cli.Output;
using Movies.Cli.Sql;
using Movies.Pipeline;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Cli.Commands;

/// <summary><c>movies sql "QUERY"</c>: DuckDB over gold/latest, each Parquet table a view by its name. The tables
/// of one published version are copied to a private local snapshot (<see cref="GoldSnapshotCache"/>), and the query
/// runs in <see cref="GoldSqlSession"/>: sandboxed before any view is made, read-only, bounded in time, memory and
/// disk, its rows streamed.</summary>
public static class SqlCommand
{
    private static readonly Argument<string?> Query = new("query") { Description = "SQL to run, e.g. \"select * from genre_summary\"", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Tables = new("--tables") { Description = "List the gold tables with their row counts" };
    private static readonly Option<string> Format = new("--format") { Description = "Output: table, csv or json", DefaultValueFactory = _ => "table" };
    private static readonly Option<string?> Cache = new("--cache") { Description = "Local folder for snapshots of gold/latest, one subfolder per lake and version (default: a folder under the temp path)" };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("sql", "Query gold/latest with DuckDB; each table is a view by its name (movies_unified, genre_summary, ...)");
        command.Arguments.Add(Query);
        command.Options.Add(Tables);
        command.Options.Add(Format);
        command.Options.Add(Cache);
        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => RunAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var query = result.GetValue(Query);
        var listTables = result.GetValue(Tables);
        if (string.IsNullOrWhiteSpace(query) && !listTables)
        {
            throw new PipelineInputException("Give a query, or --tables to list the gold tables.");
        }

        var settings = CommonOptions.LakeSettings(result);
        using var services = CliHost.Build(settings, result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result),
            s => s.AddOptions<SqlOptions>().BindFlatConfiguration().ValidateOnStart());
        var lake = services.GetRequiredService<ILakeStore>();
        var lakeFolder = GoldSnapshotCache.LakeFolder(lake, result.GetValue(Cache));
        var tables = await GoldSnapshotCache.LocateAsync(lake, lakeFolder, cancellationToken);
        if (tables.Count == 0)
        {
            throw new PipelineInputException("The lake has no gold tables yet (gold/latest/*.parquet); run `movies run` first.");
        }

        using var session = GoldSqlSession.Open(tables, lakeFolder, services.GetRequiredService<IOptions<SqlOptions>>().Value);
        if (!listTables)
        {
            session.RefuseAllButQueries(query!);
        }

        var format = result.GetValue(Format);
        session.Run(listTables ? session.TablesQuery() : query!, (columns, rows) =>
        {
            switch (format)
            {
                case "csv": WriteCsv(columns, rows); break;
                case "json": WriteJson(columns, rows); break;
                default: WriteTable(columns, rows); break;
            }
        }, cancellationToken);
        return ExitCodes.Done;
    }

    /// <summary>Rows the table format holds to align its columns; a longer result is cut there, with a note on stderr
    /// (csv and json stream every row).</summary>
    internal const int MaxTableRows = 10_000;

    /// <summary>Characters of values the table format holds, however few the rows.</summary>
    internal const long MaxTableChars = 64L * 1024 * 1024;

    /// <summary>The table format aligns its columns, so it holds the rows: at most <see cref="MaxTableRows"/> and
    /// <see cref="MaxTableChars"/>; the rest is not read, and stderr says so. No rows: nothing printed.</summary>
    private static void WriteTable(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var held = new List<IReadOnlyList<string>>();
        var chars = 0L;
        var cut = false;
        foreach (var row in rows)
        {
            if (held.Count == MaxTableRows || chars > MaxTableChars)
            {
                cut = true;
                break;
            }

            IReadOnlyList<string> cells = [.. row.Select(Text)];
            chars += cells.Sum(c => (long)c.Length);
            held.Add(cells);
        }

        if (columns.Count > 0 && held.Count > 0)
        {
            ResultRenderer.ForStandardOutput().Write(columns, held);
        }

        if (cut)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: only the first {held.Count:N0} rows are shown (the table format holds at most {MaxTableRows:N0} rows or {MaxTableChars / (1024 * 1024)} MB); add a LIMIT, or use --format csv|json for every row."));
        }
    }

    /// <summary>CSV streamed: each row written as it is read, text cells neutralised against formula injection
    /// (<see cref="CsvCells"/>, as in gold's CSV files).</summary>
    private static void WriteCsv(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        if (columns.Count == 0)
        {
            return;
        }

        using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024);
        using var csv = CsvWriter.Create(output, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                // Text (a list is text too) neutralised as gold's CSV is; numbers, dates and booleans as they are.
                csv.WriteField(value is string or System.Collections.IEnumerable ? CsvCells.Neutralise(Text(value)) : Text(value));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>JSON streamed: an array written row by row, flushed as it grows.</summary>
    private static void WriteJson(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        if (columns.Count == 0)
        {
            return;
        }

        using var stream = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    json.WritePropertyName(columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        case double n when double.IsFinite(n): json.WriteNumberValue(n); break;
                        case decimal n: json.WriteNumberValue(n); break;
                        case System.Numerics.BigInteger n: json.WriteRawValue(n.ToString(CultureInfo.InvariantCulture)); break;
                        default: json.WriteStringValue(Text(row[i])); break;
                    }
                }

                json.WriteEndObject();
                if (json.BytesPending > 64 * 1024)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
        }

        stream.WriteByte((byte)'\n');
    }

    private static string Text(object? value) => value switch
    {
        System.Collections.IEnumerable list and not string => string.Join(GoldTables.ListSeparator, list.Cast<object?>().Select(Text)),
        _ => CsvTableWriter.Format(value),
    };
}
