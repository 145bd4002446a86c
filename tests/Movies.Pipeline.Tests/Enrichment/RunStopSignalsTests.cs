using Microsoft.Extensions.Time.Testing;
using Movies.Pipeline.Enrichment;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>A process's stop state per run attempt: a stop holds for its attempt only, goes when the run ends, and is
/// forgotten once nothing of this process used it for <see cref="RunStopSignals.IdleLimit"/>.</summary>
public sealed class RunStopSignalsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Stop_FirstAttempt_NextAttemptOfTheSameRunIsNotStopped()
    {
        using var stops = new RunStopSignals(_clock);
        var first = stops.TokenFor("20261123-daily", "a1");

        stops.Stop("20261123-daily", "a1", "Invalid API key!");

        Assert.True(first.IsCancellationRequested);
        Assert.Equal("Invalid API key!", stops.ReasonFor("20261123-daily", "a1"));
        Assert.Null(stops.ReasonFor("20261123-daily", "a2"));
        Assert.False(stops.TokenFor("20261123-daily", "a2").IsCancellationRequested);
    }

    [Fact]
    public void Stop_Twice_FirstReasonStays()
    {
        using var stops = new RunStopSignals(_clock);

        stops.Stop("r", "a1", "Invalid API key!");
        stops.Stop("r", "a1", "Retry-After too long");

        Assert.Equal("Invalid API key!", stops.ReasonFor("r", "a1"));
    }

    [Fact]
    public void Release_RunEnded_SameAttemptStartedAgainIsNotStopped()
    {
        // A completed day purged and started again is attempt 1 once more: its state from the first life must be gone.
        using var stops = new RunStopSignals(_clock);
        stops.Stop("20261123-daily", "a1", "Invalid API key!");

        Assert.True(stops.Release("20261123-daily", "a1"));

        Assert.Null(stops.ReasonFor("20261123-daily", "a1"));
        Assert.False(stops.TokenFor("20261123-daily", "a1").IsCancellationRequested);
    }

    [Fact]
    public void Release_AnotherRunStillLive_SaysSo()
    {
        using var stops = new RunStopSignals(_clock);
        _ = stops.TokenFor("run-a", "a1");
        _ = stops.TokenFor("run-b", "a1");

        Assert.False(stops.Release("run-a", "a1"));
        Assert.True(stops.Release("run-b", "a1"));
        Assert.Equal(0, stops.Count);
    }

    [Fact]
    public void TokenFor_OtherAttemptsIdleBeyondTheLimit_AreForgotten()
    {
        // Batches of a run whose end another process saw: this process never hears of the end.
        using var stops = new RunStopSignals(_clock);
        stops.Stop("old", "a1", "Invalid API key!");
        _clock.Advance(TimeSpan.FromMinutes(30));
        _ = stops.TokenFor("recent", "a1");
        _clock.Advance(RunStopSignals.IdleLimit - TimeSpan.FromMinutes(29));

        _ = stops.TokenFor("new", "a1");

        Assert.Null(stops.ReasonFor("old", "a1"));
        Assert.Equal(2, stops.Count);
    }

    [Fact]
    public void ReasonFor_UsedWithinTheLimit_IsKept()
    {
        using var stops = new RunStopSignals(_clock);
        stops.Stop("long", "a1", "Invalid API key!");
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(RunStopSignals.IdleLimit / 2);
            Assert.Equal("Invalid API key!", stops.ReasonFor("long", "a1"));
        }

        _ = stops.TokenFor("other", "a1");

        Assert.Equal("Invalid API key!", stops.ReasonFor("long", "a1"));
    }
}
