using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>What one promotion publishes: named tables (each written as Parquet and CSV to the run's history and
/// to latest) and any other gold files (a run's report, its history manifest), given to
/// <see cref="GoldCommitter.CommitAsync"/>. Adding a table is one <see cref="AddTable{T}"/> call; the table that
/// names runs (<see cref="GoldPaths.RunQuality"/>) is always published last.</summary>
public sealed class GoldChanges
{
    private readonly List<Table> _tables = [];
    private readonly List<(string Name, BinaryData Content)> _files = [];
    private readonly SortedDictionary<string, int> _rows = new(StringComparer.Ordinal);

    /// <summary>Rows per table added so far, by table name.</summary>
    public IReadOnlyDictionary<string, int> TableRows => _rows;

    public GoldChanges AddTable<T>(string table, IReadOnlyCollection<T> rows)
        where T : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(rows);
        if (!_rows.TryAdd(table, rows.Count))
        {
            throw new ArgumentException($"Table {table} is already part of this change.", nameof(table));
        }

        _tables.Add(new Table(table, token => ParquetTable.WriteAsync(rows, token), () => CsvTableWriter.Write(rows)));
        return this;
    }

    /// <summary>A table whose columns are known at run time (<c>movies_unified</c> with the provider fields).</summary>
    public GoldChanges AddTable(string table, ColumnTable rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(rows);
        if (!_rows.TryAdd(table, rows.RowCount))
        {
            throw new ArgumentException($"Table {table} is already part of this change.", nameof(table));
        }

        _tables.Add(new Table(table, rows.ToParquetAsync, () => CsvTableWriter.Write(rows)));
        return this;
    }

    /// <summary>A gold blob beside the tables (full name in the gold container, e.g. <c>reports/…</c>), written
    /// after the history copy and before latest changes.</summary>
    public GoldChanges AddFile(string name, BinaryData content)
    {
        LakeNames.Validate(LakeContainers.Gold, name);
        ArgumentNullException.ThrowIfNull(content);
        _files.Add((name, content));
        return this;
    }

    /// <summary>The tables in publication order: as added, with run_quality moved last.</summary>
    internal IEnumerable<Table> TablesInOrder
        => _tables.Where(t => t.Name != GoldPaths.RunQuality).Concat(_tables.Where(t => t.Name == GoldPaths.RunQuality));

    internal IReadOnlyList<(string Name, BinaryData Content)> Files => _files;

    internal sealed record Table(string Name, Func<CancellationToken, Task<BinaryData>> Parquet, Func<BinaryData> Csv);
}
