using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>Where a test of the state runs share (answer cache, quota ledger, deferred queue) runs: a fresh folder
/// lake, or an Azurite of its own emptied first, since that state is the lake's and would leak between tests.</summary>
public interface IEnrichmentStateLake
{
    /// <summary>Points engine settings at the lake (emptied for this test).</summary>
    void Use(Dictionary<string, string?> settings);

    /// <summary>A new client of the same lake, as another process would open it.</summary>
    ILakeStore Open();

    /// <summary>The CLI options that name the lake.</summary>
    string[] CliOptions { get; }
}

public sealed class FolderStateLake(string folder) : IEnrichmentStateLake
{
    public string[] CliOptions => ["--lake", folder];

    public void Use(Dictionary<string, string?> settings) => settings["LAKE_PATH"] = folder;

    public ILakeStore Open() => new FileSystemLakeStore(folder);
}

public sealed class BlobStateLake(AzuriteFixture azurite) : IEnrichmentStateLake
{
    public string[] CliOptions => ["--connection", azurite.ConnectionString];

    public static async Task<BlobStateLake> EmptyAsync(AzuriteFixture azurite)
    {
        await LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
        return new BlobStateLake(azurite);
    }

    public void Use(Dictionary<string, string?> settings)
    {
        settings.Remove("LAKE_PATH");
        settings["LakeStorage"] = azurite.ConnectionString;
    }

    public ILakeStore Open() => new BlobLakeStore(azurite.CreateServiceClient());
}

/// <summary>An Azurite for the tests of shared enrichment state only: they empty it before each test.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteEnrichmentStateCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite enrichment state";
}
