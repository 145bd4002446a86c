using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>What one promotion publishes, given to <see cref="GoldCommitter.CommitAsync"/>: named tables (each
/// written as Parquet and CSV to the run's history and to latest), files published with them
/// (<see cref="AddLatestFile"/>: the run's report as <c>reports/latest.html</c>), and files beside them
/// (<see cref="AddFile"/>: the run's history manifest, its own report). Adding a table is one
/// <see cref="AddTable{T}"/> call; the table that names runs (<see cref="GoldPaths.RunQuality"/>) is always
/// published last.</summary>
public sealed class GoldChanges
{
    private readonly List<Table> _tables = [];
    private readonly List<(string Name, BinaryData Content)> _files = [];
    private readonly List<(string Name, BinaryData Content)> _latestFiles = [];
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

        _tables.Add(new Table(table, (long)rows.Count * CsvTableWriter.ColumnNames<T>().Count,
            token => ParquetTable.WriteAsync(rows, token), () => CsvTableWriter.Write(rows)));
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

        _tables.Add(new Table(table, (long)rows.RowCount * rows.Columns.Count, rows.ToParquetAsync, () => CsvTableWriter.Write(rows)));
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

    /// <summary>A gold blob that belongs to the published version, as the latest tables do: its copy goes to the
    /// run's history folder first (<see cref="GoldPaths.HistoryOf"/>), the version marker lists it with its SHA-256,
    /// and it reaches <paramref name="name"/> with the latest tables, before the marker (a cut-short commit is rolled
    /// forward with it). So it always shows the version the marker names, whatever promotions run at once.</summary>
    public GoldChanges AddLatestFile(string name, BinaryData content)
    {
        LakeNames.Validate(LakeContainers.Gold, name);
        ArgumentNullException.ThrowIfNull(content);
        if (name.StartsWith(GoldPaths.LatestFolder + "/", StringComparison.Ordinal) || name.StartsWith("history/", StringComparison.Ordinal)
            || name.StartsWith('_') || _latestFiles.Any(f => f.Name == name))
        {
            throw new ArgumentException($"gold/{name} cannot be published with the tables: latest/ and history/ hold the tables, _ files the commit's own, and each name goes once.", nameof(name));
        }

        _latestFiles.Add((name, content));
        return this;
    }

    /// <summary>The tables in publication order: as added, with run_quality moved last.</summary>
    internal IEnumerable<Table> TablesInOrder
        => _tables.Where(t => t.Name != GoldPaths.RunQuality).Concat(_tables.Where(t => t.Name == GoldPaths.RunQuality));

    internal IReadOnlyList<(string Name, BinaryData Content)> Files => _files;

    internal IReadOnlyList<(string Name, BinaryData Content)> LatestFiles => _latestFiles;

    /// <summary>A table to serialize: <paramref name="Cells"/> (rows × columns) says how big, so the largest start first.</summary>
    internal sealed record Table(string Name, long Cells, Func<CancellationToken, Task<BinaryData>> Parquet, Func<BinaryData> Csv);
}
