namespace Movies.Testing;

/// <summary>A clock a test sets: what the engine reads as now (answer times, the quota's UTC day). Timers and delays
/// stay real, so retries and waits behave as they do in production.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
