using System.Text.Json;
using CsvHelper;

namespace Movies.Pipeline.Providers;

/// <summary>Reads a provider file into raw rows by its part's declared columns: CSV with CsvHelper (a header row, the
/// provider's delimiter, header names matched trimmed and case-insensitive), JSON with System.Text.Json (the array at
/// <c>records</c>, or the whole document; each row an object, <c>from</c> a dotted path into it). A file that cannot be
/// read as declared (not CSV or JSON, a declared CSV column missing, no array where the rows should be) is refused
/// whole with <see cref="PipelineInputException"/>, as is a file or a field over its <see cref="ProviderLimits"/>; a single
/// bad row is returned as malformed, for silver to reject.</summary>
public static class ProviderFileReader
{
    public static IReadOnlyList<RawRecord> Read(BinaryData content, Provider provider, ProviderPart part, string fileName, ProviderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(part);
        limits ??= ProviderLimits.Default;
        var where = $"{provider.Name} file '{fileName}' (part {part.Name})";
        limits.CheckFile(where, content.ToMemory().Length);
        return provider.Format == ProviderFormat.Csv ? ReadCsv(content, provider, part, where, limits) : ReadJson(content, provider, part, where, limits);
    }

    private static List<RawRecord> ReadCsv(BinaryData content, Provider provider, ProviderPart part, string where, ProviderLimits limits)
    {
        var options = new CsvReaderOptions
        {
            Separator = provider.Delimiter,
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            // An unclosed quote or a giant line never grows the reader's buffer past a bound; the fields are checked below.
            MaxRecordSize = (int)Math.Min(int.MaxValue / 2, (long)limits.MaxFieldBytes * 64),
        };
        var records = new List<RawRecord>();
        try
        {
            using var csv = CsvReader.Create(content.ToMemory(), options);
            var names = csv.Headers?.Select(h => h.Trim()).ToList() ?? [];
            foreach (var name in names)
            {
                limits.CheckField(where, 0, name.Length > 40 ? name[..40] + "..." : name, System.Text.Encoding.UTF8.GetByteCount(name));
            }

            if (names.Count == 0 || names.All(n => n.Length == 0))
            {
                throw new PipelineInputException($"{where} is empty: a CSV file starts with a header row.");
            }

            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var column in part.Columns)
            {
                var matches = names.Select((name, i) => (name, i)).Where(h => string.Equals(h.name, column.From, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count != 1)
                {
                    throw new PipelineInputException(matches.Count == 0
                        ? $"{where} has no column '{column.From}' (its header: {string.Join(", ", names)})."
                        : $"{where} has the column '{column.From}' twice.");
                }

                indexes[column.From] = matches[0].i;
            }

            var number = 0;
            while (csv.Read())
            {
                number++;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    limits.CheckField(where, number, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), csv.GetSpan(i).Length);
                }

                if (csv.FieldCount != names.Count)
                {
                    records.Add(new RawRecord(number, new Dictionary<string, RawValue>(), $"{csv.FieldCount} fields where the header has {names.Count}"));
                    continue;
                }

                var values = new Dictionary<string, RawValue>(StringComparer.Ordinal);
                foreach (var (from, index) in indexes)
                {
                    values[from] = new RawValue(csv.GetString(index) ?? string.Empty);
                }

                records.Add(new RawRecord(number, values));
            }
        }
        catch (CsvFormatException e)
        {
            throw new PipelineInputException($"{where} is not readable CSV (line {e.LineNumber}): {FirstLine(e.Message)}", e);
        }

        return records;
    }

    private static List<RawRecord> ReadJson(BinaryData content, Provider provider, ProviderPart part, string where, ProviderLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToMemory());
        }
        catch (JsonException e)
        {
            throw new PipelineInputException($"{where} is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {FirstLine(e.Message)}", e);
        }

        using (document)
        {
            var rows = document.RootElement;
            if (provider.Records is { } path)
            {
                foreach (var name in path.Split('.'))
                {
                    if (rows.ValueKind != JsonValueKind.Object || !rows.TryGetProperty(name, out rows))
                    {
                        throw new PipelineInputException($"{where} has no '{path}' (where its rows should be, by the provider's records).");
                    }
                }
            }

            if (rows.ValueKind != JsonValueKind.Array)
            {
                throw new PipelineInputException($"{where}: {(provider.Records is null ? "the document" : $"'{provider.Records}'")} is not an array of rows.");
            }

            var records = new List<RawRecord>();
            var number = 0;
            foreach (var row in rows.EnumerateArray())
            {
                number++;
                if (row.ValueKind != JsonValueKind.Object)
                {
                    records.Add(new RawRecord(number, new Dictionary<string, RawValue>(), $"a {row.ValueKind.ToString().ToLowerInvariant()}, not an object"));
                    continue;
                }

                var values = new Dictionary<string, RawValue>(StringComparer.Ordinal);
                foreach (var column in part.Columns)
                {
                    if (Find(row, column.From) is { } value)
                    {
                        limits.CheckField(where, number, column.From, System.Text.Encoding.UTF8.GetByteCount(value.Text));
                        values[column.From] = value;
                    }
                }

                records.Add(new RawRecord(number, values));
            }

            return records;
        }
    }

    /// <summary>The value at a dotted path, as text: strings as they are, numbers as JSON wrote them, booleans as
    /// true/false; null or missing as no value; an object or array as its JSON (which no field type parses).</summary>
    private static RawValue? Find(JsonElement row, string path)
    {
        var current = row;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => new RawValue(current.GetString()!),
            JsonValueKind.Number => new RawValue(current.GetRawText(), IsJsonNumber: true),
            JsonValueKind.True => new RawValue("true"),
            JsonValueKind.False => new RawValue("false"),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => new RawValue(current.GetRawText()),
        };
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
