using Microsoft.Extensions.Configuration;

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

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || BlobServiceUri is not null;

    /// <summary>Reads the Functions-style connection: either a plain value or a section with
    /// <c>blobServiceUri</c>, <c>credential</c> and <c>clientId</c>.</summary>
    public static void Bind(LakeOptions options, IConfiguration configuration)
    {
        options.Path = configuration["LAKE_PATH"];
        var section = configuration.GetSection(ConnectionName);
        options.ConnectionString = section.Value;
        var uri = section["blobServiceUri"];
        options.BlobServiceUri = string.IsNullOrWhiteSpace(uri) ? null : new Uri(uri, UriKind.Absolute);
        options.ClientId = section["clientId"] ?? configuration["AZURE_CLIENT_ID"];
    }
}
