using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Providers;

/// <summary>Where the provider declarations are (<c>PROVIDERS_FILE</c>), and how large a provider file may be.</summary>
public sealed class ProvidersOptions
{
    /// <summary>The name of the declarations file the app ships beside itself.</summary>
    public const string BundledFileName = "providers.json";

    /// <summary>A providers file; empty means the <c>providers.json</c> deployed beside the app (the CLI's and the
    /// Functions app's own copy of <c>data/providers.json</c>). A relative path is taken from the current folder.</summary>
    [ConfigurationKeyName("PROVIDERS_FILE")]
    public string? ProvidersFile { get; set; }

    public const int DefaultMaxFileBytes = 100 * 1024 * 1024;

    public const int DefaultMaxFieldBytes = 64 * 1024;

    /// <summary>Largest provider file taken; a larger one is refused whole (<see cref="ProviderLimits"/>).</summary>
    [ConfigurationKeyName("PROVIDER_MAX_FILE_BYTES")]
    [Range(1, int.MaxValue)]
    public int MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Largest field (a CSV cell, a JSON value) of a provider file, in UTF-8 bytes; a file with a larger one is
    /// refused whole.</summary>
    [ConfigurationKeyName("PROVIDER_MAX_FIELD_BYTES")]
    [Range(1, int.MaxValue)]
    public int MaxFieldBytes { get; set; } = DefaultMaxFieldBytes;

    public ProviderLimits Limits => new(MaxFileBytes, MaxFieldBytes);

    /// <summary>The file that is read: <see cref="ProvidersFile"/>, or the bundled one.</summary>
    public string ResolvedPath => string.IsNullOrWhiteSpace(ProvidersFile)
        ? Path.Combine(AppContext.BaseDirectory, BundledFileName)
        : Path.GetFullPath(ProvidersFile);
}
