using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>
/// The orchestration context as the Functions Durable extension hands it to an orchestrator function (its
/// <c>FunctionsOrchestrationContext</c>, internal to the extension): the engine's context, with the input read lazily in
/// the type the function asks for through the worker's data converter (the function's input type is not declared), and
/// every call refused off the orchestrator's thread. Differences from the Functions host: no <c>defaultVersion</c>
/// stamped on sub-orchestrations (host.json's versioning is the host's), and each call is recorded in
/// <see cref="OrchestrationJournal"/> for the tests.
/// </summary>
internal sealed class WorkerOrchestrationContext(TaskOrchestrationContext inner, DataConverter converter, ILoggerFactory loggerFactory, OrchestrationJournal journal)
    : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override ParentOrchestrationInstance? Parent => inner.Parent;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override string Version => inner.Version;

    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;

    public override TaskOrchestrationEntityFeature Entities => inner.Entities;

    protected override ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public override T? GetInput<T>()
        where T : default
    {
        EnsureOrchestratorThread();
        var input = inner.GetInput<object>();
        return input is T typed ? typed : converter.Deserialize<T>(converter.Serialize(input));
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        journal.Called(this, name.Name, input);
        return inner.CallActivityAsync<TResult>(name, input, options);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        journal.Called(this, orchestratorName.Name, input);
        return inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        journal.Called(this, "timer", fireAt);
        return inner.CreateTimer(fireAt, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EnsureOrchestratorThread();
        return inner.WaitForExternalEvent<T>(eventName, cancellationToken);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        EnsureOrchestratorThread();
        inner.SendEvent(instanceId, eventName, payload);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        journal.Status(this, customStatus);
        inner.SetCustomStatus(customStatus);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        inner.ContinueAsNew(newInput, preserveUnprocessedEvents);
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        return inner.NewGuid();
    }

    /// <summary>As the extension does: an await that resumed on a thread-pool thread (a <c>ConfigureAwait(false)</c>, a
    /// <c>Task.Run</c>) leaves the orchestration stuck in Azure, so it fails here.</summary>
    private static void EnsureOrchestratorThread()
    {
        if (!DurableTask.Core.OrchestrationContext.IsOrchestratorThread)
        {
            throw new InvalidOperationException("An orchestrator function called the Durable context off the orchestrator's thread.");
        }
    }
}
