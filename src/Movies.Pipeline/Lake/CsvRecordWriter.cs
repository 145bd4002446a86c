using System.Buffers;
using System.Globalization;
using System.Text;

namespace Movies.Pipeline.Lake;

/// <summary>CSV records as UTF-8 bytes, formatted straight into one growing buffer (no strings or boxes per cell):
/// RFC 4180 as CsvHelper writes it, the output gold had before (byte for byte): a field is quoted, with its
/// quotes doubled, only when it holds a comma, a quote, CR or LF; null and empty text are an empty field (a record
/// of one empty field is written <c>""</c>, so it is not a blank line); CRLF ends every record. Values are
/// invariant: numbers round-trip (doubles as "R"), dates yyyy-MM-dd, times UTC yyyy-MM-ddTHH:mm:ssZ, booleans
/// true/false. Text cells are neutralised against formula injection (<see cref="CsvCells"/>).</summary>
internal sealed class CsvRecordWriter(int capacity)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(capacity, 256));
    private int _fields;
    private bool _lastEmpty;

    /// <summary>The bytes written so far (no copy).</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    /// <summary>A text cell, neutralised first (<see cref="CsvCells"/>): outside text never reaches a spreadsheet as a formula.</summary>
    public void Text(string? text) => Formatted(text is null ? null : CsvCells.Neutralise(text));

    /// <summary>A cell already formatted from a number, date or boolean: written as it is (a negative number stays one).</summary>
    public void Formatted(string? text)
    {
        Separate();
        if (string.IsNullOrEmpty(text))
        {
            _lastEmpty = true;
            return;
        }

        if (!text.AsSpan().ContainsAny(NeedsQuotes))
        {
            Utf8(text);
            return;
        }

        Byte((byte)'"');
        var rest = text.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            Utf8(rest[..(quote + 1)]);
            Byte((byte)'"');
            rest = rest[(quote + 1)..];
        }

        Utf8(rest);
        Byte((byte)'"');
    }

    public void Empty()
    {
        Separate();
        _lastEmpty = true;
    }

    public void Value<TValue>(TValue value)
        where TValue : struct
    {
        Separate();
        var span = _buffer.GetSpan(64);
        int written;
        var formatted = value switch
        {
            int v => v.TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            long v => v.TryFormat(span, out written, default, CultureInfo.InvariantCulture),
            double v => v.TryFormat(span, out written, "R", CultureInfo.InvariantCulture),
            bool v => Literal(v ? "true"u8 : "false"u8, span, out written),
            DateOnly v => v.TryFormat(span, out written, DateFormat, CultureInfo.InvariantCulture),
            DateTime v => DateTime.SpecifyKind(v, DateTimeKind.Utc).TryFormat(span, out written, TimeFormat, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"CSV cells of type {typeof(TValue).Name} are not supported."),
        };
        if (!formatted)
        {
            throw new InvalidOperationException($"A {typeof(TValue).Name} did not fit 64 bytes of CSV.");
        }

        _buffer.Advance(written);
    }

    public void EndRecord()
    {
        if (_fields == 1 && _lastEmpty)
        {
            Utf8("\"\"");
        }

        Utf8("\r\n");
        _fields = 0;
        _lastEmpty = false;
    }

    private void Separate()
    {
        if (_fields++ > 0)
        {
            Byte((byte)',');
        }

        _lastEmpty = false;
    }

    private void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        var written = Encoding.UTF8.GetBytes(text, _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        _buffer.Advance(written);
    }

    private static bool Literal(ReadOnlySpan<byte> literal, Span<byte> span, out int written)
    {
        literal.CopyTo(span);
        written = literal.Length;
        return true;
    }
}
