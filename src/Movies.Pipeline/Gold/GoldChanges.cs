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

    /// <summary>Starts serializing the tables added so far on the thread pool, while the caller goes on computing the
    /// others (the commit serializes what is not started yet and waits for all). The rows must not change after this.</summary>
    public GoldChanges StartSerializing(CancellationToken cancellationToken = default)
    {
        foreach (var table in _tables)
        {
            _ = table.ParquetAsync(cancellationToken);
            _ = table.CsvAsync(cancellationToken);
        }

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

    /// <summary>A table to serialize: <see cref="Cells"/> (rows × columns) says how big, so the largest start first. Each
    /// form is serialized once, on the thread pool, by whichever asks first (<see cref="StartSerializing"/> or the commit).</summary>
    internal sealed class Table(string name, long cells, Func<CancellationToken, Task<BinaryData>> parquet, Func<BinaryData> csv)
    {
        private readonly Lock _gate = new();
        private Task<BinaryData>? _parquet;
        private Task<BinaryData>? _csv;

        public string Name => name;

        public long Cells => cells;

        public Task<BinaryData> ParquetAsync(CancellationToken cancellationToken) => Once(ref _parquet, () => parquet(cancellationToken), cancellationToken);

        public Task<BinaryData> CsvAsync(CancellationToken cancellationToken) => Once(ref _csv, () => Task.FromResult(csv()), cancellationToken);

        private Task<BinaryData> Once(ref Task<BinaryData>? started, Func<Task<BinaryData>> make, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (started is null)
                {
                    started = Task.Run(make, cancellationToken);
                    // A commit that fails before it waits for this still observes its failure.
                    _ = started.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                return started;
            }
        }
    }
}
