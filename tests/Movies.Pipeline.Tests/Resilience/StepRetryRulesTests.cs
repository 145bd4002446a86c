using System.Text.Json;
using Azure;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Source;

namespace Movies.Pipeline.Tests.Resilience;

public sealed class StepRetryRulesTests
{
    private static readonly StepRetryRules Rules = new(maxRetries: 3, baseDelaySeconds: 2);

    /// <summary>What the orchestrator's handler does with the failure details: the type or any wrapped cause.</summary>
    private static Func<Type, bool> CausedBy(Exception exception)
        => type => Chain(exception).Any(type.IsInstanceOfType);

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    public static TheoryData<Exception> NotRetried() => new()
    {
        new PipelineInputException("TOP_N 0 is not valid"),
        new SourceFormatException("row 3 is not an object"),
        new InvalidOperationException("Run r has no plan for batch 2"),
        new JsonException("bad manifest"),
        new AggregateException(new PipelineInputException("wrapped bad input")),
        new RequestFailedException(503, "storage unavailable after its own retries"),
        new HttpRequestException("Key Vault unreachable after its own retries"),
    };

    [Theory]
    [MemberData(nameof(NotRetried))]
    public void NextDelay_BadInputOrAlreadyRetriedByItsClient_Stops(Exception failure)
        => Assert.Null(Rules.NextDelay(1, TimeSpan.Zero, CausedBy(failure)));

    [Fact]
    public void NextDelay_HostsOwnClientException_Stops()
    {
        var serviceBus = typeof(TimeoutException);

        Assert.NotNull(Rules.NextDelay(1, TimeSpan.Zero, CausedBy(new TimeoutException())));
        Assert.Null(Rules.NextDelay(1, TimeSpan.Zero, CausedBy(new TimeoutException()), [serviceBus]));
    }

    [Fact]
    public void NextDelay_UnexpectedError_DoublesFromBaseDelayThenStopsAfterMaxRetries()
    {
        var failure = CausedBy(new IOException("worker lost its file"));

        Assert.Equal(
            [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), null],
            Enumerable.Range(1, 4).Select(n => Rules.NextDelay(n, TimeSpan.Zero, failure)));
    }

    [Fact]
    public void NextDelay_LongBackoff_CappedPerWaitAndInTotal()
    {
        var rules = new StepRetryRules(maxRetries: 10, baseDelaySeconds: 60);
        var failure = CausedBy(new IOException());

        Assert.Equal(StepRetryRules.MaxInterval, rules.NextDelay(5, TimeSpan.Zero, failure));
        Assert.Null(rules.NextDelay(2, StepRetryRules.MaxTotal - TimeSpan.FromSeconds(30), failure));
    }

    [Fact]
    public void NextDelay_BaseDelayZero_RetriesAtOnce()
    {
        var rules = new StepRetryRules(maxRetries: 2, baseDelaySeconds: 0);

        Assert.Equal(TimeSpan.Zero, rules.NextDelay(1, TimeSpan.Zero, CausedBy(new IOException())));
        Assert.Equal(TimeSpan.Zero, rules.NextDelay(2, TimeSpan.Zero, CausedBy(new IOException())));
        Assert.Null(rules.NextDelay(3, TimeSpan.Zero, CausedBy(new IOException())));
    }
}
