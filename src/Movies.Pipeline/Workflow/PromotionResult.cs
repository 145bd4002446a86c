using Movies.Pipeline.Gold;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Workflow;

/// <summary>What promoting one run did: its silver dataset and the gold tables published.</summary>
public sealed record PromotionResult(SilverResult Silver, GoldResult Gold);
