using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>One chunk of a run's batches: the engine's <see cref="ChunkWorkflow"/> (a sliding window of
/// MAX_PARALLEL_BATCHES) over the same activities and retry handler as the run. A sub-orchestration of
/// <see cref="MoviesOrchestrator"/>, so its history holds at most BATCHES_PER_CHUNK activity calls.</summary>
public static class ChunkOrchestrator
{
    [Function(nameof(ChunkOrchestrator))]
    public static async Task<ChunkResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = context.GetInput<ChunkStart>() ?? throw new InvalidOperationException("The chunk orchestration needs a ChunkStart input.");
        var logger = context.CreateReplaySafeLogger(typeof(ChunkOrchestrator).FullName!);
        var work = start.Work;
        var result = await ChunkWorkflow.RunAsync(new DurableRunSteps(context, start.MaxRetries, start.BaseDelaySeconds), work);
        Log.ChunkFinished(logger, work.RunId, work.Chunk, work.Chunks, result.BatchesDone, result.Counts.Fetched, result.FatalReason);
        return result;
    }
}
