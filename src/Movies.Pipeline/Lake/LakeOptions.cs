using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Movies.Pipeline.Lake;

/// <summary>Where the lake is: a local folder (<c>LAKE_PATH</c>) or a blob account (<c>LakeStorage</c>
/// connection string, or <c>LakeStorage__blobServiceUri</c> with an Azure identity).</summary>
public sealed class LakeOptions
{
    public const string ConnectionName = "LakeStorage";

    [ConfigurationKeyName("LAKE_PATH")]
    public string? Path { get; set; }

    /// <summary>A connection string (<c>UseDevelopmentStorage=true</c> for Azurite); never logged.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned identity, when the connection is identity based.</summary>
    public string? ClientId { get; set; }

    /// <summary>Time allowed to one try of one storage call (each 4 MB block of a larger upload is its own call).
    /// Not a setting: our blobs are small, and a try that takes longer is a stuck connection.</summary>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || BlobServiceUri is not null;

    /// <summary>Reads the Functions-style connection: either a plain value or a section with
    /// <c>blobServiceUri</c>, <c>credential</c> and <c>clientId</c>.</summary>
    public static void Bind(LakeOptions options, IConfiguration configuration)
    {
        options.Path = configuration["LAKE_PATH"];
        var section = configuration.GetSection(ConnectionName);
        options.ConnectionString = section.Value;
        var uri = section["blobServiceUri"];
        options.BlobServiceUri = string.IsNullOrWhiteSpace(uri) ? null
            : Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" ? parsed
            : throw new OptionsValidationException(nameof(LakeOptions), typeof(LakeOptions), [$"{ConnectionName}__blobServiceUri must be an absolute https URL, such as https://account.blob.core.windows.net/."]);
        options.ClientId = section["clientId"] ?? configuration["AZURE_CLIENT_ID"];
    }
}
