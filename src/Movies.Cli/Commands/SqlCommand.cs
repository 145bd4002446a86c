using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Spectre.Console;

namespace Movies.Cli.Commands;

/// <summary><c>movies sql "QUERY"</c>: DuckDB over gold/latest, each Parquet table a view by its name.
/// A folder lake is read in place; a blob lake's latest is first copied to a local cache folder.</summary>
public static class SqlCommand
{
    private static readonly Argument<string?> Query = new("query") { Description = "SQL to run, e.g. \"select * from genre_summary\"", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Tables = new("--tables") { Description = "List the gold tables with their row counts" };
    private static readonly Option<string> Format = new("--format") { Description = "Output: table, csv or json", DefaultValueFactory = _ => "table" };
    private static readonly Option<string?> Cache = new("--cache") { Description = "Local folder a blob lake's gold/latest is copied to (default: a folder under the temp path)" };

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
        if (settings["LAKE_PATH"] is null && settings["LakeStorage"] is null && Environment.GetEnvironmentVariable("LakeStorage") is null)
        {
            settings["LAKE_PATH"] = Environment.GetEnvironmentVariable("LAKE_PATH") ?? "lake";
        }

        using var services = CliHost.Build(settings, result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var lake = services.GetRequiredService<ILakeStore>();
        var tables = await LocateTablesAsync(lake, result.GetValue(Cache), cancellationToken);
        if (tables.Count == 0)
        {
            throw new Pipeline.PipelineInputException("The lake has no gold tables yet (gold/latest/*.parquet); run `movies run` first.");
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        foreach (var (name, path) in tables)
        {
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

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

        switch (result.GetValue(Format))
        {
            case "csv": WriteCsv(columns, rows); break;
            case "json": WriteJson(columns, rows); break;
            default: WriteTable(columns, rows); break;
        }

        return ExitCodes.Done;
    }

    /// <summary>Table name to local Parquet path for each <c>gold/latest/{table}.parquet</c>.</summary>
    private static async Task<SortedDictionary<string, string>> LocateTablesAsync(ILakeStore lake, string? cache, CancellationToken cancellationToken)
    {
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var local = lake is FileSystemLakeStore ? null : cache ?? Path.Combine(Path.GetTempPath(), "movies-sql-cache", "gold-latest");
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Gold, GoldPaths.LatestFolder + "/", cancellationToken))
        {
            if (!name.EndsWith(".parquet", StringComparison.Ordinal) || name.Count(c => c == '/') != 1)
            {
                continue;
            }

            var table = Path.GetFileNameWithoutExtension(name);
            if (lake is FileSystemLakeStore files)
            {
                tables[table] = Path.Combine(files.Root, LakeContainers.Gold, name.Replace('/', Path.DirectorySeparatorChar));
                continue;
            }

            Directory.CreateDirectory(local!);
            var content = await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken);
            if (content is null)
            {
                continue;
            }

            var path = Path.Combine(local!, table + ".parquet");
            await File.WriteAllBytesAsync(path, content.ToArray(), cancellationToken);
            tables[table] = path;
        }

        return tables;
    }

    private static void WriteTable(List<string> columns, List<object?[]> rows)
    {
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(v => Markup.Escape(Text(v)))]);
        }

        CliConsole.Out.Write(table);
    }

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
