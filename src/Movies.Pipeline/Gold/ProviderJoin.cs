using System.Globalization;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Gold;

/// <summary>Joins every provider's current table onto the films of the daily runs (<c>movies_enriched</c>), giving
/// <c>movies_unified</c>. A row joins a film by imdbID when it has one (and its provider joins by imdbID), else by its
/// normalised title (<see cref="TitleKeys"/>) and exact year; nothing fuzzier, and a row that matches no film, or more
/// than one, is listed in <c>unmatched_provider_rows</c> with the reason. Each canonical field then takes, for each
/// film, the value of the first source in its precedence that has one (<c>pipeline</c> being the runs' own value), and
/// <c>{field}_source</c> says which source that was whenever more than one could give it. A pure function with a fixed
/// order: the same films and tables always give the same result.</summary>
public static class ProviderJoin
{
    private const int Digits = 2;

    /// <summary>How gold reads and writes each pipeline column (<see cref="PipelineColumns"/>) on a film.</summary>
    internal static readonly IReadOnlyDictionary<string, (Func<MoviesUnifiedRow, object?> Get, Func<MoviesUnifiedRow, object?, MoviesUnifiedRow> Set)> PipelineAccess =
        new Dictionary<string, (Func<MoviesUnifiedRow, object?>, Func<MoviesUnifiedRow, object?, MoviesUnifiedRow>)>(StringComparer.Ordinal)
        {
            ["released"] = (r => r.Released, (r, v) => r with { Released = (DateOnly?)v }),
            ["runtime_minutes"] = (r => r.RuntimeMinutes, (r, v) => r with { RuntimeMinutes = ToInt(v) }),
            ["rated"] = (r => r.Rated, (r, v) => r with { Rated = (string?)v }),
            ["language"] = (r => r.Language, (r, v) => r with { Language = (string?)v }),
            ["country"] = (r => r.Country, (r, v) => r with { Country = (string?)v }),
            ["distributor"] = (r => r.Distributor, (r, v) => r with { Distributor = (string?)v }),
            ["imdb_rating"] = (r => r.ImdbRating, (r, v) => r with { ImdbRating = ToDouble(v) }),
            ["imdb_votes"] = (r => r.ImdbVotes, (r, v) => r with { ImdbVotes = ToLong(v) }),
            ["rotten_tomatoes_percent"] = (r => r.RottenTomatoesPercent, (r, v) => r with { RottenTomatoesPercent = ToInt(v) }),
            ["metascore"] = (r => r.Metascore, (r, v) => r with { Metascore = ToInt(v) }),
            ["domestic_gross_usd"] = (r => r.DomesticGrossUsd, (r, v) => r with { DomesticGrossUsd = ToLong(v) }),
            ["worldwide_gross_usd"] = (r => r.WorldwideGrossUsd, (r, v) => r with { WorldwideGrossUsd = ToLong(v) }),
            ["production_budget_usd"] = (r => r.ProductionBudgetUsd, (r, v) => r with { ProductionBudgetUsd = ToLong(v) }),
        };

    public static ProviderJoinResult Join(IReadOnlyList<MoviesUnifiedRow> films, IReadOnlyList<ProviderTable> providers, ProviderCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(films);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(catalog);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var byTitleYear = new Dictionary<(string, int), List<int>>();
        var yearsByTitle = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < films.Count; i++)
        {
            byId[films[i].ImdbId] = i;
            if (TitleKeys.Of(films[i].Title) is { } key && films[i].Year is { } year)
            {
                (byTitleYear.TryGetValue((key, year), out var list) ? list : byTitleYear[(key, year)] = []).Add(i);
                (yearsByTitle.TryGetValue(key, out var years) ? years : yearsByTitle[key] = []).Add(year);
            }
        }

        // For each provider: the row of its table each film matched (-1: none).
        var matches = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var unmatched = new List<UnmatchedProviderRow>();
        var coverage = new List<ProviderCoverageRow>();
        foreach (var table in providers)
        {
            var matched = Enumerable.Repeat(-1, films.Count).ToArray();
            matches[table.Provider.Name] = matched;
            var (byImdb, byTitle) = (0, 0);
            var rows = table.Rows;
            var missed = 0;
            for (var r = 0; r < (rows?.RowCount ?? 0); r++)
            {
                var imdbId = (string?)rows![ProviderKeys.ImdbId][r];
                var titleKey = (string?)rows[ProviderKeys.TitleKeyColumn][r];
                var year = (int?)rows[ProviderKeys.Year][r];
                UnmatchedProviderRow Miss(string reason, string detail) => new()
                {
                    Provider = table.Provider.Name,
                    SourceRows = (string?)rows[ProviderKeys.SourceRowsColumn][r] ?? string.Empty,
                    ImdbId = imdbId,
                    Title = (string?)rows[ProviderKeys.Title][r],
                    Year = year,
                    TitleKey = titleKey,
                    Reason = reason,
                    Detail = detail,
                };

                int film;
                var viaImdb = table.Provider.JoinsByImdbId && imdbId is not null;
                if (viaImdb)
                {
                    if (!byId.TryGetValue(imdbId!, out film))
                    {
                        unmatched.Add(Miss(UnmatchedReasons.UnknownImdbId, $"no film in gold has imdbID {imdbId}"));
                        missed++;
                        continue;
                    }
                }
                else
                {
                    var candidates = titleKey is not null && year is not null && byTitleYear.TryGetValue((titleKey, year.Value), out var found) ? found : [];
                    if (candidates.Count != 1)
                    {
                        unmatched.Add(candidates.Count == 0
                            ? Miss(UnmatchedReasons.UnknownTitleYear, NoTitleYearDetail(titleKey, year, yearsByTitle))
                            : Miss(UnmatchedReasons.AmbiguousTitleYear, $"{candidates.Count} films are '{titleKey}' of {year}: {string.Join(", ", candidates.Select(c => films[c].ImdbId))}; none is chosen"));
                        missed++;
                        continue;
                    }

                    film = candidates[0];
                }

                if (matched[film] >= 0)
                {
                    unmatched.Add(Miss(UnmatchedReasons.FilmAlreadyMatched, $"film {films[film].ImdbId} already matched {rows[ProviderKeys.SourceRowsColumn][matched[film]]}"));
                    missed++;
                    continue;
                }

                matched[film] = r;
                if (viaImdb)
                {
                    byImdb++;
                }
                else
                {
                    byTitle++;
                }
            }

            var total = rows?.RowCount ?? 0;
            coverage.Add(new ProviderCoverageRow
            {
                Provider = table.Provider.Name,
                SilverVersion = table.Current?.Version ?? 0,
                CurrentFiles = table.Current is { } current ? string.Join("; ", current.Parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ArrivalId}")) : null,
                Rows = total,
                MatchedByImdbId = byImdb,
                MatchedByTitleYear = byTitle,
                Unmatched = missed,
                JoinRatePercent = total == 0 ? null : Math.Round(100.0 * (byImdb + byTitle) / total, Digits),
                Films = films.Count,
                FilmCoveragePercent = films.Count == 0 ? null : Math.Round(100.0 * (byImdb + byTitle) / films.Count, Digits),
            });
        }

        // Each field, film by film: the first source in its precedence with a value.
        var tables = providers.ToDictionary(p => p.Provider.Name, StringComparer.Ordinal);
        var decided = films.ToArray();
        var added = new List<ColumnValues>();
        foreach (var field in catalog.Fields)
        {
            var values = FieldTypes.NewColumn(field.Type, films.Count);
            var sources = new string?[films.Count];
            for (var i = 0; i < films.Count; i++)
            {
                foreach (var source in field.Precedence)
                {
                    var value = source == ProviderCatalog.Pipeline
                        ? PipelineAccess[field.Name].Get(films[i])
                        : tables.TryGetValue(source, out var t) && matches[source][i] is var row and >= 0 && t.Rows!.Find(field.Name) is { } column ? column[row] : null;
                    if (value is not null)
                    {
                        values.SetValue(Convert(value, field.Type), i);
                        sources[i] = source;
                        break;
                    }
                }

                if (field.IsPipelineColumn)
                {
                    decided[i] = PipelineAccess[field.Name].Set(decided[i], values.GetValue(i));
                }
            }

            if (!field.IsPipelineColumn)
            {
                added.Add(new ColumnValues(field.Name, values));
            }

            if (field.HasSourceColumn)
            {
                added.Add(new ColumnValues(field.SourceColumn, sources));
            }
        }

        // Return on budget follows the gross and budget gold now holds.
        for (var i = 0; i < decided.Length; i++)
        {
            var (worldwide, budget) = (decided[i].WorldwideGrossUsd, decided[i].ProductionBudgetUsd);
            decided[i] = decided[i] with { ReturnOnBudget = worldwide is { } w && budget is > 0 ? Math.Round((double)(w - budget.Value) / budget.Value, 4) : null };
        }

        var unified = ColumnTable.FromRows(decided);
        foreach (var column in added)
        {
            unified = unified.With(column);
        }

        return new ProviderJoinResult(decided, unified, unmatched, coverage);
    }

    private static string NoTitleYearDetail(string? titleKey, int? year, Dictionary<string, SortedSet<int>> yearsByTitle)
        => titleKey is not null && yearsByTitle.TryGetValue(titleKey, out var years)
            ? string.Create(CultureInfo.InvariantCulture, $"no film is '{titleKey}' of {year}; films of that title are of {string.Join(", ", years)} (years must be equal: no guess is made)")
            : $"no film is titled '{titleKey}' (normalised)";

    /// <summary>A provider's value as the field's type (values of a number field may come from an integer column).</summary>
    private static object? Convert(object value, FieldType type) => type switch
    {
        FieldType.WholeNumber or FieldType.Money => ToLong(value),
        FieldType.Number or FieldType.Percent => ToDouble(value),
        FieldType.Year => ToInt(value),
        _ => value,
    };

    private static long? ToLong(object? value) => value switch
    {
        null => null,
        long l => l,
        int i => i,
        double d => (long)Math.Round(d, MidpointRounding.AwayFromZero),
        _ => throw new InvalidCastException($"{value.GetType().Name} is not a whole number."),
    };

    private static int? ToInt(object? value) => ToLong(value) is { } l ? checked((int)l) : null;

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        long l => l,
        int i => i,
        _ => throw new InvalidCastException($"{value.GetType().Name} is not a number."),
    };
}
