using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>The run's progress as an instance's custom status. Azure Storage's task hub refuses a custom status over
/// 16 KB (UTF-16, so 8,192 characters of JSON) and the episode that set it fails; a fatal reason is OMDb's own words, of
/// any length, so it is cut to <see cref="MaxReasonLength"/> characters here (the run's outcome and events keep it whole).</summary>
public static class ProgressStatus
{
    public const int MaxReasonLength = 1000;

    public static RunProgress Of(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.FatalReason is { Length: > MaxReasonLength } reason
            ? progress with { FatalReason = string.Concat(reason.AsSpan(0, MaxReasonLength), "…") }
            : progress;
    }
}
