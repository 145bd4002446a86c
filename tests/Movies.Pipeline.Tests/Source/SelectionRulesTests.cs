using Movies.Pipeline.Source;

namespace Movies.Pipeline.Tests.Source;

public class SelectionRulesTests
{
    [Theory]
    [InlineData(20, 5, 4, 5)]
    [InlineData(23, 5, 5, 3)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(7, 7, 1, 7)]
    public void Split_TopNByBatchSize_GivesExpectedBatches(int topN, int batchSize, int batches, int lastSize)
    {
        var split = SelectionRules.Split(Enumerable.Range(1, topN).ToList(), batchSize);

        Assert.Equal(batches, split.Count);
        Assert.Equal(batches, SelectionRules.BatchCount(topN, batchSize));
        Assert.Equal(lastSize, split[^1].Count);
        Assert.Equal(Enumerable.Range(1, topN), split.SelectMany(b => b));
    }

    [Theory]
    [InlineData(0, 5, "TOP_N must be at least 1 (got 0).")]
    [InlineData(-3, 5, "TOP_N must be at least 1 (got -3).")]
    [InlineData(20, 0, "BATCH_SIZE must be at least 1 (got 0).")]
    [InlineData(20, -1, "BATCH_SIZE must be at least 1 (got -1).")]
    [InlineData(5, 6, "BATCH_SIZE 6 is larger than TOP_N 5.")]
    [InlineData(101, 5, "TOP_N 101 is more than the 100 rankable movies in the source.")]
    public void Validate_BadValues_ThrowsClearError(int topN, int batchSize, string expected)
    {
        var error = Assert.Throws<PipelineInputException>(() => SelectionRules.Validate(topN, batchSize, available: 100));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodValues_DoesNotThrow()
        => SelectionRules.Validate(20, 5, available: 100);

    [Fact]
    public void Validate_TopNAboveAnyDailyLimit_IsAllowed()
        => SelectionRules.Validate(100_000, 5, available: 100_000);
}
