using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Tests.Providers;

public sealed class ValueParserTests
{
    private static readonly Provider Us = Provider(",", ".");
    private static readonly Provider European = Provider(".", ",");

    private static Provider Provider(string thousands, string decimalMark)
        => new("p", null, ProviderFormat.Csv, ProviderKeys.JoinByTitleYear, null, ',', new HashSet<string>(ProviderCatalog.DefaultNulls, StringComparer.OrdinalIgnoreCase),
            thousands, decimalMark, []);

    private static ColumnMapping Column(FieldType type, double scale = 1, bool fraction = false, double? outOf = null, string[]? formats = null)
        => new("col", "field", type, scale, fraction, outOf, formats ?? ["yyyy-MM-dd"]);

    private static object? Value(string text, ColumnMapping column, Provider? provider = null, bool json = false)
    {
        var parsed = ValueParser.Parse(new RawValue(text, json), column, provider ?? Us, 2036);
        Assert.False(parsed.IsError, parsed.Detail);
        return parsed.Value;
    }

    private static string Reason(string text, ColumnMapping column, Provider? provider = null)
        => ValueParser.Parse(new RawValue(text), column, provider ?? Us, 2036).Reason!;

    [Theory]
    [InlineData("$1,234,567", 1_234_567L)]
    [InlineData("1234567", 1_234_567L)]
    [InlineData("USD 1,234", 1_234L)]
    [InlineData("1,234 USD", 1_234L)]
    [InlineData("US$ 12", 12L)]
    [InlineData("$1.2M", 1_200_000L)]
    [InlineData("$12.5 million", 12_500_000L)]
    [InlineData("USD 2.1bn", 2_100_000_000L)]
    [InlineData("$350K", 350_000L)]
    [InlineData("$0.00 million", 0L)]
    public void Money_CurrencyStrings_AreWholeDollars(string text, long expected) => Assert.Equal(expected, Value(text, Column(FieldType.Money)));

    [Theory]
    [InlineData("-$5", "out_of_range")]
    [InlineData("($1,000)", "out_of_range")]
    [InlineData("€5", "unparsable_value")]
    [InlineData("1,23,4", "unparsable_value")]
    [InlineData("lots", "unparsable_value")]
    public void Money_Refused_WithReason(string text, string reason) => Assert.Equal(reason, Reason(text, Column(FieldType.Money)));

    [Fact]
    public void Money_Scale_MultipliesProviderUnits() => Assert.Equal(150_000_000L, Value("150", Column(FieldType.Money, scale: 1_000_000)));

    [Fact]
    public void Money_EuropeanMarks_ReadAsDeclared() => Assert.Equal(1_234_567L, Value("1.234.567,4", Column(FieldType.Money), European));

    [Theory]
    [InlineData("87%", false, 87d)]
    [InlineData("87", false, 87d)]
    [InlineData(" 87 % ", false, 87d)]
    [InlineData("87/100", false, 87d)]
    [InlineData("0.87", true, 87d)]
    [InlineData("87%", true, 87d)]
    public void Percent_Forms_AreZeroToHundred(string text, bool fraction, double expected)
        => Assert.Equal(expected, Value(text, Column(FieldType.Percent, fraction: fraction)));

    [Theory]
    [InlineData("140%", "out_of_range")]
    [InlineData("-1%", "out_of_range")]
    [InlineData("great", "unparsable_value")]
    public void Percent_Refused_WithReason(string text, string reason) => Assert.Equal(reason, Reason(text, Column(FieldType.Percent)));

    [Theory]
    [InlineData("7.4/10", 7.4)]
    [InlineData("7.4", 7.4)]
    [InlineData("10/10", 10d)]
    public void Decimal_OutOf_TakesTheRatio(string text, double expected) => Assert.Equal(expected, Value(text, Column(FieldType.Number, outOf: 10)));

    [Theory]
    [InlineData("7.4/5", "unparsable_value")]
    [InlineData("11/10", "out_of_range")]
    public void Decimal_OutOf_RefusesOtherScales(string text, string reason) => Assert.Equal(reason, Reason(text, Column(FieldType.Number, outOf: 10)));

    [Theory]
    [InlineData("1,234", 1_234L)]
    [InlineData("1234", 1_234L)]
    public void Integer_ThousandsSeparators(string text, long expected) => Assert.Equal(expected, Value(text, Column(FieldType.WholeNumber)));

    [Theory]
    [InlineData("1.5", "unparsable_value")]
    [InlineData("-3", "out_of_range")]
    public void Integer_Refused_WithReason(string text, string reason) => Assert.Equal(reason, Reason(text, Column(FieldType.WholeNumber)));

    [Fact]
    public void JsonNumber_ReadWithAPointWhateverTheProviderWrites()
        => Assert.Equal(1.5, Value("1.5", Column(FieldType.Number), European, json: true));

    [Theory]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-")]
    [InlineData("—")]
    [InlineData("null")]
    public void Nulls_AreMissingValues(string text) => Assert.Null(Value(text, Column(FieldType.Money)));

    [Fact]
    public void Date_DeclaredFormats_TriedInOrder()
    {
        var column = Column(FieldType.Date, formats: ["MM/dd/yyyy", "yyyy-MM-dd"]);

        Assert.Equal(new DateOnly(1998, 8, 7), Value("08/07/1998", column));
        Assert.Equal(new DateOnly(1998, 8, 7), Value("1998-08-07", column));
        Assert.Equal("unparsable_value", Reason("2006-13-45", column));
    }

    [Theory]
    [InlineData("1999", null)]
    [InlineData("1869", "out_of_range")]
    [InlineData("2037", "out_of_range")]
    [InlineData("99", "out_of_range")]
    [InlineData("1999.0", "unparsable_value")]
    public void Year_RangeFrom1870To10YearsAhead(string text, string? reason)
    {
        var parsed = ValueParser.Parse(new RawValue(text), new ColumnMapping("Year", "year", FieldType.Year, 1, false, null, []), Us, 2036);

        Assert.Equal(reason, parsed.Reason);
    }
}
