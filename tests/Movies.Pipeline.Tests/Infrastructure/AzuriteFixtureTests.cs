using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>The Azurite fixture on a busy machine: under CPU load, with its port taken, and when Azurite cannot
/// start at all (it must say why).</summary>
public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task Start_UnderCpuLoad_ServesBlobs()
    {
        // Busy loops, 4 per core, each ending by itself after 90 s even if this test dies: a bounded load.
        var burners = Enumerable.Range(0, 4 * Environment.ProcessorCount)
            .Select(_ => Process.Start(new ProcessStartInfo("node", ["-e", "const end = Date.now() + 90000; while (Date.now() < end) {}"]) { UseShellExecute = false })!)
            .ToList();
        var azurite = new AzuriteFixture();
        try
        {
            var clock = Stopwatch.StartNew();
            await azurite.InitializeAsync();
            var lake = new BlobLakeStore(azurite.CreateServiceClient());

            Assert.True(await lake.UploadAsync(LakeContainers.Gold, "load.txt", BinaryData.FromString("ok"), overwrite: false));
            Assert.Equal("ok", (await lake.DownloadAsync(LakeContainers.Gold, "load.txt"))!.ToString());
            Assert.True(clock.Elapsed < azurite.StartTimeout, $"started in {clock.Elapsed}");
        }
        finally
        {
            burners.ForEach(b =>
            {
                b.Kill();
                b.WaitForExit();
                b.Dispose();
            });
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_PortTakenByAnotherProgram_StartsOnAnotherPort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var azurite = AzuriteFixture.Trying(preferredPort: taken);
        try
        {
            await azurite.InitializeAsync();

            Assert.NotEqual(taken, azurite.Port);
            Assert.Equal(1, azurite.PortClashes);
            Assert.True(await new BlobLakeStore(azurite.CreateServiceClient()).UploadAsync(LakeContainers.Gold, "port.txt", BinaryData.FromString("ok"), overwrite: true));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_AzuriteCannotStart_ErrorSaysWhatItPrinted()
    {
        using var folder = new TempFolder();
        var notAFolder = folder.Combine("data");
        File.WriteAllText(notAFolder, "a file where Azurite wants its data folder");
        var azurite = AzuriteFixture.Trying(preferredPort: null, location: notAFolder);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(azurite.InitializeAsync);

            Assert.Contains("exited while starting", error.Message, StringComparison.Ordinal);
            Assert.Contains("Azurite printed:", error.Message, StringComparison.Ordinal);
            Assert.Contains("EEXIST", error.Message, StringComparison.Ordinal);
            Assert.Contains("load average", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}

/// <summary>Apart from <see cref="AzuriteFixtureTests"/>, so its long wait overlaps theirs.</summary>
public sealed class AzuriteSlowStartTests
{
    [Fact]
    public async Task Start_NodeSlowerThanThirtySeconds_StillWaitedFor()
    {
        // What a load of 20 on 2 cores did to node: 35 s before Azurite even starts listening.
        var azurite = AzuriteFixture.Trying(preferredPort: null, launchDelay: TimeSpan.FromSeconds(35));
        try
        {
            var clock = Stopwatch.StartNew();
            await azurite.InitializeAsync();

            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(35), $"answered after {clock.Elapsed}");
            Assert.True(await new BlobLakeStore(azurite.CreateServiceClient()).UploadAsync(LakeContainers.Gold, "slow.txt", BinaryData.FromString("ok"), overwrite: true));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
