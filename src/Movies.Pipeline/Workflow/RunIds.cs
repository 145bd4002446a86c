using System.Globalization;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Workflow;

/// <summary>Run ids are blob-name segments: letters, digits, '.', '_' and '-', at most 80.</summary>
public static class RunIds
{
    public static string Create(DateTimeOffset startedAt)
        => startedAt.UtcDateTime.ToString("yyyyMMdd'-'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The daily run of a date, as the timer starts it: one id per day, so a day never runs twice at once.</summary>
    public static string Daily(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-daily";

    /// <summary>The attempt a Durable start carries: <c>a1</c>, <c>a2</c>... fixed by the starter in
    /// <see cref="RunStart"/>, so every replay sees the same one and a restart of the day gets the next.</summary>
    public static string Attempt(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return "a" + number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The attempt of an in-process start (the CLI): its own start time to the millisecond, so each
    /// invocation that resumes a run is a new attempt.</summary>
    public static string Attempt(DateTimeOffset startedAt)
        => "c" + startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The Durable instance id of a chunk's sub-orchestration (<c>{runId}:{attempt}:chunk-0007</c>): derived from
    /// the run, its attempt and the chunk, so every replay schedules the same instance and a restarted attempt never
    /// reuses the previous attempt's. With a Durable attempt (<c>a1</c>...) it stays under Durable's 100 characters.</summary>
    public static string ChunkInstance(string runId, string attempt, int chunk)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{runId}:{attempt}:chunk-{chunk:D4}");
    }

    /// <summary>The run id a run folder (<c>{yyyy}/{MM}/{dd}/{runId}</c>, in bronze and in silver) ends with.</summary>
    public static string OfRunFolder(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var runId = runFolder[(runFolder.LastIndexOf('/') + 1)..];
        Validate(runId);
        return runId;
    }

    public static void Validate(string runId)
    {
        if (!LakeNames.IsRunId(runId))
        {
            throw new PipelineInputException($"Run id '{LakeNames.Printable(runId ?? string.Empty)}' is not valid: use 1 to 80 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }

    /// <summary>The date a run's blobs are filed under: the date its id starts with (yyyyMMdd), so a
    /// rerun on another day finds the same folder; otherwise the day the run starts.</summary>
    public static DateOnly DateOf(string runId, DateTimeOffset startedAt)
        => TryDateOf(runId, out var date) ? date : DateOnly.FromDateTime(startedAt.UtcDateTime);

    /// <summary>The date a run id starts with (yyyyMMdd), if it starts with one.</summary>
    public static bool TryDateOf(string runId, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(runId);
        date = default;
        return runId.Length >= 8 && DateOnly.TryParseExact(runId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
