using System.Text;
using Spectre.Console;

namespace Movies.Cli.Output;

/// <summary>A query result as text for people. On a terminal: a boxed table when it fits the width, else
/// one block per row with a line per column, long values folded to the width (no column is ever squeezed
/// to a character). Piped: plain text, one line per row in aligned columns, every value whole, no colour
/// codes and no box drawing, so it greps and diffs.</summary>
public sealed class ResultRenderer(TextWriter writer, int? terminalWidth)
{
    private const string Gap = "  ";

    /// <summary>For stdout: terminal mode with its width when stdout is a terminal, plain text otherwise.</summary>
    public static ResultRenderer ForStandardOutput()
        => new(Console.Out, Console.IsOutputRedirected ? null : TerminalWidth());

    public void Write(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var cleanRows = rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Clean)]).ToList();
        if (terminalWidth is not { } width)
        {
            WritePlain(columns, cleanRows);
        }
        else if (BoxedWidth(columns, cleanRows) <= width)
        {
            WriteBoxed(columns, cleanRows, width);
        }
        else
        {
            WriteVertical(columns, cleanRows, width);
        }

        writer.Flush();
    }

    /// <summary>Width of a boxed table: each column's widest cell plus one space of padding either side and a border.</summary>
    public static int BoxedWidth(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
        => ColumnWidths(columns, rows).Sum(w => w + 3) + 1;

    private void WritePlain(IReadOnlyList<string> columns, List<IReadOnlyList<string>> rows)
    {
        var widths = ColumnWidths(columns, rows);
        writer.WriteLine(Line(columns, widths));
        writer.WriteLine(string.Join(Gap, widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row, widths));
        }

        writer.WriteLine(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
    }

    private void WriteBoxed(IReadOnlyList<string> columns, List<IReadOnlyList<string>> rows, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = width;
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    /// <summary>One block per row: its number, then "column │ value" lines, values folded at the width.</summary>
    private void WriteVertical(IReadOnlyList<string> columns, List<IReadOnlyList<string>> rows, int width)
    {
        var labelWidth = Math.Min(columns.Max(c => c.GetCellWidth()), Math.Max(8, width / 3));
        var valueWidth = Math.Max(10, width - labelWidth - 3);
        for (var r = 0; r < rows.Count; r++)
        {
            var heading = $"─[ row {r + 1} of {rows.Count} ]";
            writer.WriteLine(heading + new string('─', Math.Max(0, Math.Min(width, labelWidth + 3 + valueWidth) - heading.GetCellWidth())));
            for (var c = 0; c < columns.Count; c++)
            {
                var label = Fold(columns[c], labelWidth);
                var value = Fold(rows[r][c], valueWidth);
                for (var line = 0; line < Math.Max(label.Count, value.Count); line++)
                {
                    var left = line < label.Count ? label[line] : string.Empty;
                    var right = line < value.Count ? value[line] : string.Empty;
                    writer.WriteLine((Pad(left, labelWidth) + " │ " + right).TrimEnd());
                }
            }
        }

        writer.WriteLine(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
    }

    /// <summary>Splits text into lines of at most <paramref name="width"/> terminal cells, at spaces where it can.</summary>
    public static IReadOnlyList<string> Fold(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var line = new StringBuilder();
        var lineWidth = 0;
        var lastSpace = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            var w = Math.Max(0, s.GetCellWidth());
            if (lineWidth + w > width && line.Length > 0)
            {
                if (lastSpace > 0)
                {
                    // Break at the last space; the rest of the word starts the next line.
                    var rest = line.ToString(lastSpace + 1, line.Length - lastSpace - 1);
                    lines.Add(line.ToString(0, lastSpace).TrimEnd());
                    line.Clear().Append(rest);
                    lineWidth = rest.GetCellWidth();
                }
                else
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                lastSpace = -1;
            }

            if (rune.Value == ' ')
            {
                lastSpace = line.Length;
            }

            line.Append(s);
            lineWidth += w;
        }

        lines.Add(line.ToString());
        return lines;
    }

    private static int[] ColumnWidths(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = columns.Select(c => c.GetCellWidth()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].GetCellWidth());
            }
        }

        return widths;
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
        => string.Join(Gap, cells.Select((cell, i) => Pad(cell, widths[i]))).TrimEnd();

    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - text.GetCellWidth()));

    /// <summary>Line breaks and tabs inside a value would break the layout; they become spaces.</summary>
    private static string Clean(string value)
        => value.AsSpan().IndexOfAny("\r\n\t") < 0 ? value : value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
