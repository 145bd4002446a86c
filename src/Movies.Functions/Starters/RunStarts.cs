using Microsoft.Extensions.Options;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Source;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Starters;

/// <summary>Builds the orchestration input from the settings (TOP_N, BATCH_SIZE, MAX_PARALLEL_BATCHES,
/// BATCHES_PER_CHUNK, MAX_RETRIES, BASE_DELAY_SECONDS), fixed for the run's whole life, and the attempt the starter decided.</summary>
public sealed class RunStarts(IOptions<SelectionOptions> selection, IOptions<WorkflowOptions> workflow, IOptions<ResilienceOptions> resilience)
{
    public int DefaultTopN => selection.Value.TopN;

    public int DefaultBatchSize => selection.Value.BatchSize;

    /// <summary>The engine's rules on top_n and batch_size that can be checked before reading the source.</summary>
    public static IReadOnlyList<string> Errors(int topN, int batchSize)
        => SelectionRules.Errors(topN, batchSize, int.MaxValue).ToList();

    public RunStart Create(string runId, int? topN, int? batchSize, int attempt)
    {
        RunIds.Validate(runId);
        return new RunStart(runId, topN ?? DefaultTopN, batchSize ?? DefaultBatchSize, workflow.Value.MaxParallelBatches,
            resilience.Value.MaxRetries, resilience.Value.BaseDelaySeconds, attempt, workflow.Value.BatchesPerChunk);
    }
}
