using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline;

/// <summary>The one JSON contract of the pipeline: blobs, step inputs and outputs, summaries.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunInfo))]
[JsonSerializable(typeof(BatchPlan))]
[JsonSerializable(typeof(BatchOutcome))]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(BronzeRecord))]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunPlan))]
[JsonSerializable(typeof(BatchWork))]
[JsonSerializable(typeof(BatchResult))]
[JsonSerializable(typeof(ManifestWork))]
[JsonSerializable(typeof(ManifestResult))]
[JsonSerializable(typeof(RunProgress))]
[JsonSerializable(typeof(RunOutcome))]
[JsonSerializable(typeof(SilverManifest))]
[JsonSerializable(typeof(SilverReject))]
[JsonSerializable(typeof(SilverResult))]
[JsonSerializable(typeof(GoldManifest))]
[JsonSerializable(typeof(GoldVersion))]
[JsonSerializable(typeof(GoldResult))]
[JsonSerializable(typeof(PromotionResult))]
[JsonSerializable(typeof(RunStart))]
[JsonSerializable(typeof(PipelineEvent))]
[JsonSerializable(typeof(PoisonReport))]
[JsonSerializable(typeof(CachedOutcomes))]
[JsonSerializable(typeof(AnswerCacheShard))]
[JsonSerializable(typeof(QuotaDay))]
[JsonSerializable(typeof(DeferredQueue))]
[JsonSerializable(typeof(ProviderArrival))]
[JsonSerializable(typeof(ProviderSequence))]
[JsonSerializable(typeof(ProviderFileSilver))]
[JsonSerializable(typeof(ProviderCurrent))]
[JsonSerializable(typeof(ProviderReject))]
[JsonSerializable(typeof(ProviderFileResult))]
[JsonSerializable(typeof(ProviderGoldManifest))]
public sealed partial class PipelineJsonContext : JsonSerializerContext
{
    /// <summary>The context the pipeline writes with: unicode titles stay readable in blobs.</summary>
    public static PipelineJsonContext Blobs { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });

    /// <summary>The same contract on one line each, for JSON Lines files such as silver's rejects.</summary>
    public static PipelineJsonContext Lines { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });

    /// <summary>The context messages are sent with: compact, and escaped for any consumer.</summary>
    public static PipelineJsonContext Messages { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    });
}
