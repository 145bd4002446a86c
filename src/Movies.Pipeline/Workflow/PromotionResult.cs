using Movies.Pipeline.Gold;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Workflow;

/// <summary>What promoting one run did: its silver dataset, the gold tables published and the run's
/// report (its blob name in gold, <c>reports/{runId}.html</c>).</summary>
public sealed record PromotionResult(SilverResult Silver, GoldResult Gold, string? ReportBlob = null);
