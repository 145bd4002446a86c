using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Workflow;

public sealed class WorkflowOptions
{
    public const int DefaultBatchesPerChunk = 100;

    /// <summary>Batches in flight at once (a sliding window: the next starts as soon as one finishes); after a
    /// run-fatal answer no new batch starts.</summary>
    [ConfigurationKeyName("MAX_PARALLEL_BATCHES")]
    [Range(1, 1000)]
    public int MaxParallelBatches { get; set; } = 4;

    /// <summary>Batches per chunk: in Durable each chunk is a sub-orchestration, so this bounds the activity calls
    /// (and the replayed history) of any one orchestration instance.</summary>
    [ConfigurationKeyName("BATCHES_PER_CHUNK")]
    [Range(1, 1000)]
    public int BatchesPerChunk { get; set; } = DefaultBatchesPerChunk;
}
