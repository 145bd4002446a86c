using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Providers;

/// <summary>Merges the current file of each part of a provider into the provider's one silver table (box office's
/// domestic, international and financials files into <c>box_office</c>): rows of the same join key become one row with
/// the fields of every part; keys, title and year come from the first part (in declaration order) that has the row.
/// Rows are ordered by join key, so the table depends only on the files, not on the order they arrived in.</summary>
public static class ProviderTableMerger
{
    public static ColumnTable Merge(Provider provider, IReadOnlyList<(ProviderPart Part, ColumnTable Rows)> parts)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(parts);
        var ordered = parts.OrderBy(p => provider.Parts.ToList().FindIndex(d => d.Name == p.Part.Name)).ToList();
        var rows = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        foreach (var (part, table) in ordered)
        {
            var imdb = table[ProviderKeys.ImdbId];
            var title = table[ProviderKeys.Title];
            var year = table[ProviderKeys.Year];
            var titleKey = table[ProviderKeys.TitleKeyColumn];
            var sources = table[ProviderKeys.SourceRowsColumn];
            for (var i = 0; i < table.RowCount; i++)
            {
                var key = ProviderRows.JoinKeyOf(provider, (string?)imdb[i], (string?)titleKey[i], (int?)year[i])
                    ?? throw new InvalidDataException($"A {provider.Name} silver row ({sources[i]}) has no join key.");
                if (!rows.TryGetValue(key, out var row))
                {
                    row = rows[key] = new Row((string?)imdb[i], (string?)title[i], (int?)year[i], (string?)titleKey[i]);
                }

                row.Sources.Add((string)sources[i]!);
                foreach (var field in part.FieldColumns)
                {
                    row.Values[field.To] = table[field.To][i];
                }
            }
        }

        var list = rows.Values.ToList();
        var columns = new List<ColumnValues>
        {
            new(ProviderKeys.ImdbId, list.Select(r => r.ImdbId).ToArray()),
            new(ProviderKeys.Title, list.Select(r => r.Title).ToArray()),
            new(ProviderKeys.Year, list.Select(r => r.Year).ToArray()),
            new(ProviderKeys.TitleKeyColumn, list.Select(r => r.TitleKey).ToArray()),
        };
        foreach (var field in provider.FieldColumns)
        {
            var values = FieldTypes.NewColumn(field.Type, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                values.SetValue(list[i].Values.GetValueOrDefault(field.To), i);
            }

            columns.Add(new(field.To, values));
        }

        columns.Add(new(ProviderKeys.SourceRowsColumn, list.Select(r => string.Join("; ", r.Sources)).ToArray()));
        return new ColumnTable(columns, list.Count);
    }

    private sealed record Row(string? ImdbId, string? Title, int? Year, string? TitleKey)
    {
        public List<string> Sources { get; } = [];

        public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
    }
}
