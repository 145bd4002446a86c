using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>
/// A scripted Durable host for the engine's orchestrator code, to count what Durable would replay. Each
/// orchestration instance (the run, and one per chunk sub-orchestration) keeps a history as the Durable Task
/// Framework writes it: OrchestratorStarted and ExecutionStarted first; TaskScheduled/TaskCompleted per activity;
/// SubOrchestrationInstanceCreated/Completed per sub-orchestration; OrchestratorStarted … OrchestratorCompleted
/// around each episode; ExecutionCompleted last. After every completed task (one per episode, the worst case) the
/// instance's function re-executes from the start and replays its whole history: every event of it counts as
/// replayed, and every call the code makes is checked against the history, so a non-deterministic orchestrator
/// fails here as it would in Durable. Activities are scripted and take virtual time (ticks), so the host also shows
/// which batches were in flight together. Inputs and outputs cross each boundary through the worker's JSON.
/// Single-threaded and synchronous: no I/O, no clock, no thread pool.
/// </summary>
internal sealed class DurableReplayHost(int batchSize, Func<int, long>? batchTicks = null, IReadOnlyDictionary<int, string>? fatalByBatch = null)
{
    public const string RunFolder = "2025/01/02/20250102-daily";

    private static readonly JsonSerializerOptions Worker = new(JsonSerializerDefaults.Web);

    private readonly PriorityQueue<Action, (long Tick, long Order)> _queue = new();
    private readonly HashSet<string> _instanceIds = new(StringComparer.Ordinal);
    private readonly List<Instance> _instances = [];
    private long _order;
    private long _now;
    private int _topN;
    private int _fetched;

    public IReadOnlyList<Instance> Instances => _instances;

    /// <summary>History events replayed, over all instances and episodes.</summary>
    public long ReplayedEvents => _instances.Sum(i => i.Replayed);

    /// <summary>Per batch: how often it ran, and the ticks it started and finished at (its last run).</summary>
    public Dictionary<int, (int Runs, long Started, long Finished)> Batches { get; } = [];

    /// <summary>Runs the daily orchestration as <c>MoviesOrchestrator</c> does: the event sequence around the run workflow,
    /// each chunk a sub-orchestration running the chunk workflow.</summary>
    public RunOutcome Run(RunStart start, int topN)
    {
        ArgumentNullException.ThrowIfNull(start);
        var at = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var request = start.ToRequest(at);
        return (RunOutcome)RunOrchestration(request.RunId, start, topN, async steps =>
        {
            var events = new RunEvents(request, steps.PublishAsync, () => at);
            return await events.RunAsync(() => RunWorkflow.RunAsync(steps, request, start.MaxParallelBatches, start.BatchesPerChunk), RunVerdict.Of, _ => null);
        })!;
    }

    /// <summary>Runs any orchestrator function over the scripted activities (for <see cref="ChunkWorkflow"/> calls, the chunk
    /// sub-orchestrations) until it completes, and returns its output.</summary>
    public object? RunOrchestration(string instanceId, RunStart start, int topN, Func<Episode, Task<object?>> body)
    {
        _topN = topN;
        var root = NewInstance(instanceId, body, null, 0, start);
        var previous = SynchronizationContext.Current;
        var context = new Pump();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            Enqueue(0, () => Begin(root));
            while (_queue.TryDequeue(out var action, out var at2))
            {
                _now = at2.Tick;
                action();
                context.Drain();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return root.Done ? root.Output : throw new InvalidOperationException("The orchestration never completed: a task it awaits was never scheduled.");
    }

    private Instance NewInstance(string id, Func<Episode, Task<object?>> body, Instance? parent, int parentSeq, RunStart start)
    {
        if (!_instanceIds.Add(id))
        {
            throw new InvalidOperationException($"Instance id {id} was scheduled twice.");
        }

        var instance = new Instance(id, body, parent, parentSeq, start);
        _instances.Add(instance);
        return instance;
    }

    private void Enqueue(long tick, Action action) => _queue.Enqueue(action, (tick, _order++));

    private void Begin(Instance instance)
    {
        instance.History.Add(new Event(EventKind.OrchestratorStarted, -1, null));
        instance.History.Add(new Event(EventKind.ExecutionStarted, -1, null));
        RunEpisode(instance);
    }

    private void Deliver(Instance instance, int seq, object? result, EventKind kind)
    {
        instance.History.Add(new Event(EventKind.OrchestratorStarted, -1, null));
        instance.History.Add(new Event(kind, seq, result));
        RunEpisode(instance);
    }

    /// <summary>One episode: the function from the start, every completion of the history fed back in order, then the
    /// calls that are new this time scheduled and appended.</summary>
    private void RunEpisode(Instance instance)
    {
        instance.Episodes++;
        instance.Replayed += instance.History.Count;
        var episode = new Episode(instance);
        var pump = (Pump)SynchronizationContext.Current!;
        var task = instance.Body(episode);
        pump.Drain();
        foreach (var e in instance.History)
        {
            if (e.Kind is EventKind.TaskCompleted or EventKind.SubOrchestrationCompleted)
            {
                episode.Complete(e.Seq, e.Result);
                pump.Drain();
            }
        }

        foreach (var call in episode.NewCalls)
        {
            var seq = instance.Calls.Count;
            instance.Calls.Add(call);
            if (call.Name == nameof(ChunkWorkflow))
            {
                instance.SubOrchestrationCalls++;
                instance.History.Add(new Event(EventKind.SubOrchestrationCreated, seq, null));
                var chunk = RoundTrip((ChunkStart)call.Input);
                var child = NewInstance(RunIds.ChunkInstance(chunk.Work.RunId, chunk.Work.Attempt, chunk.Work.Chunk),
                    async steps => await ChunkWorkflow.RunAsync(steps, chunk.Work), instance, seq, instance.Start);
                Enqueue(_now, () => Begin(child));
            }
            else
            {
                instance.ActivityCalls++;
                instance.History.Add(new Event(EventKind.TaskScheduled, seq, null));
                var (result, ticks) = Execute(call);
                Enqueue(_now + ticks, () => Deliver(instance, seq, result, EventKind.TaskCompleted));
            }
        }

        if (episode.Status is { } status && !Equals(status, instance.Statuses.LastOrDefault()))
        {
            instance.Statuses.Add(status);
        }

        instance.History.Add(new Event(EventKind.OrchestratorCompleted, -1, null));
        instance.MaxHistory = Math.Max(instance.MaxHistory, instance.History.Count);
        if (!task.IsCompleted)
        {
            return;
        }

        var output = task.GetAwaiter().GetResult();
        instance.History.Add(new Event(EventKind.ExecutionCompleted, -1, null));
        instance.MaxHistory = instance.History.Count;
        instance.Output = output;
        instance.Done = true;
        instance.History.Clear();
        if (instance.Parent is { } parent)
        {
            var result = RoundTrip((ChunkResult)output!);
            Enqueue(_now, () => Deliver(parent, instance.ParentSeq, result, EventKind.SubOrchestrationCompleted));
        }
    }

    /// <summary>The scripted activities: what each returns, and how many ticks it takes.</summary>
    private (object Result, long Ticks) Execute(Call call)
    {
        switch (call.Input)
        {
            case RunRequest request:
                var r = RoundTrip(request);
                return (RoundTrip(new RunPlan(r.RunId, RunFolder, _topN, batchSize, (_topN + batchSize - 1) / batchSize, _topN, 0, false)), 1);
            case BatchWork work:
                var w = RoundTrip(work);
                var movies = Math.Min(batchSize, _topN - ((w.Batch - 1) * batchSize));
                var fatal = fatalByBatch?.GetValueOrDefault(w.Batch);
                var ticks = batchTicks?.Invoke(w.Batch) ?? 1;
                Batches[w.Batch] = (Batches.GetValueOrDefault(w.Batch).Runs + 1, _now, _now + ticks);
                _fetched += fatal is null ? movies : 0;
                var counts = fatal is null ? new OutcomeCounts(movies, 0, 0, 0) : new OutcomeCounts(0, 0, 0, movies);
                return (RoundTrip(new BatchResult(w.Batch, counts, fatal)), ticks);
            case ManifestWork manifest:
                var m = RoundTrip(manifest);
                return (RoundTrip(new ManifestResult(BronzePaths.Manifest(m.RunFolder), _topN, new OutcomeCounts(_fetched, 0, 0, _topN - _fetched))), 1);
            case PipelineEvent e:
                return (RoundTrip(e).MessageId, 1);
            default:
                throw new InvalidOperationException($"No script for {call.Name}.");
        }
    }

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Worker), Worker)!;

    internal enum EventKind
    {
        OrchestratorStarted,
        ExecutionStarted,
        TaskScheduled,
        TaskCompleted,
        SubOrchestrationCreated,
        SubOrchestrationCompleted,
        OrchestratorCompleted,
        ExecutionCompleted,
    }

    internal readonly record struct Event(EventKind Kind, int Seq, object? Result);

    internal sealed record Call(string Name, object Input);

    internal sealed class Instance(string id, Func<Episode, Task<object?>> body, Instance? parent, int parentSeq, RunStart start)
    {
        public string Id { get; } = id;

        public Func<Episode, Task<object?>> Body { get; } = body;

        public Instance? Parent { get; } = parent;

        public int ParentSeq { get; } = parentSeq;

        public RunStart Start { get; } = start;

        public List<Event> History { get; } = [];

        /// <summary>Every call this instance scheduled, by sequence number: what a replay must schedule again.</summary>
        public List<Call> Calls { get; } = [];

        public int ActivityCalls { get; set; }

        public int SubOrchestrationCalls { get; set; }

        public int Episodes { get; set; }

        public long Replayed { get; set; }

        public int MaxHistory { get; set; }

        /// <summary>The custom status as persisted after each episode that changed it.</summary>
        public List<RunProgress> Statuses { get; } = [];

        public object? Output { get; set; }

        public bool Done { get; set; }
    }

    /// <summary>The context of one episode: the engine's steps as Durable calls, each checked against the history.</summary>
    internal sealed class Episode(Instance instance) : IRunSteps
    {
        private readonly List<ICompletion> _tasks = [];

        public List<Call> NewCalls { get; } = [];

        public RunProgress? Status { get; private set; }

        public Task<RunPlan> SelectAsync(RunRequest request) => Schedule<RunPlan>("SelectMovies", request);

        public Task<ChunkResult> RunChunkAsync(ChunkWork work)
            => Schedule<ChunkResult>(nameof(ChunkWorkflow), new ChunkStart(work, instance.Start.MaxRetries, instance.Start.BaseDelaySeconds));

        public Task<BatchResult> EnrichBatchAsync(BatchWork work) => Schedule<BatchResult>("EnrichBatch", work);

        public Task<ManifestResult> WriteManifestAsync(ManifestWork work) => Schedule<ManifestResult>("WriteRunManifest", work);

        public Task PublishAsync(PipelineEvent e) => Schedule<string>("PublishPipelineEvent", e);

        public void ReportProgress(RunProgress progress) => Status = progress;

        public void Complete(int seq, object? result) => _tasks[seq].Complete(result);

        private Task<T> Schedule<T>(string name, object input)
        {
            var seq = _tasks.Count;
            var completion = new Completion<T>();
            _tasks.Add(completion);
            if (seq < instance.Calls.Count)
            {
                var was = instance.Calls[seq];
                if (was.Name != name || !Equals(was.Input, input))
                {
                    throw new InvalidOperationException($"Non-deterministic orchestrator {instance.Id}: call {seq} is {name} {input} on replay, {was.Name} {was.Input} in the history.");
                }
            }
            else
            {
                NewCalls.Add(new Call(name, input));
            }

            return completion.Task;
        }
    }

    private interface ICompletion
    {
        void Complete(object? result);
    }

    private sealed class Completion<T> : TaskCompletionSource<T>, ICompletion
    {
        public void Complete(object? result) => SetResult((T)result!);
    }

    /// <summary>Runs posted continuations on this thread, in order, when drained: the orchestrator's one thread.</summary>
    private sealed class Pump : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();

        public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("An orchestrator never blocks on its thread.");

        public void Drain()
        {
            while (_posted.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
    }
}
