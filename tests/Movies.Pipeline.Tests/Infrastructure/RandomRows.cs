using System.Globalization;
using System.Reflection;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>Rows of any record type with every property filled from a seeded random: nulls, empty text, text that
/// needs CSV quoting (commas, quotes, CR, LF), non-ASCII, extreme numbers, lists with null and empty entries. The
/// same seed always gives the same rows.</summary>
internal static class RandomRows
{
    private static readonly string[] Texts =
    [
        "plain", "Heat, the \"film\"", "line\nbreak", "carriage\rreturn", "crlf\r\nend", " leading", "trailing ", "\ttab", "Amélie – 中文 🎬",
        "\"", ",", "a;b", "=1+2", "N/A", "x", "Drama", "Action, Drama",
    ];

    public static List<T> Make<T>(int count, int seed)
        where T : new()
    {
        var random = new Random(seed);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var rows = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new T();
            foreach (var property in properties)
            {
                property.SetValue(row, Value(property.PropertyType, random, i));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static object? Value(Type type, Random random, int row)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && random.Next(4) == 0)
        {
            return null;
        }

        var t = underlying ?? type;
        return t switch
        {
            _ when t == typeof(string) => random.Next(6) switch
            {
                0 => null,
                1 => string.Empty,
                2 => string.Create(CultureInfo.InvariantCulture, $"row {row} {random.Next()}"),
                _ => Texts[random.Next(Texts.Length)],
            },
            _ when t == typeof(List<string>) => random.Next(5) switch
            {
                0 => null,
                1 => new List<string>(),
                _ => [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(8) == 0 ? null! : Texts[random.Next(Texts.Length)])],
            },
            _ when t == typeof(int) => random.Next(5) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => 0, _ => random.Next(-1000, 100_000) },
            _ when t == typeof(long) => random.Next(5) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => 0L, _ => random.NextInt64(-1_000_000, 3_000_000_000) },
            _ when t == typeof(double) => random.Next(6) switch { 0 => 0.1 + 0.2, 1 => -1.5e-7, 2 => 1e21, 3 => Math.Round(random.NextDouble() * 10, 4), _ => random.NextDouble() * 1e6 },
            _ when t == typeof(bool) => random.Next(2) == 0,
            _ when t == typeof(DateOnly) => new DateOnly(1900, 1, 1).AddDays(random.Next(0, 73_000)),
            _ when t == typeof(DateTime) => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(random.NextInt64(0, 200_000_000_000)),
            _ => throw new NotSupportedException(t.Name),
        };
    }
}
