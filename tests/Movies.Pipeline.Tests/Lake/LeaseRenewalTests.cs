using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>The shared renewal loop of blob leases and batch claims, on a fake clock: each pause the loop takes is
/// seen as the timer it creates, so the tests step the clock exactly and never wait on real time.</summary>
public sealed class LeaseRenewalTests
{
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Renewal_Held_RenewsEveryThirdOfTheValidity()
    {
        var hold = new ScriptedHold(Renewed, Renewed, Renewed);
        await using var renewal = hold.Start();

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(Validity / 3, await hold.Clock.NextPauseAsync());
            hold.Clock.Advance(Validity / 3 - TimeSpan.FromMilliseconds(1));
            Assert.Equal(i - 1, hold.Renewals);
            hold.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(TimeSpan.FromSeconds(10 * i), await hold.NextRenewalAsync());
        }

        Assert.Equal(Validity / 3, await hold.Clock.NextPauseAsync());
        Assert.False(renewal.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task Renewal_RenewFails_RetriedEverySecondThenBackToAThird()
    {
        var hold = new ScriptedHold(Fails, Fails, Renewed);
        await using var renewal = hold.Start();

        await hold.StepAsync(Validity / 3);
        await hold.StepAsync(TimeSpan.FromSeconds(1));
        await hold.StepAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(Validity / 3, await hold.Clock.NextPauseAsync());
        Assert.Equal(3, hold.Renewals);
        Assert.False(renewal.Lost.IsCancellationRequested);
        Assert.Empty(hold.LostReasons);
    }

    [Fact]
    public async Task Renewal_FailsUntilTheValidityLapses_LostWithTheLastFailure()
    {
        // Renewed at 10 s, then failing: the hold lives until 40 s, the validity after its last renewal.
        var hold = new ScriptedHold([Renewed, .. Enumerable.Repeat<Func<CancellationToken, Task<string?>>>(Fails, 21)]);
        await using var renewal = hold.Start();
        await hold.StepAsync(Validity / 3);
        await hold.StepAsync(Validity / 3);
        for (var second = 21; second < 40; second++)
        {
            await hold.StepAsync(TimeSpan.FromSeconds(1));
            Assert.False(renewal.Lost.IsCancellationRequested, $"lost at {second} s");
        }

        await hold.StepAsync(TimeSpan.FromSeconds(1));

        await ScriptedHold.LostAsync(renewal);
        Assert.Equal(TimeSpan.FromSeconds(40), hold.Clock.GetUtcNow() - ScriptedHold.Start0);
        Assert.Equal("storage unreachable", Assert.Single(hold.LostReasons));
        Assert.True(renewal.IsLost);
        Assert.Equal(22, hold.Renewals);
    }

    [Fact]
    public async Task Renewal_AnotherHolderHasIt_LostAtOnceAndStopsRenewing()
    {
        var hold = new ScriptedHold(Renewed, TakenOver);
        await using var renewal = hold.Start();
        await hold.StepAsync(Validity / 3);

        await hold.StepAsync(Validity / 3);

        await ScriptedHold.LostAsync(renewal);
        Assert.Equal("taken over", Assert.Single(hold.LostReasons));
        hold.Clock.Advance(Validity * 2);
        Assert.Equal(2, hold.Renewals);
    }

    [Fact]
    public async Task Dispose_WhileWaiting_StopsWithoutRenewingOrLosing()
    {
        var hold = new ScriptedHold(Renewed);
        var renewal = hold.Start();
        await hold.Clock.NextPauseAsync();

        await renewal.DisposeAsync().AsTask().WaitAsync(Bound);

        hold.Clock.Advance(Validity * 2);
        Assert.Equal(0, hold.Renewals);
        Assert.False(renewal.IsLost);
        Assert.Empty(hold.LostReasons);
    }

    [Fact]
    public async Task Dispose_DuringARenewal_CancelsItAndStopsWithoutLosing()
    {
        var hold = new ScriptedHold(Hangs);
        var renewal = hold.Start();
        await hold.StepAsync(Validity / 3);

        await renewal.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.False(renewal.IsLost);
        Assert.Empty(hold.LostReasons);
    }

    private static Task<string?> Renewed(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private static Task<string?> Fails(CancellationToken cancellationToken) => throw new IOException("storage unreachable");

    private static Task<string?> TakenOver(CancellationToken cancellationToken) => Task.FromResult<string?>("taken over");

    private static async Task<string?> Hangs(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    /// <summary>A hold whose renewals answer from a script, one entry per renewal, on a clock that reports its timers.</summary>
    private sealed class ScriptedHold(params Func<CancellationToken, Task<string?>>[] script)
    {
        public static readonly DateTimeOffset Start0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly Channel<TimeSpan> _renewedAt = Channel.CreateUnbounded<TimeSpan>();
        private int _renewals;

        public PauseReportingClock Clock { get; } = new(Start0);

        public List<string> LostReasons { get; } = [];

        public int Renewals => Volatile.Read(ref _renewals);

        public LeaseRenewal Start() => new(RenewAsync, Validity, reason => LostReasons.Add(reason), Clock);

        /// <summary>Waits for the loop's next pause, checks its length, lets it pass and waits for the renewal it ends in.</summary>
        public async Task StepAsync(TimeSpan expectedPause)
        {
            Assert.Equal(expectedPause, await Clock.NextPauseAsync());
            Clock.Advance(expectedPause);
            await NextRenewalAsync();
        }

        public async Task<TimeSpan> NextRenewalAsync() => await _renewedAt.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        public static async Task LostAsync(LeaseRenewal renewal)
        {
            var lost = new TaskCompletionSource();
            using var registration = renewal.Lost.Register(lost.SetResult);
            await lost.Task.WaitAsync(Bound);
        }

        private Task<string?> RenewAsync(CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _renewals) - 1;
            _renewedAt.Writer.TryWrite(Clock.GetUtcNow() - Start0);
            Assert.True(index < script.Length, $"renewal {index + 1} was not expected");
            return script[index](cancellationToken);
        }
    }

    /// <summary>A fake clock that reports each timer created on it (the loop's pauses), so a test advances it only
    /// once the loop is waiting.</summary>
    private sealed class PauseReportingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<TimeSpan> _pauses = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _pauses.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task<TimeSpan> NextPauseAsync() => await _pauses.Reader.ReadAsync().AsTask().WaitAsync(Bound);
    }
}
