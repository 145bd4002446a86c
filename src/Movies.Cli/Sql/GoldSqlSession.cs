using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Movies.Pipeline;
using Movies.Pipeline.Lake;

namespace Movies.Cli.Sql;

/// <summary>DuckDB over a gold snapshot, locked down before anything built from lake data runs: its memory, threads and
/// spill space bounded (<see cref="SqlOptions"/>), spills in a private folder of this session's own, no file readable but
/// the snapshot's tables, no extension loaded, settings locked; only then a view per table, its name from the lake
/// checked against the allow-list and quoted. Queries are read-only, run for at most <c>SQL_TIMEOUT_SECONDS</c> and
/// stream their rows.</summary>
public sealed class GoldSqlSession : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _spill;
    private readonly SqlOptions _options;

    private GoldSqlSession(DuckDBConnection connection, string spill, SqlOptions options)
    {
        _connection = connection;
        _spill = spill;
        _options = options;
    }

    public IReadOnlyList<string> Tables { get; private set; } = [];

    /// <summary>Opens the session over <paramref name="tables"/> (table name to local Parquet path); DuckDB's spill files go
    /// to a new folder under <paramref name="privateFolder"/>, removed when the session ends.</summary>
    public static GoldSqlSession Open(IReadOnlyDictionary<string, string> tables, string privateFolder, SqlOptions options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        var spill = PrivateFolder.Ensure(Path.Combine(privateFolder, $".duckdb-{Guid.NewGuid():N}"));
        var connection = new DuckDBConnection("Data Source=:memory:");
        var session = new GoldSqlSession(connection, spill, options);
        try
        {
            connection.Open();
            session.Execute(
                string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{options.MemoryLimitMb}MiB'; SET threads = {SqlOptions.Threads}; ")
                + $"SET temp_directory = {Literal(spill)}; "
                + string.Create(CultureInfo.InvariantCulture, $"SET max_temp_directory_size = '{(long)options.MemoryLimitMb * SqlOptions.TempLimitFactor}MiB'; ")
                + $"SET allowed_paths = [{string.Join(", ", tables.Values.Select(Literal))}]; "
                + "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false; "
                + "SET enable_external_access = false; SET lock_configuration = true;");
            foreach (var (name, path) in tables)
            {
                session.Execute($"CREATE VIEW {Identifier(name)} AS SELECT * FROM read_parquet({Literal(path)})");
            }

            session.Tables = [.. tables.Keys];
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Only read-only queries run: DuckDB can serialize exactly the SELECT family (SELECT, WITH, FROM…,
    /// VALUES, DESCRIBE, SHOW, SUMMARIZE), so anything it cannot (COPY, ATTACH, INSTALL, SET, CREATE…) is refused.</summary>
    public void RefuseAllButQueries(string query)
    {
        using var check = _connection.CreateCommand();
        check.CommandText = $"SELECT json_serialize_sql({Literal(query)}::VARCHAR)";
        using var verdict = JsonDocument.Parse((string)check.ExecuteScalar()!);
        var root = verdict.RootElement;
        if (!root.GetProperty("error").GetBoolean())
        {
            return;
        }

        var reason = root.TryGetProperty("error_message", out var message) ? message.GetString() : null;
        throw new PipelineInputException(root.TryGetProperty("error_type", out var type) && type.GetString() == "parser"
            ? $"Query failed: Parser Error: {reason}"
            : "Refused: movies sql runs read-only queries only (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) over the gold tables; it does not write, attach, install or set anything.");
    }

    /// <summary>The query listing every table with its row count.</summary>
    public string TablesQuery()
        => string.Join(" UNION ALL ", Tables.Select(t => $"SELECT {Literal(t)} AS \"table\", count(*) AS \"rows\" FROM {Identifier(t)}")) + " ORDER BY 1";

    /// <summary>Runs <paramref name="sql"/> and hands its column names, then each row as it is read, to
    /// <paramref name="consume"/>: rows are streamed from DuckDB, never all held. The whole run, reading included, is
    /// stopped at <c>SQL_TIMEOUT_SECONDS</c> (then <see cref="PipelineInputException"/> says so) or when
    /// <paramref name="cancellationToken"/> is cancelled (then <see cref="QueryCancelledException"/>).</summary>
    public void Run(string sql, Action<IReadOnlyList<string>, IEnumerable<object?[]>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var timeout = new CancellationTokenSource();
        if (_options.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        // DuckDB's interrupt: the query stops at its next check, in any operator (an endless recursive CTE included).
        using var interrupt = stop.Token.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            consume(columns, Rows(reader, stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException || (e is DuckDBException && stop.IsCancellationRequested))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new QueryCancelledException("Query cancelled; nothing was changed.");
            }

            throw new PipelineInputException(string.Create(CultureInfo.InvariantCulture,
                $"Query stopped after {_options.TimeoutSeconds} s (SQL_TIMEOUT_SECONDS): narrow it, add a LIMIT, or raise the setting."));
        }
        catch (DuckDBException e)
        {
            throw new PipelineInputException($"Query failed: {e.Message}");
        }
    }

    private static IEnumerable<object?[]> Rows(System.Data.Common.DbDataReader reader, CancellationToken stop)
    {
        while (reader.Read())
        {
            stop.ThrowIfCancellationRequested();
            yield return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))];
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            Directory.Delete(_spill, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next session's owner to see; it is private to this user.
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A lake-supplied table name as a SQL identifier: only names on the lake's allow-list, and quoted with
    /// quotes doubled all the same.</summary>
    internal static string Identifier(string name)
    {
        if (!LakeNames.IsIdentifier(name))
        {
            throw new InvalidDataException($"'{name}' is not a gold table name (lower-case letters, digits and '_', starting with a letter).");
        }

        return $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    internal static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
