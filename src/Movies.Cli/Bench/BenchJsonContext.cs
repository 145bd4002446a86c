using System.Text.Json.Serialization;

namespace Movies.Cli.Bench;

/// <summary>Bench figures keep the snake_case names they are known by (enrich_ratio, ops_per_movie).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BenchResult))]
[JsonSerializable(typeof(RunBenchResult))]
[JsonSerializable(typeof(GoldBenchResult))]
[JsonSerializable(typeof(GoldSideReport))]
[JsonSerializable(typeof(ProbeReport))]
[JsonSerializable(typeof(OmdbStandInStats))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
