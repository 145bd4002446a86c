using System.Text.Json;
using System.Text.Json.Serialization;

namespace Movies.Pipeline.Providers;

/// <summary>How the providers file is read: camelCase, comments and trailing commas allowed (it is written by hand),
/// and an unknown property is an error, so a misspelt option is never silently ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ProvidersDocument))]
internal sealed partial class ProvidersJsonContext : JsonSerializerContext;
