using System.Globalization;
using Movies.Pipeline.Workflow;

namespace Movies.Cli.Commands;

/// <summary>Run progress as plain lines, one per finished batch, for a stderr that is not a terminal.
/// Written as reported (not through <see cref="Progress{T}"/>, which posts to the thread pool and could
/// print lines out of order).</summary>
public sealed class ProgressLines(TextWriter writer) : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private int _printed = -1;

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.BatchesDone == _printed)
            {
                return;
            }

            _printed = value.BatchesDone;
            var c = value.Counts;
            var line = value.BatchesDone == 0
                ? string.Create(CultureInfo.InvariantCulture, $"run {value.RunId}: {value.BatchesTotal} batches to enrich")
                : string.Create(CultureInfo.InvariantCulture, $"run {value.RunId}: batch {value.BatchesDone} of {value.BatchesTotal} done ({c.Fetched} fetched, {c.NotFound} not found, {c.Failed} failed, {c.Skipped} skipped so far)");
            line = c.Deferred > 0 ? string.Create(CultureInfo.InvariantCulture, $"{line}; {c.Deferred} deferred to the next run (the day's OMDb quota ran out)") : line;
            writer.WriteLine(value.FatalReason is { } fatal ? $"{line}; stopping: {fatal}" : line);
            writer.Flush();
        }
    }
}
