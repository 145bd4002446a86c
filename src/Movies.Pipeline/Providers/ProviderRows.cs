using System.Text.RegularExpressions;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Providers;

/// <summary>One provider file's rows, parsed and validated into its silver table: the key columns every provider table
/// has (<c>imdb_id</c>, <c>title</c>, <c>year</c>, <c>title_key</c>), the part's fields with their canonical names and
/// types, and <c>source_rows</c> (<c>{arrivalId}:{row}</c>); and the rows kept out, each with its reason. Every row of
/// the file ends in exactly one of the two.</summary>
public sealed partial record ProviderRows(ColumnTable Table, IReadOnlyList<ProviderReject> Rejects)
{
    /// <summary>Parses <paramref name="records"/> of a <paramref name="part"/> file that arrived as <paramref name="arrivalId"/>.
    /// Years after <paramref name="lastYear"/> are out of range. A row repeating an earlier row's join key is a duplicate
    /// (the first wins).</summary>
    public static ProviderRows Parse(Provider provider, ProviderPart part, IReadOnlyList<RawRecord> records, string arrivalId, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(records);
        var fields = part.FieldColumns.ToList();
        var accepted = new List<(string? ImdbId, string? Title, int? Year, string? TitleKey, object?[] Values, string Source)>();
        var rejects = new List<ProviderReject>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            ProviderReject Reject(string reason, string detail) => new(provider.Name, part.Name, arrivalId, record.Number, reason, detail);
            if (record.Malformed is { } malformed)
            {
                rejects.Add(Reject(ProviderRejectReasons.MalformedRow, malformed));
                continue;
            }

            string? error = null;
            string? detail = null;
            object? Value(ColumnMapping? column)
            {
                if (column is null || error is not null)
                {
                    return null;
                }

                var parsed = ValueParser.Parse(record.Values.TryGetValue(column.From, out var raw) ? raw : null, column, provider, lastYear);
                (error, detail) = (parsed.Reason, parsed.Detail);
                return parsed.Value;
            }

            var imdbId = (Value(part.ColumnFor(ProviderKeys.ImdbId)) as string)?.ToLowerInvariant();
            var title = Value(part.ColumnFor(ProviderKeys.Title)) as string;
            var year = Value(part.ColumnFor(ProviderKeys.Year)) as int?;
            var values = fields.Select(Value).ToArray();
            if (error is not null)
            {
                rejects.Add(Reject(error, detail!));
                continue;
            }

            if (imdbId is not null && !ImdbIdPattern().IsMatch(imdbId))
            {
                rejects.Add(Reject(ProviderRejectReasons.InvalidImdbId, $"'{imdbId}' is not tt followed by 7 to 10 digits"));
                continue;
            }

            var titleKey = TitleKeys.Of(title);
            if (JoinKeyOf(provider, imdbId, titleKey, year) is not { } key)
            {
                rejects.Add(Reject(ProviderRejectReasons.MissingJoinKey, provider.JoinsByImdbId
                    ? "no imdbID, and not both a title and a year"
                    : $"{(titleKey is null ? "no title" : "no year")}: rows join films by title and year"));
                continue;
            }

            if (keys.TryGetValue(key, out var first))
            {
                rejects.Add(Reject(ProviderRejectReasons.DuplicateKey, $"same {(key.StartsWith("imdb:", StringComparison.Ordinal) ? "imdbID" : "title and year")} as row {first}"));
                continue;
            }

            keys[key] = record.Number;
            accepted.Add((imdbId, title, year, titleKey, values, $"{arrivalId}:{record.Number}"));
        }

        var columns = new List<ColumnValues>
        {
            new(ProviderKeys.ImdbId, accepted.Select(r => r.ImdbId).ToArray()),
            new(ProviderKeys.Title, accepted.Select(r => r.Title).ToArray()),
            new(ProviderKeys.Year, accepted.Select(r => r.Year).ToArray()),
            new(ProviderKeys.TitleKeyColumn, accepted.Select(r => r.TitleKey).ToArray()),
        };
        for (var f = 0; f < fields.Count; f++)
        {
            var values = FieldTypes.NewColumn(fields[f].Type, accepted.Count);
            for (var i = 0; i < accepted.Count; i++)
            {
                values.SetValue(accepted[i].Values[f], i);
            }

            columns.Add(new(fields[f].To, values));
        }

        columns.Add(new(ProviderKeys.SourceRowsColumn, accepted.Select(r => r.Source).ToArray()));
        return new ProviderRows(new ColumnTable(columns, accepted.Count), rejects);
    }

    /// <summary>The key a provider row joins a film by: <c>imdb:{id}</c> when the provider joins by imdbID and the row
    /// has one, else <c>title:{title_key}|{year}</c>; null when it has neither.</summary>
    public static string? JoinKeyOf(Provider provider, string? imdbId, string? titleKey, int? year)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.JoinsByImdbId && imdbId is not null ? "imdb:" + imdbId
            : titleKey is not null && year is not null ? $"title:{titleKey}|{year}"
            : null;
    }

    [GeneratedRegex(@"^tt[0-9]{7,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImdbIdPattern();
}
