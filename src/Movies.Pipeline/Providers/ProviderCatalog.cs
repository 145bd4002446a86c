using System.Globalization;
using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Providers;

/// <summary>The provider declarations, loaded from the providers file and validated as a whole: every problem is
/// reported at once, each naming its provider, part, column or field. Adding a provider is a change to this file
/// only: its files, columns, parsing rules, join key and the precedence of the fields it shares.</summary>
public sealed class ProviderCatalog
{
    /// <summary>Longest provider or part name: it is a folder of landing, bronze and silver.</summary>
    public const int MaxProviderNameLength = 40;

    /// <summary>The precedence entry that stands for the daily runs' own value (source dataset and OMDb).</summary>
    public const string Pipeline = "pipeline";

    /// <summary>What a provider writes for "no value" when it does not say: compared after trimming, case-insensitive.</summary>
    public static readonly IReadOnlyList<string> DefaultNulls = ["", "N/A", "NA", "n/a", "null", "none", "-", "—"];

    private static readonly string[] Types = ["text", "integer", "decimal", "percent", "money", "date", "year"];

    private readonly Dictionary<string, Provider> _providers;
    private readonly Dictionary<string, CanonicalField> _fields;

    private ProviderCatalog(string source, IReadOnlyList<CanonicalField> fields, IReadOnlyList<Provider> providers)
    {
        Source = source;
        Fields = fields;
        Providers = providers;
        _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _fields = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The file the declarations came from.</summary>
    public string Source { get; }

    /// <summary>The canonical fields, in declaration order: the value columns gold adds or fills.</summary>
    public IReadOnlyList<CanonicalField> Fields { get; }

    public IReadOnlyList<Provider> Providers { get; }

    /// <summary>No providers: gold is the daily runs' films alone, as before providers existed.</summary>
    public static ProviderCatalog Empty { get; } = new("(no providers)", [], []);

    /// <summary>True when providers are declared: gold then joins them and publishes the provider tables.</summary>
    public bool HasProviders => Providers.Count > 0;

    public Provider? Find(string name) => _providers.GetValueOrDefault(name);

    public CanonicalField Field(string name) => _fields[name];

    /// <summary>Reads and validates a providers file; throws <see cref="PipelineInputException"/> naming every problem.</summary>
    public static ProviderCatalog Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineInputException($"Providers file {path} (PROVIDERS_FILE) cannot be read: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Validates declarations given as JSON text; <paramref name="source"/> names them in messages.</summary>
    public static ProviderCatalog Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProvidersDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ProvidersJsonContext.Default.ProvidersDocument);
        }
        catch (JsonException e)
        {
            var what = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown property" : "not valid JSON or a value of the wrong type";
            throw new PipelineInputException($"Providers file {source} is not valid: {what} at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}).", e);
        }

        var errors = new List<string>();
        var providers = document?.Providers is { } declared
            ? ValidateProviders(declared, document.Fields ?? [], errors)
            : [];
        if (document?.Providers is null)
        {
            errors.Add("it has no \"providers\" list (write \"providers\": [] for none)");
        }

        var fields = ValidateFields(document?.Fields ?? [], providers, errors);
        if (errors.Count > 0)
        {
            throw new PipelineInputException($"Providers file {source} is not valid: {string.Join("; ", errors)}.");
        }

        return new ProviderCatalog(source, fields, providers);
    }

    private static List<Provider> ValidateProviders(IReadOnlyList<ProviderDeclaration> declared, IReadOnlyList<FieldDeclaration> fields, List<string> errors)
    {
        var types = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name is { } name && TypeOf(field.Type) is { } type)
            {
                types.TryAdd(name, type);
            }
        }

        var providers = new List<Provider>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < declared.Count; i++)
        {
            var p = declared[i];
            var where = p.Name is { Length: > 0 } n ? $"provider '{LakeNames.Printable(n)}'" : $"provider #{i + 1}";
            var ok = true;
            void Error(string message)
            {
                errors.Add($"{where}: {message}");
                ok = false;
            }

            if (p.Name is null || !LakeNames.IsIdentifier(p.Name, MaxProviderNameLength))
            {
                Error("name must be 1 to 40 lower-case letters, digits or '_', starting with a letter");
            }
            else if (p.Name == Pipeline)
            {
                Error($"'{Pipeline}' names the daily runs' own values and cannot be a provider");
            }
            else if (!names.Add(p.Name))
            {
                Error("declared twice");
            }

            var format = p.Format switch
            {
                "json" => ProviderFormat.Json,
                "csv" => ProviderFormat.Csv,
                _ => (ProviderFormat?)null,
            };
            if (format is null)
            {
                Error($"format '{p.Format}' is not json or csv");
            }

            if (p.JoinKey is not (ProviderKeys.JoinByImdbId or ProviderKeys.JoinByTitleYear))
            {
                Error($"joinKey '{p.JoinKey}' is not {ProviderKeys.JoinByImdbId} (imdbID, else title + year) or {ProviderKeys.JoinByTitleYear}");
            }

            if (p.Records is not null && format != ProviderFormat.Json)
            {
                Error("records (where a JSON file's rows are) applies to json files only");
            }

            if (p.Records is { Length: > 0 } records && records.Split('.').Any(s => s.Length == 0))
            {
                Error($"records '{records}' is not a dotted path of property names");
            }

            var delimiter = ',';
            if (p.Delimiter is not null)
            {
                if (format != ProviderFormat.Csv || p.Delimiter.Length != 1 || p.Delimiter is "\"" or "\n" or "\r")
                {
                    Error("delimiter is one character (not a quote or a line break), for csv files only");
                }
                else
                {
                    delimiter = p.Delimiter[0];
                }
            }

            var thousands = p.Thousands ?? ",";
            var decimalMark = p.DecimalMark ?? ".";
            if (thousands is not ("," or "." or " " or "'" or "") || decimalMark is not ("." or ",") || thousands == decimalMark)
            {
                Error($"thousands '{thousands}' and decimal '{decimalMark}' must be one of , . ' space (or empty) and one of . , and differ");
            }

            var parts = new List<ProviderPart>();
            if (p.Parts is not { Count: > 0 })
            {
                Error("declares no parts (\"parts\": [{ \"name\", \"files\", \"columns\" }])");
            }
            else
            {
                var partNames = new HashSet<string>(StringComparer.Ordinal);
                var fieldParts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var part in p.Parts)
                {
                    var partWhere = $"part '{LakeNames.Printable(part.Name ?? string.Empty)}'";
                    if (part.Name is null || !LakeNames.IsIdentifier(part.Name, MaxProviderNameLength))
                    {
                        Error($"{partWhere}: name must be 1 to 40 lower-case letters, digits or '_', starting with a letter");
                        continue;
                    }

                    if (!partNames.Add(part.Name))
                    {
                        Error($"{partWhere}: declared twice");
                    }

                    if (string.IsNullOrWhiteSpace(part.Files) || part.Files.Contains('/', StringComparison.Ordinal))
                    {
                        Error($"{partWhere}: files must be a file-name pattern such as \"domestic*.csv\" (no folders)");
                    }

                    var columns = ValidateColumns(part, types, fieldParts, Error);
                    if (p.JoinKey == ProviderKeys.JoinByImdbId && !columns.Any(c => c.To == ProviderKeys.ImdbId))
                    {
                        Error($"{partWhere}: joinKey imdb_id needs a column mapped to imdb_id");
                    }

                    if (p.JoinKey == ProviderKeys.JoinByTitleYear && !(columns.Any(c => c.To == ProviderKeys.Title) && columns.Any(c => c.To == ProviderKeys.Year)))
                    {
                        Error($"{partWhere}: joinKey title_year needs columns mapped to title and year");
                    }

                    parts.Add(new ProviderPart(part.Name, part.Files ?? string.Empty, columns));
                }
            }

            if (ok)
            {
                var nulls = new HashSet<string>((p.Nulls ?? DefaultNulls).Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase);
                providers.Add(new Provider(p.Name!, p.Description, format!.Value, p.JoinKey!, p.Records is { Length: > 0 } r ? r : null, delimiter, nulls, thousands, decimalMark, parts));
            }
        }

        return providers;
    }

    private static List<ColumnMapping> ValidateColumns(PartDeclaration part, Dictionary<string, FieldType> types, Dictionary<string, string> fieldParts, Action<string> error)
    {
        var columns = new List<ColumnMapping>();
        if (part.Columns is not { Count: > 0 })
        {
            error($"part '{part.Name}': declares no columns");
            return columns;
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in part.Columns)
        {
            var where = $"part '{part.Name}' column '{c.From}'";
            if (string.IsNullOrWhiteSpace(c.From))
            {
                error($"part '{part.Name}': a column has no \"from\" (the column or property name in the file)");
                continue;
            }

            FieldType type;
            if (c.To is null)
            {
                error($"{where}: no \"to\" (a canonical field, or imdb_id, title or year)");
                continue;
            }
            else if (c.To == ProviderKeys.Year)
            {
                type = FieldType.Year;
            }
            else if (ProviderKeys.IsKey(c.To))
            {
                type = FieldType.Text;
            }
            else if (types.TryGetValue(c.To, out var declared))
            {
                type = declared;
                if (fieldParts.TryGetValue(c.To, out var other) && other != part.Name)
                {
                    error($"{where}: field '{c.To}' comes from part '{other}' already; a provider gives each field from one part");
                }

                fieldParts[c.To] = part.Name!;
            }
            else
            {
                error($"{where}: '{c.To}' is not a declared field (add it under \"fields\" with its type and unit) nor imdb_id, title or year");
                continue;
            }

            if (!targets.Add(c.To))
            {
                error($"{where}: '{c.To}' is mapped twice in this part");
            }

            if (c.Scale is { } scale && (!double.IsFinite(scale) || scale <= 0 || type is not (FieldType.WholeNumber or FieldType.Number or FieldType.Money)))
            {
                error($"{where}: scale must be a positive number, for integer, decimal or money fields only");
            }

            if (c.Fraction is true && type != FieldType.Percent)
            {
                error($"{where}: fraction (a percentage written as 0-1) is for percent fields only");
            }

            if (c.OutOf is { } outOf && (!double.IsFinite(outOf) || outOf <= 0 || type is not (FieldType.Number or FieldType.Percent)))
            {
                error($"{where}: outOf (values written as \"7.4/10\") must be positive, for decimal or percent fields only");
            }

            if (c.Formats is not null)
            {
                if (type != FieldType.Date || c.Formats.Count == 0 || c.Formats.Any(string.IsNullOrWhiteSpace))
                {
                    error($"{where}: formats (date formats such as \"yyyy-MM-dd\") are for date fields only and cannot be empty");
                }
                else
                {
                    foreach (var format in c.Formats.Where(f => !IsDateFormat(f)))
                    {
                        error($"{where}: '{format}' is not a date format");
                    }
                }
            }

            columns.Add(new ColumnMapping(c.From.Trim(), c.To, type, c.Scale ?? 1, c.Fraction ?? false, c.OutOf, c.Formats ?? ["yyyy-MM-dd"]));
        }

        return columns;
    }

    private static List<CanonicalField> ValidateFields(IReadOnlyList<FieldDeclaration> declared, List<Provider> providers, List<string> errors)
    {
        var fields = new List<CanonicalField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var goldColumns = CsvTableWriter.ColumnNames<MoviesUnifiedRow>().ToHashSet(StringComparer.Ordinal);
        foreach (var f in declared)
        {
            var where = $"field '{LakeNames.Printable(f.Name ?? string.Empty)}'";
            if (f.Name is null || !LakeNames.IsIdentifier(f.Name))
            {
                errors.Add($"{where}: name must be 1 to 63 lower-case letters, digits or '_', starting with a letter");
                continue;
            }

            if (ProviderKeys.IsReserved(f.Name))
            {
                errors.Add($"{where}: '{f.Name}' is a key every provider table has; map it directly, do not declare it");
                continue;
            }

            if (!names.Add(f.Name))
            {
                errors.Add($"{where}: declared twice");
                continue;
            }

            var pipelineTypes = PipelineColumns.TypeOf(f.Name);
            if (pipelineTypes is null && goldColumns.Contains(f.Name))
            {
                errors.Add($"{where}: '{f.Name}' is a column gold computes itself; choose another name");
            }

            if (TypeOf(f.Type) is not { } type)
            {
                errors.Add($"{where}: type '{f.Type}' is not one of {string.Join(", ", Types)}");
                continue;
            }

            if (pipelineTypes is not null && !pipelineTypes.Contains(type))
            {
                errors.Add($"{where}: the daily runs' column '{f.Name}' holds {Name(pipelineTypes[0])}, so the field's type must be {string.Join(" or ", pipelineTypes.Select(Name))}");
            }

            // Who can supply it: the providers that map it, and the daily runs when gold already has the column.
            var suppliers = providers.Where(p => p.FieldColumns.Any(c => c.To == f.Name)).Select(p => p.Name).ToList();
            if (pipelineTypes is not null)
            {
                suppliers.Add(Pipeline);
            }

            if (!providers.Any(p => p.FieldColumns.Any(c => c.To == f.Name)))
            {
                errors.Add($"{where}: no provider maps a column to it");
                continue;
            }

            IReadOnlyList<string> precedence;
            if (f.Precedence is null)
            {
                if (suppliers.Count > 1)
                {
                    errors.Add($"{where}: {string.Join(", ", suppliers)} all supply it: say which wins with \"precedence\": [{string.Join(", ", suppliers.Select(s => $"\"{s}\""))}]");
                    continue;
                }

                precedence = suppliers;
            }
            else
            {
                precedence = f.Precedence;
                var unknown = precedence.Where(s => !suppliers.Contains(s)).ToList();
                var missing = suppliers.Where(s => !precedence.Contains(s)).ToList();
                if (unknown.Count > 0)
                {
                    errors.Add($"{where}: precedence names {string.Join(", ", unknown)}, which supply no value for it ({(pipelineTypes is null ? "it is not a column of the daily runs; " : "")}suppliers: {string.Join(", ", suppliers)})");
                }

                if (missing.Count > 0)
                {
                    errors.Add($"{where}: precedence leaves out {string.Join(", ", missing)}; list every supplier ({string.Join(", ", suppliers)})");
                }

                if (precedence.Distinct(StringComparer.Ordinal).Count() != precedence.Count)
                {
                    errors.Add($"{where}: precedence names a source twice");
                }
            }

            fields.Add(new CanonicalField(f.Name, type, f.Unit, f.Description, precedence));
        }

        // A field's source column must not collide with another field or a gold column.
        foreach (var field in fields.Where(f => f.HasSourceColumn))
        {
            if (names.Contains(field.SourceColumn) || goldColumns.Contains(field.SourceColumn))
            {
                errors.Add($"field '{field.Name}': its source column '{field.SourceColumn}' is already a column name");
            }
        }

        foreach (var provider in providers)
        {
            foreach (var column in provider.FieldColumns.Where(c => !names.Contains(c.To)))
            {
                errors.Add($"provider '{provider.Name}' column '{column.From}': field '{column.To}' is not declared under \"fields\"");
            }
        }

        return fields;
    }

    private static FieldType? TypeOf(string? type) => type switch
    {
        "text" => FieldType.Text,
        "integer" => FieldType.WholeNumber,
        "decimal" => FieldType.Number,
        "percent" => FieldType.Percent,
        "money" => FieldType.Money,
        "date" => FieldType.Date,
        "year" => FieldType.Year,
        _ => null,
    };

    private static string Name(FieldType type) => Types[(int)type];

    private static bool IsDateFormat(string format)
    {
        try
        {
            var text = new DateOnly(2001, 2, 3).ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == new DateOnly(2001, 2, 3);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
