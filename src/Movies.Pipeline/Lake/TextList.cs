namespace Movies.Pipeline.Lake;

/// <summary>A list-of-text column read by <see cref="ParquetColumns"/>: every row's items one after another, and
/// where each row's start (<c>Starts[row]</c> to <c>Starts[row + 1]</c>; one more entry than rows). A null item
/// stays null.</summary>
public sealed record TextList(string?[] Items, int[] Starts)
{
    public int Count(int row) => Starts[row + 1] - Starts[row];

    public ReadOnlySpan<string?> Of(int row) => Items.AsSpan(Starts[row], Count(row));
}
