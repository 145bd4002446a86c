using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>The contract every lake store passes: the folder lake and the blob lake behave the same.</summary>
public abstract class LakeContractTests
{
    private readonly string _prefix = $"contract/{Guid.NewGuid():N}";

    protected abstract ILakeStore Lake { get; }

    private string Name(string name) => $"{_prefix}/{name}";

    [Fact]
    public async Task Upload_ThenDownload_ReturnsSameBytes()
    {
        var bytes = BinaryData.FromString("{\"title\":\"Amélie 🎬\"}");
        Assert.True(await Lake.UploadAsync(LakeContainers.Bronze, Name("a.json"), bytes, overwrite: false));

        var back = await Lake.DownloadAsync(LakeContainers.Bronze, Name("a.json"));

        Assert.Equal(bytes.ToArray(), back!.ToArray());
        Assert.True(await Lake.ExistsAsync(LakeContainers.Bronze, Name("a.json")));
    }

    [Fact]
    public async Task Upload_CreateOnlyWhenExists_ReturnsFalseAndKeepsFirst()
    {
        Assert.True(await Lake.UploadAsync(LakeContainers.Bronze, Name("once.json"), BinaryData.FromString("first"), overwrite: false));
        Assert.False(await Lake.UploadAsync(LakeContainers.Bronze, Name("once.json"), BinaryData.FromString("second"), overwrite: false));

        Assert.Equal("first", (await Lake.DownloadAsync(LakeContainers.Bronze, Name("once.json")))!.ToString());
    }

    [Fact]
    public async Task Upload_CreateOnlyRacing_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Lake.UploadAsync(LakeContainers.Bronze, Name("race.json"), BinaryData.FromString($"writer {i}"), overwrite: false)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Upload_Overwrite_ReplacesContent()
    {
        await Lake.UploadAsync(LakeContainers.Gold, Name("t.csv"), BinaryData.FromString("v1"), overwrite: true);
        Assert.True(await Lake.UploadAsync(LakeContainers.Gold, Name("t.csv"), BinaryData.FromString("v2"), overwrite: true));

        Assert.Equal("v2", (await Lake.DownloadAsync(LakeContainers.Gold, Name("t.csv")))!.ToString());
    }

    [Fact]
    public async Task Download_Missing_ReturnsNull()
    {
        Assert.Null(await Lake.DownloadAsync(LakeContainers.Silver, Name("missing.json")));
        Assert.False(await Lake.ExistsAsync(LakeContainers.Silver, Name("missing.json")));
    }

    [Fact]
    public async Task GetNames_Prefix_ListsOnlyUnderItInOrdinalOrder()
    {
        foreach (var name in new[] { "run/b.json", "run/_manifest.json", "run/a.json", "run/sub/c.json", "other/d.json" })
        {
            await Lake.UploadAsync(LakeContainers.Bronze, Name(name), BinaryData.FromString(name), overwrite: false);
        }

        var names = new List<string>();
        await foreach (var name in Lake.GetNamesAsync(LakeContainers.Bronze, Name("run/")))
        {
            names.Add(name);
        }

        Assert.Equal([Name("run/_manifest.json"), Name("run/a.json"), Name("run/b.json"), Name("run/sub/c.json")], names);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../escape.json")]
    [InlineData("/rooted.json")]
    [InlineData("a//b.json")]
    [InlineData("a\\b.json")]
    [InlineData("")]
    public async Task Upload_UnsafeName_Throws(string name)
        => await Assert.ThrowsAsync<ArgumentException>(() => Lake.UploadAsync(LakeContainers.Bronze, name, BinaryData.FromString("x"), overwrite: true));

    [Fact]
    public async Task Upload_UnknownContainer_Throws()
        => await Assert.ThrowsAsync<ArgumentException>(() => Lake.UploadAsync("elsewhere", "a.json", BinaryData.FromString("x"), overwrite: true));
}

public sealed class FileSystemLakeStoreTests : LakeContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    public FileSystemLakeStoreTests() => Lake = new FileSystemLakeStore(_folder.Path);

    protected override ILakeStore Lake { get; }

    [Fact]
    public async Task Upload_Name_LivesAtContainerSlashName()
    {
        await Lake.UploadAsync(LakeContainers.Bronze, "2026/11/23/run/x.json", BinaryData.FromString("x"), overwrite: false);

        Assert.True(File.Exists(_folder.Combine("bronze", "2026", "11", "23", "run", "x.json")));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    public void Dispose() => _folder.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeStoreTests(AzuriteFixture azurite) : LakeContractTests
{
    protected override ILakeStore Lake { get; } = new BlobLakeStore(azurite.CreateServiceClient());
}
