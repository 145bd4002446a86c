namespace Movies.Pipeline.Workflow;

/// <summary>What a run id's orchestration instance is, as a starter sees it.</summary>
public enum InstanceState
{
    /// <summary>No instance (never started, or purged).</summary>
    None,

    /// <summary>Pending, running or suspended: it holds the day.</summary>
    Active,

    Completed,

    /// <summary>Failed or terminated.</summary>
    Failed,
}

/// <summary>What a starter does with the day's run.</summary>
public enum StartAction
{
    Start,
    Restart,
    AlreadyActive,
    AlreadyCompleted,
    GiveUp,
}

/// <summary>A starter's decision and the attempt to start (when it starts one).</summary>
public sealed record StartDecision(StartAction Action, int Attempt, string Reason)
{
    public bool Starts => Action is StartAction.Start or StartAction.Restart;
}

/// <summary>
/// One run a day, never two at once: the daily run's instance id is its run id (<see cref="RunIds.Daily"/>), and the
/// timer, the hourly retry and the HTTP starter all decide here. A run still active from the day before holds the
/// new day too (one OMDb quota, one gold writer). A failed or terminated day is restarted as the next attempt
/// (it resumes its plan and keeps its bronze) until <see cref="MaxAttemptsPerDay"/>, or not at all when it failed on
/// bad input, which no restart fixes.
/// </summary>
public static class DailyRunStarts
{
    public const int MaxAttemptsPerDay = 4;

    /// <param name="today">Today's daily instance state.</param>
    /// <param name="lastAttempt">The attempt today's instance ran (its <see cref="RunStart.Attempt"/>).</param>
    /// <param name="failedOnBadInput">Today's instance failed on an error no restart fixes (bad input).</param>
    /// <param name="yesterday">The previous day's daily instance state.</param>
    /// <param name="startIfNone">False for the hourly retry: it restarts failed days and starts nothing new.</param>
    public static StartDecision Decide(InstanceState today, int lastAttempt, bool failedOnBadInput, InstanceState yesterday, bool startIfNone = true)
    {
        if (yesterday == InstanceState.Active)
        {
            return new StartDecision(StartAction.AlreadyActive, 0, "yesterday's run is still active; one run at a time");
        }

        return today switch
        {
            InstanceState.None when startIfNone => new StartDecision(StartAction.Start, 1, "no run today yet"),
            InstanceState.None => new StartDecision(StartAction.GiveUp, 0, "no run today yet; the schedule starts it"),
            InstanceState.Active => new StartDecision(StartAction.AlreadyActive, 0, "today's run is active"),
            InstanceState.Completed => new StartDecision(StartAction.AlreadyCompleted, 0, "today's run completed"),
            _ when failedOnBadInput => new StartDecision(StartAction.GiveUp, 0, "today's run failed on bad input; a restart cannot fix it"),
            _ when Math.Max(1, lastAttempt) >= MaxAttemptsPerDay => new StartDecision(StartAction.GiveUp, 0, $"today's run failed {MaxAttemptsPerDay} times"),
            _ => new StartDecision(StartAction.Restart, Math.Max(1, lastAttempt) + 1, "today's run failed; restarting it as the next attempt"),
        };
    }
}
