using System.Globalization;
using System.Text.RegularExpressions;

namespace Movies.Pipeline.Providers;

/// <summary>Parses one provider value by its field's type and the column's declared rules. Missing values (the provider's
/// <c>nulls</c>, "N/A" by default) are null. Numbers use the provider's thousands and decimal marks ("1,234.5", or
/// "1.234,5"), grouped correctly or not at all; <c>scale</c> multiplies them. Money takes "$", "US$" or "USD" and the
/// magnitudes K, M, B, "million", "billion" ("$1.2M"), and is never negative. Percent takes "87%", "87", "87/100" or, with
/// <c>fraction</c>, "0.87", within 0–100. Decimal takes "7.4" or, with <c>outOf</c> 10, "7.4/10". Integers are whole and
/// not negative; years are 1870 to 10 years after the file arrived; dates follow the column's <c>formats</c>.</summary>
public static partial class ValueParser
{
    public const int FirstYear = 1870;
    public const int YearsAhead = 10;

    public static ParsedValue Parse(RawValue? raw, ColumnMapping column, Provider provider, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(provider);
        if (raw is not { } value)
        {
            return new(null);
        }

        var text = value.Text.Trim();
        if (provider.Nulls.Contains(text))
        {
            return new(null);
        }

        return column.Type switch
        {
            FieldType.Text => new(text),
            FieldType.Year => Year(text, column, lastYear),
            FieldType.WholeNumber => WholeNumber(text, value.IsJsonNumber, column, provider),
            FieldType.Number => Number(text, value.IsJsonNumber, column, provider),
            FieldType.Percent => Percent(text, value.IsJsonNumber, column, provider),
            FieldType.Money => Money(text, value.IsJsonNumber, column, provider),
            FieldType.Date => Date(text, column),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown field type."),
        };
    }

    private static ParsedValue Year(string text, ColumnMapping column, int lastYear)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return Unparsable(column, text, "a year");
        }

        return year < FirstYear || year > lastYear ? OutOfRange(column, text, $"{FirstYear}-{lastYear}") : new(year);
    }

    private static ParsedValue WholeNumber(string text, bool jsonNumber, ColumnMapping column, Provider provider)
    {
        if (ReadNumber(text, jsonNumber, provider) is not { } number)
        {
            return Unparsable(column, text, "a whole number");
        }

        var scaled = number * column.Scale;
        if (Math.Abs(scaled - Math.Round(scaled)) > 1e-6 * Math.Max(1, Math.Abs(scaled)))
        {
            return Unparsable(column, text, "a whole number");
        }

        return scaled < 0 ? OutOfRange(column, text, "0 or more") : Long(scaled, column, text);
    }

    private static ParsedValue Number(string text, bool jsonNumber, ColumnMapping column, Provider provider)
    {
        var body = text;
        if (column.OutOf is { } outOf && OutOfSuffix().Match(text) is { Success: true } ratio)
        {
            if (ReadNumber(ratio.Groups["of"].Value, jsonNumber: false, provider) != outOf)
            {
                return Unparsable(column, text, $"a value out of {Invariant(outOf)}");
            }

            body = ratio.Groups["value"].Value;
        }

        if (ReadNumber(body, jsonNumber, provider) is not { } number)
        {
            return Unparsable(column, text, "a number");
        }

        var scaled = number * column.Scale;
        return column.OutOf is { } limit && (scaled < 0 || scaled > limit) ? OutOfRange(column, text, $"0-{Invariant(limit)}") : new(scaled);
    }

    private static ParsedValue Percent(string text, bool jsonNumber, ColumnMapping column, Provider provider)
    {
        double? percent;
        if (text.EndsWith('%'))
        {
            percent = ReadNumber(text[..^1].TrimEnd(), jsonNumber: false, provider);
        }
        else if (OutOfSuffix().Match(text) is { Success: true } ratio)
        {
            var of = ReadNumber(ratio.Groups["of"].Value, jsonNumber: false, provider);
            var value = ReadNumber(ratio.Groups["value"].Value, jsonNumber: false, provider);
            percent = of is > 0 && value is { } v && (column.OutOf is null || of == column.OutOf) ? v * 100 / of.Value : null;
        }
        else
        {
            percent = ReadNumber(text, jsonNumber, provider) is { } number ? (column.Fraction ? number * 100 : number) : null;
        }

        if (percent is not { } p)
        {
            return Unparsable(column, text, column.Fraction ? "a percentage (0.87, 87%)" : "a percentage (87, 87%)");
        }

        p = Math.Round(p, 6);
        return p is < 0 or > 100 ? OutOfRange(column, text, "0-100%") : new(p);
    }

    private static ParsedValue Money(string text, bool jsonNumber, ColumnMapping column, Provider provider)
    {
        if (jsonNumber)
        {
            return ReadNumber(text, jsonNumber, provider) is { } plain
                ? (plain < 0 ? OutOfRange(column, text, "0 or more") : Long(plain * column.Scale, column, text))
                : Unparsable(column, text, "an amount");
        }

        var match = MoneyPattern().Match(text);
        if (!match.Success || ReadNumber(match.Groups["amount"].Value, jsonNumber: false, provider) is not { } amount)
        {
            return Unparsable(column, text, "an amount in USD ($1,234, USD 1.2M)");
        }

        var magnitude = match.Groups["magnitude"].Value.ToLowerInvariant() switch
        {
            "" => 1d,
            "k" or "thousand" => 1e3,
            "m" or "mn" or "million" => 1e6,
            "b" or "bn" or "billion" => 1e9,
            _ => double.NaN,
        };
        var negative = match.Groups["minus"].Success || match.Groups["open"].Success;
        if (double.IsNaN(magnitude))
        {
            return Unparsable(column, text, "an amount in USD");
        }

        return negative ? OutOfRange(column, text, "0 or more") : Long(amount * magnitude * column.Scale, column, text);
    }

    private static ParsedValue Date(string text, ColumnMapping column)
        => DateOnly.TryParseExact(text, [.. column.Formats], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? new(date)
            : Unparsable(column, text, $"a date ({string.Join(" or ", column.Formats)})");

    /// <summary>A number in the provider's style: digits with its decimal mark, thousands marks grouping by three or
    /// absent; a JSON number as JSON writes it.</summary>
    private static double? ReadNumber(string text, bool jsonNumber, Provider provider)
    {
        text = text.Trim();
        if (jsonNumber)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;
        }

        var thousands = provider.Thousands;
        var plain = text;
        if (thousands.Length > 0 && text.Contains(thousands, StringComparison.Ordinal))
        {
            var integral = text.Split(provider.DecimalMark)[0].TrimStart('-', '+');
            var groups = integral.Split(thousands);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
            {
                return null;
            }

            plain = text.Replace(thousands, string.Empty, StringComparison.Ordinal);
        }

        if (provider.DecimalMark != ".")
        {
            if (plain.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }

            plain = plain.Replace(provider.DecimalMark, ".", StringComparison.Ordinal);
        }

        return PlainNumber().IsMatch(plain) && double.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static ParsedValue Long(double value, ColumnMapping column, string text)
        => Math.Abs(value) < 9e18 ? new((long)Math.Round(value, MidpointRounding.AwayFromZero)) : OutOfRange(column, text, "a representable amount");

    private static ParsedValue Unparsable(ColumnMapping column, string text, string expected)
        => new(null, ProviderRejectReasons.UnparsableValue, $"{column.From} '{Clip(text)}' is not {expected}");

    private static ParsedValue OutOfRange(ColumnMapping column, string text, string range)
        => new(null, ProviderRejectReasons.OutOfRange, $"{column.From} '{Clip(text)}' is outside {range}");

    private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<value>[^/]+?)\s*/\s*(?<of>[0-9.,]+)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex OutOfSuffix();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    // "$1,234", "USD 1.2 million", "1.2M USD", "-$5", "($5)", "US$ 12.5bn".
    [GeneratedRegex(@"^(?<open>\()?\s*(?<minus>-)?\s*(?:US\$|\$|USD)?\s*(?<amount>[0-9][0-9.,' ]*?)\s*(?<magnitude>k|thousand|mn|m|million|bn|b|billion)?\s*(?:USD)?\s*(?(open)\))\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();
}
