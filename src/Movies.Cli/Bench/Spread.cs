namespace Movies.Cli.Bench;

/// <summary>A figure measured several times: the median, the smallest and largest value, and every value in
/// the order measured, so a reader sees how much it wobbles.</summary>
public sealed record Spread(double Median, double Min, double Max, IReadOnlyList<double> Values)
{
    public static Spread Of(IReadOnlyList<double> values, int digits = 3)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(Math.Round(median, digits), Math.Round(sorted[0], digits), Math.Round(sorted[^1], digits), [.. values.Select(v => Math.Round(v, digits))]);
    }

    public override string ToString() => FormattableString.Invariant($"{Median} ({Min}–{Max})");
}
