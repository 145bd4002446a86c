using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Providers;

/// <summary>Where the provider declarations are (<c>PROVIDERS_FILE</c>).</summary>
public sealed class ProvidersOptions
{
    /// <summary>The name of the declarations file the app ships beside itself.</summary>
    public const string BundledFileName = "providers.json";

    /// <summary>A providers file; empty means the <c>providers.json</c> deployed beside the app (the CLI's and the
    /// Functions app's own copy of <c>data/providers.json</c>). A relative path is taken from the current folder.</summary>
    [ConfigurationKeyName("PROVIDERS_FILE")]
    public string? ProvidersFile { get; set; }

    /// <summary>The file that is read: <see cref="ProvidersFile"/>, or the bundled one.</summary>
    public string ResolvedPath => string.IsNullOrWhiteSpace(ProvidersFile)
        ? Path.Combine(AppContext.BaseDirectory, BundledFileName)
        : Path.GetFullPath(ProvidersFile);
}
