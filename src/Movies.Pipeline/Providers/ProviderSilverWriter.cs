using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Providers;

/// <summary>Bronze to silver for provider files. Each file gets its own silver (typed rows with canonical names, rejects
/// with reason codes, and <c>_file.json</c> last), derived from its content alone, so redoing it writes the same bytes.
/// Then, under the provider's lease, the file becomes its part's current file if it is newer (by arrival sequence) than
/// the current one, and the provider table is rebuilt from the current file of every part and named in
/// <c>_current.json</c>, conditionally on the version read: a file processed late never replaces a newer one.</summary>
public sealed class ProviderSilverWriter(ILakeStore lake, ILogger<ProviderSilverWriter> logger, SecretRedactor? redactor = null)
{
    private readonly SecretRedactor _redactor = redactor ?? new SecretRedactor();

    /// <summary>How long a file waits for another of the same provider to finish updating the table.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    /// <summary>The file's silver, written unless it already is (<c>IsNew</c> false then).</summary>
    public async Task<(ProviderFileSilver File, bool IsNew)> WriteFileAsync(Provider provider, ProviderPart part, ProviderArrival arrival,
        Func<IReadOnlyList<RawRecord>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(records);
        var fileBlob = ProviderPaths.SilverFile(provider.Name, arrival.ArrivalId);
        if (await lake.ReadJsonAsync(LakeContainers.Silver, fileBlob, PipelineJsonContext.Blobs.ProviderFileSilver, cancellationToken) is { } done)
        {
            return (done, false);
        }

        var lastYear = arrival.ArrivedAt.UtcDateTime.Year + ValueParser.YearsAhead;
        var rows = ProviderRows.Parse(provider, part, records(), arrival.ArrivalId, lastYear);
        // A reject's detail quotes the provider's value: outside text, redacted before it is logged or stored.
        var rejects = rows.Rejects.Select(r => r with { Detail = _redactor.Redact(r.Detail) }).ToList();
        foreach (var reject in rejects)
        {
            Log.Rejected(logger, provider.Name, arrival.ArrivalId, reject.Row, reject.Reason, reject.Detail);
        }

        var rowsBlob = ProviderPaths.SilverRows(provider.Name, arrival.ArrivalId);
        var rejectsBlob = ProviderPaths.SilverRejects(provider.Name, arrival.ArrivalId);
        await lake.UploadAsync(LakeContainers.Silver, rowsBlob, await rows.Table.ToParquetAsync(cancellationToken), overwrite: true, cancellationToken);
        await lake.UploadAsync(LakeContainers.Silver, rejectsBlob, ToJsonLines(rejects), overwrite: true, cancellationToken);
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var reject in rows.Rejects)
        {
            byReason[reject.Reason] = byReason.GetValueOrDefault(reject.Reason) + 1;
        }

        var file = new ProviderFileSilver(provider.Name, part.Name, arrival.ArrivalId, arrival.Sequence, arrival.ArrivedAt, arrival.FileName, arrival.Sha256,
            rows.Table.RowCount + rows.Rejects.Count, rows.Table.RowCount, rows.Rejects.Count, byReason, rowsBlob, rejectsBlob);
        await lake.WriteJsonAsync(LakeContainers.Silver, fileBlob, file, PipelineJsonContext.Blobs.ProviderFileSilver, overwrite: true, cancellationToken);
        Log.FileInSilver(logger, provider.Name, arrival.ArrivalId, file.SilverRows, file.Rejects);
        if (file.Rejects > 0)
        {
            Log.RejectedRows(logger, provider.Name, arrival.ArrivalId, file.Rejects, file.Rows, string.Join(", ", byReason.Select(r => $"{r.Key} {r.Value}")), rejectsBlob);
        }
        return (file, true);
    }

    /// <summary>Makes <paramref name="file"/> its part's current file unless the current one arrived later (or is this
    /// one). Returns the provider's current state and whether this call changed it.</summary>
    public async Task<(ProviderCurrent Current, bool Changed)> MakeCurrentAsync(Provider provider, ProviderFileSilver file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(file);
        await using var lease = await lake.AcquireLeaseAsync(LakeContainers.Silver, ProviderPaths.CurrentLock(provider.Name), LockWait, cancellationToken);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var token = held.Token;
        var read = await lake.DownloadWithVersionAsync(LakeContainers.Silver, ProviderPaths.Current(provider.Name), token);
        var current = read is null ? null : Deserialize(read.Content, provider.Name);
        if (current is not null && current.Parts.TryGetValue(file.Part, out var present) && present.Sequence >= file.Sequence)
        {
            if (present.Sequence > file.Sequence)
            {
                Log.Superseded(logger, provider.Name, file.ArrivalId, present.ArrivalId);
            }

            return (current, false);
        }

        var parts = new SortedDictionary<string, ProviderFileSilver>(StringComparer.Ordinal);
        foreach (var (name, part) in current?.Parts ?? new Dictionary<string, ProviderFileSilver>())
        {
            // A part no longer declared drops out of the table.
            if (provider.Parts.Any(p => p.Name == name))
            {
                parts[name] = part;
            }
        }

        parts[file.Part] = file;
        var tables = new List<(ProviderPart, ColumnTable)>();
        foreach (var part in parts.Values)
        {
            var content = await lake.DownloadAsync(LakeContainers.Silver, part.RowsBlob, token)
                ?? throw new InvalidDataException($"silver/{part.RowsBlob} of {provider.Name}'s current {part.Part} file is gone.");
            tables.Add((provider.Parts.Single(p => p.Name == part.Part), await ColumnTable.ReadParquetAsync(content, token)));
        }

        var table = ProviderTableMerger.Merge(provider, tables);
        var version = (current?.Version ?? 0) + 1;
        var tableBlob = ProviderPaths.Table(provider.Name, version);
        await lake.UploadAsync(LakeContainers.Silver, tableBlob, await table.ToParquetAsync(token), overwrite: true, token);
        var next = new ProviderCurrent(provider.Name, version, parts, tableBlob, table.RowCount);
        var written = new BinaryData(JsonSerializer.SerializeToUtf8Bytes(next, PipelineJsonContext.Blobs.ProviderCurrent));
        if (!await lake.UploadIfVersionAsync(LakeContainers.Silver, ProviderPaths.Current(provider.Name), written, read?.Version, token))
        {
            throw new InvalidOperationException($"silver/{ProviderPaths.Current(provider.Name)} changed while {file.ArrivalId} held the provider's lease: another process took it over. Ingest the file again.");
        }

        Log.Current(logger, provider.Name, file.ArrivalId, version, table.RowCount);
        return (next, true);
    }

    /// <summary>A provider's current state, or null before its first file.</summary>
    public async Task<ProviderCurrent?> ReadCurrentAsync(string provider, CancellationToken cancellationToken = default)
    {
        var content = await lake.DownloadAsync(LakeContainers.Silver, ProviderPaths.Current(provider), cancellationToken);
        return content is null ? null : Deserialize(content, provider);
    }

    private static ProviderCurrent Deserialize(BinaryData content, string provider)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.ProviderCurrent)
                ?? throw new InvalidDataException($"silver/{ProviderPaths.Current(provider)} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"silver/{ProviderPaths.Current(provider)} is not a provider's current state: {e.Message}", e);
        }
    }

    private static BinaryData ToJsonLines(IEnumerable<ProviderReject> rejects)
    {
        var text = new StringBuilder();
        foreach (var reject in rejects)
        {
            text.Append(JsonSerializer.Serialize(reject, PipelineJsonContext.Lines.ProviderReject)).Append('\n');
        }

        return BinaryData.FromString(text.ToString());
    }
}
