using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Movies.Cli.Output;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Cli.Commands;

/// <summary><c>movies sql "QUERY"</c>: DuckDB over gold/latest, each Parquet table a view by its name. The tables
/// of one published version are copied to a local snapshot (<see cref="GoldSnapshotCache"/>), and the query runs
/// sandboxed: read-only statements only, no file but the snapshot's, settings locked.</summary>
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
            throw new Pipeline.PipelineInputException("Give a query, or --tables to list the gold tables.");
        }

        var settings = CommonOptions.LakeSettings(result);
        using var services = CliHost.Build(settings, result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var lake = services.GetRequiredService<ILakeStore>();
        var tables = await GoldSnapshotCache.LocateAsync(lake, result.GetValue(Cache), cancellationToken);
        if (tables.Count == 0)
        {
            throw new Pipeline.PipelineInputException("The lake has no gold tables yet (gold/latest/*.parquet); run `movies run` first.");
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        foreach (var (name, path) in tables)
        {
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet({Literal(path)})";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!listTables)
        {
            await RefuseAllButQueriesAsync(connection, query!, cancellationToken);
        }

        await SandboxAsync(connection, tables.Values, cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = listTables
            ? string.Join(" UNION ALL ", tables.Keys.Select(t => $"SELECT '{t}' AS \"table\", count(*) AS \"rows\" FROM \"{t}\"")) + " ORDER BY 1"
            : query!;
        List<string> columns;
        var rows = new List<object?[]>();
        try
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
            }
        }
        catch (DuckDBException e)
        {
            throw new Pipeline.PipelineInputException($"Query failed: {e.Message}");
        }

        var format = result.GetValue(Format);
        if (columns.Count == 0 || (rows.Count == 0 && format == "table"))
        {
            // No result, or no rows to show: nothing to print.
            return ExitCodes.Done;
        }

        switch (format)
        {
            case "csv": WriteCsv(columns, rows); break;
            case "json": WriteJson(columns, rows); break;
            default: WriteTable(columns, rows); break;
        }

        return ExitCodes.Done;
    }

    /// <summary>Only read-only queries run: DuckDB can serialize exactly the SELECT family (SELECT, WITH, FROM…,
    /// VALUES, DESCRIBE, SHOW, SUMMARIZE), so anything it cannot (COPY, ATTACH, INSTALL, SET, CREATE…) is refused.</summary>
    private static async Task RefuseAllButQueriesAsync(DuckDBConnection connection, string query, CancellationToken cancellationToken)
    {
        using var check = connection.CreateCommand();
        check.CommandText = $"SELECT json_serialize_sql({Literal(query)}::VARCHAR)";
        using var verdict = JsonDocument.Parse((string)(await check.ExecuteScalarAsync(cancellationToken))!);
        var root = verdict.RootElement;
        if (!root.GetProperty("error").GetBoolean())
        {
            return;
        }

        var reason = root.TryGetProperty("error_message", out var message) ? message.GetString() : null;
        throw new Pipeline.PipelineInputException(root.TryGetProperty("error_type", out var type) && type.GetString() == "parser"
            ? $"Query failed: Parser Error: {reason}"
            : "Refused: movies sql runs read-only queries only (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) over the gold tables; it does not write, attach, install or set anything.");
    }

    /// <summary>No file but the gold snapshot's tables may be touched, no extension loaded, and no setting changed
    /// back (DuckDB's enable_external_access with allowed_paths, then lock_configuration).</summary>
    private static async Task SandboxAsync(DuckDBConnection connection, IEnumerable<string> allowed, CancellationToken cancellationToken)
    {
        using var sandbox = connection.CreateCommand();
        sandbox.CommandText = $"SET allowed_paths = [{string.Join(", ", allowed.Select(Literal))}]; "
            + "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false; "
            + "SET enable_external_access = false; SET lock_configuration = true;";
        await sandbox.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private static void WriteTable(List<string> columns, List<object?[]> rows)
        => ResultRenderer.ForStandardOutput().Write(columns, [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Text)])]);

    private static void WriteCsv(List<string> columns, List<object?[]> rows)
    {
        using var csv = CsvWriter.Create(Console.Out, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(Text(value));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    private static void WriteJson(List<string> columns, List<object?[]> rows)
    {
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
