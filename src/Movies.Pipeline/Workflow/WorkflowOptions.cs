using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Workflow;

public sealed class WorkflowOptions
{
    /// <summary>Batches enriched at once; after a run-fatal answer no further wave starts.</summary>
    [ConfigurationKeyName("MAX_PARALLEL_BATCHES")]
    [Range(1, 1000)]
    public int MaxParallelBatches { get; set; } = 4;
}
