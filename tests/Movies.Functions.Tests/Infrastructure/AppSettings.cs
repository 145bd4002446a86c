using System.Globalization;
using Azure.Storage.Blobs;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The app settings of a test: the lake on Azurite through the <c>LakeStorage</c> connection (as in
/// local.settings.sample.json), the source uploaded to the lake's <c>SOURCE_BLOB</c> as in Azure, the OMDb stand-in,
/// and fast retries. Each run is a world of its own: no answer cache and no daily quota (tests of those set them).</summary>
internal static class AppSettings
{
    public static async Task<Dictionary<string, string?>> ForAsync(AzuriteFixture azurite, OmdbStandIn omdb, IReadOnlyList<string> titles, string sourceName)
    {
        var source = $"source/{sourceName}.json";
        using (var folder = new TempFolder())
        {
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("source");
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient($"{sourceName}.json").UploadAsync(TestSource.Write(folder.Path, titles), overwrite: true);
        }

        return new Dictionary<string, string?>
        {
            ["LakeStorage"] = azurite.ConnectionString,
            ["SOURCE_BLOB"] = source,
            ["OMDB_BASE_URL"] = omdb.BaseUrl.ToString(),
            ["OMDB_API_KEY"] = "functions-test-key",
            ["MAX_RETRIES"] = "3",
            ["BASE_DELAY_SECONDS"] = "0.01",
            ["OMDB_TIMEOUT_SECONDS"] = "10",
            ["OMDB_MAX_CONCURRENCY"] = "4",
            ["MIN_VOTES"] = "1000",
            ["REFRESH_AFTER_DAYS"] = "0",
            ["NOT_FOUND_RETRY_DAYS"] = "0",
            ["OMDB_DAILY_LIMIT"] = "0",
            ["TOP_N"] = titles.Count.ToString(CultureInfo.InvariantCulture),
            ["BATCH_SIZE"] = Math.Min(5, titles.Count).ToString(CultureInfo.InvariantCulture),
            ["PURGE_AFTER_DAYS"] = "30",
        };
    }
}
