using System.Globalization;

namespace Movies.Pipeline.Source;

/// <summary>The rules top_n and batch_size obey, checked before any work starts. TOP_N is not capped by the daily
/// OMDb limit: movies past the day's quota are deferred to the next run, so a large backlog spreads over days.</summary>
public static class SelectionRules
{
    public static void Validate(int topN, int batchSize, int available)
    {
        var errors = Errors(topN, batchSize, available).ToList();
        if (errors.Count > 0)
        {
            throw new PipelineInputException(string.Join(" ", errors));
        }
    }

    public static IEnumerable<string> Errors(int topN, int batchSize, int available)
    {
        var c = CultureInfo.InvariantCulture;
        if (topN <= 0)
        {
            yield return string.Create(c, $"TOP_N must be at least 1 (got {topN}).");
        }
        else if (topN > available)
        {
            yield return string.Create(c, $"TOP_N {topN} is more than the {available} rankable movies in the source.");
        }

        if (batchSize <= 0)
        {
            yield return string.Create(c, $"BATCH_SIZE must be at least 1 (got {batchSize}).");
        }
        else if (topN > 0 && batchSize > topN)
        {
            yield return string.Create(c, $"BATCH_SIZE {batchSize} is larger than TOP_N {topN}.");
        }
    }

    public static int BatchCount(int topN, int batchSize) => (topN + batchSize - 1) / batchSize;

    /// <summary>Splits in rank order: 20 by 5 gives 4 batches of 5; 23 by 5 gives 5, the last of 3.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> items, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return items.Chunk(batchSize).Select(chunk => (IReadOnlyList<T>)chunk).ToList();
    }
}
