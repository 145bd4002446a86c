using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>What the app's functions did on the real engine: per orchestration instance, how often it ran (an episode
/// is one execution, replaying the history before it), the calls and custom statuses of each first execution of a step
/// (not of its replays), and how many calls replays made again; and every activity execution, retries included.</summary>
internal sealed class OrchestrationJournal(DataConverter converter)
{
    private readonly ConcurrentDictionary<string, InstanceJournal> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Name, string? Input)> _activities = new();

    public InstanceJournal this[string instanceId] => _instances[instanceId];

    public IReadOnlyCollection<InstanceJournal> Instances => [.. _instances.Values];

    public bool Contains(string instanceId) => _instances.ContainsKey(instanceId);

    /// <summary>Every activity execution, retries included, in the order they started.</summary>
    public IReadOnlyList<(string Name, string? Input)> ActivityRuns => [.. _activities];

    public void ActivityRan(string name, object? input) => _activities.Enqueue((name, converter.Serialize(input)));

    public void Episode(TaskOrchestrationContext context) => Of(context).Episode(context.IsReplaying);

    public void Called(TaskOrchestrationContext context, string name, object? input) => Of(context).Called(context.IsReplaying, name, converter.Serialize(input));

    public void Status(TaskOrchestrationContext context, object? status)
    {
        if (!context.IsReplaying)
        {
            Of(context).StatusSet(converter.Serialize(status));
        }
    }

    private InstanceJournal Of(TaskOrchestrationContext context) => _instances.GetOrAdd(context.InstanceId, id => new InstanceJournal(id, context.Name.Name));
}

/// <summary>One orchestration instance's journal (see <see cref="OrchestrationJournal"/>). An instance's episodes run
/// one at a time; the lock is for the test reading it while the instance runs.</summary>
internal sealed class InstanceJournal(string id, string name)
{
    public const string Call = "call";
    public const string Status = "status";

    private readonly Lock _lock = new();
    private readonly List<(string Kind, string Name, string? Json)> _entries = [];

    public string Id { get; } = id;

    public string Name { get; } = name;

    public int Episodes { get; private set; }

    /// <summary>Episodes that began by replaying history (every one after the first).</summary>
    public int ReplayingEpisodes { get; private set; }

    /// <summary>Calls a replay made again: the replay work of this instance.</summary>
    public long ReplayedCalls { get; private set; }

    /// <summary>The calls (name and input) and custom statuses (when changed) of first executions, in the order made.</summary>
    public IReadOnlyList<(string Kind, string Name, string? Json)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<(string Name, string? Input)> Calls => [.. Entries.Where(e => e.Kind == Call).Select(e => (e.Name, e.Json))];

    /// <summary>Each custom status the instance set, as JSON, when it changed.</summary>
    public IReadOnlyList<string?> Statuses => [.. Entries.Where(e => e.Kind == Status).Select(e => e.Json)];

    public int ActivityCalls(string activity) => Calls.Count(c => c.Name == activity);

    public void Episode(bool replaying)
    {
        lock (_lock)
        {
            Episodes++;
            ReplayingEpisodes += replaying ? 1 : 0;
        }
    }

    public void Called(bool replaying, string name, string? input)
    {
        lock (_lock)
        {
            if (replaying)
            {
                ReplayedCalls++;
            }
            else
            {
                _entries.Add((Call, name, input));
            }
        }
    }

    public void StatusSet(string? json)
    {
        lock (_lock)
        {
            if (_entries.LastOrDefault(e => e.Kind == Status) is not { Kind: Status } last || last.Json != json)
            {
                _entries.Add((Status, "", json));
            }
        }
    }
}
