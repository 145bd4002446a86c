using System.Buffers;

namespace Movies.Pipeline.Lake;

/// <summary>The one CSV neutralisation the product applies to every text cell of every CSV it writes (gold's tables,
/// <c>movies sql --format csv</c>): a cell that a spreadsheet would run as a formula, one starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return (or their full-width forms), gets a leading apostrophe,
/// which Excel, LibreOffice and Google Sheets show as text. Values come from outside (OMDb, providers): a director
/// <c>=HYPERLINK(…)</c> must never run when an analyst opens the file. Numbers, dates and booleans are written as they
/// are (a negative number is not text); the Parquet tables keep every value unchanged.</summary>
public static class CsvCells
{
    /// <summary>What a neutralised cell starts with.</summary>
    public const char Guard = '\'';

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r＝＋－＠");

    /// <summary>True when a spreadsheet could take <paramref name="text"/> for a formula.</summary>
    public static bool IsFormulaLike(ReadOnlySpan<char> text) => text.Length > 0 && FormulaStarts.Contains(text[0]);

    /// <summary><paramref name="text"/> as a CSV text cell: unchanged, or with <see cref="Guard"/> first when a
    /// spreadsheet could take it for a formula.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsFormulaLike(text) ? Guard + text : text;
    }
}
