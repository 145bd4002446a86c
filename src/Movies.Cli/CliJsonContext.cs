using System.Text.Json.Serialization;
using Movies.Cli.Commands;

namespace Movies.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(IngestSummary))]
public sealed partial class CliJsonContext : JsonSerializerContext;
