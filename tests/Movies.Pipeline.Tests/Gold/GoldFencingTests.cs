using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs.Specialized;
using Movies.Cli;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;
using Movies.Pipeline.Tests.Lake;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>
/// A promotion paused in the middle of its commit (a long GC pause, a throttled or migrated instance) past its gold
/// lease, while a second promotion of another run takes the lease over and publishes a newer version; then the first
/// resumes. It must publish nothing more: gold/latest matches the marker's hashes file by file, and the paused one
/// stops with the clear line, exit code 3 from the CLI. The lease is taken away from the paused holder as its lapse
/// would (broken on blob storage, which a paused holder's 15-60 s lease does by itself; its lock file removed on the
/// folder lake, as a clean-up or a network share that dropped the lock would), so a trial takes seconds.
/// </summary>
public abstract class GoldFencingTests(ITestOutputHelper output)
{
    private const string PendingBlob = "gold/" + GoldPaths.PendingVersion;
    private static readonly DateOnly Day = new(2026, 11, 20);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    /// <summary>The CLI's lake options for the lake <see cref="CreateLakeAsync"/> made last.</summary>
    protected abstract string[] CliLake();

    /// <summary>Takes the gold lease away from its holder on the lake made last, as its lapse would.</summary>
    protected abstract Task TakeAwayGoldLeaseAsync();

    [Fact]
    public async Task PromoteAsync_PausedAfterItsPendingCommitWhileAnotherPublishes_FencedAndLatestMatchesTheMarker()
    {
        const int Trials = 3;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            var (first, second) = await WriteRunsAsync(lake, trial);
            GoldResult? newer = null;
            // The paused promotion's lake: right after its pending commit is written, everything it would have missed while
            // paused happens (its lease lapses, the other promotion runs whole); then it goes on.
            var paused = new AfterWriteLake(lake, LakeContainers.Gold, GoldPaths.PendingVersion, async () =>
            {
                await TakeAwayGoldLeaseAsync();
                newer = (await LakeRuns.Promoter(lake).PromoteAsync(second)).Gold;
            });

            var lost = await Assert.ThrowsAsync<LakeLeaseLostException>(() => LakeRuns.Promoter(paused).PromoteAsync(first));

            Assert.NotNull(newer);
            Assert.Equal($"Gold: another promotion published version {newer.Version} meanwhile; nothing of this one ({RunA(trial)}) was published "
                + $"(it lost its lease on gold/{GoldPaths.CommitLock} while paused). Run it again to publish it.", lost.Message);
            var marker = await AssertLatestMatchesTheMarkerAsync(lake);
            Assert.Equal((newer.Version, RunB(trial)), (marker.Version, marker.RunId));
            output.WriteLine($"{GetType().Name} trial {trial}: {lost.Message}");
        }
    }

    [Fact]
    public async Task Promote_ProcessFrozenRightAfterItsPendingCommitWhileAnotherPublishes_ExitsThreeAndLatestMatchesTheMarker()
    {
        const int Trials = 10;
        var passed = 0;
        var clock = Stopwatch.StartNew();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            await WriteRunsAsync(lake, trial);
            using var frozen = await FrozenPromotion.StartAsync(RunA(trial), CliLake());
            // Stopped right after its pending commit: that names its version, and latest is still all the seed's.
            var pending = await GoldLatestReaderPendingAsync(lake);
            Assert.Equal((2L, RunA(trial)), (pending.Version, pending.RunId));
            Assert.Equal(1L, (await AssertLatestMatchesTheMarkerAsync(lake)).Version);

            await TakeAwayGoldLeaseAsync();
            var second = await MoviesCli.RunAsync(null, ["promote", "--run", RunB(trial), .. CliLake()]);
            Assert.True(second.ExitCode == 0, second.Stderr);
            Assert.True(frozen.IsStopped, "the frozen promotion ran on while the other published");
            var (exitCode, error) = await frozen.ContinueAsync();

            var marker = await AssertLatestMatchesTheMarkerAsync(lake);
            Assert.True(exitCode == 3, $"exit {exitCode}: {error}");
            Assert.Contains($"error: Gold: another promotion published version {marker.Version} meanwhile; nothing of this one ({RunA(trial)}) was published", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Timed out", error, StringComparison.Ordinal);
            Assert.Equal(RunB(trial), marker.RunId);
            passed++;
        }

        output.WriteLine($"{GetType().Name}: {passed} of {Trials} trials with gold/latest matching the marker file by file, {clock.Elapsed.TotalSeconds / Trials:0.0} s a trial");
    }

    protected static string RunA(int trial) => $"20261121-a{trial}";

    protected static string RunB(int trial) => $"20261122-b{trial}";

    /// <summary>A lake with one published version, and two more runs in bronze (a and b) to promote.</summary>
    protected static async Task<(string First, string Second)> WriteRunsAsync(ILakeStore lake, int trial)
    {
        var seed = await LakeRuns.WriteRunAsync(lake, $"20261120-s{trial}", Day, At(Day), [new("s", LakeRuns.Omdb($"tt{trial:D2}00001", "Seed", 1980))]);
        await LakeRuns.Promoter(lake).PromoteAsync(seed);
        var first = await LakeRuns.WriteRunAsync(lake, RunA(trial), Day.AddDays(1), At(Day.AddDays(1)),
            [.. Enumerable.Range(1, 3).Select(i => new BronzeMovie($"a{i}", LakeRuns.Omdb($"tt{trial:D2}1000{i}", $"First {i}", 1990 + i)))]);
        var second = await LakeRuns.WriteRunAsync(lake, RunB(trial), Day.AddDays(2), At(Day.AddDays(2)),
            [.. Enumerable.Range(1, 3).Select(i => new BronzeMovie($"b{i}", LakeRuns.Omdb($"tt{trial:D2}2000{i}", $"Second {i}", 2000 + i, genre: "Comedy")))]);
        return (first, second);
    }

    /// <summary>Every file the marker names holds the bytes it recorded (none of a paused promotion's landed after).</summary>
    protected static async Task<GoldVersion> AssertLatestMatchesTheMarkerAsync(ILakeStore lake)
    {
        var marker = (await GoldLatestReader.ReadVersionAsync(lake))!;
        var differing = new List<string>();
        foreach (var (name, hash) in marker.Files)
        {
            var content = await lake.DownloadAsync(LakeContainers.Gold, name);
            if (content is null || Sha256(content) != hash)
            {
                differing.Add(name);
            }
        }

        Assert.Empty(differing);
        Assert.Equal(marker.ContentHash, (await GoldLatestReader.ReadAsync(lake))!.ContentHash);
        return marker;
    }

    /// <summary>A real <c>movies promote</c> that stopped itself (SIGSTOP, the CLI's freeze hook) right after it wrote its
    /// pending commit, as a paused instance would; killed on dispose if it is still there.</summary>
    protected sealed class FrozenPromotion : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        private FrozenPromotion(Process process)
        {
            _process = process;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        /// <summary>Stopped by a signal: state T in /proc/{pid}/stat (the field after the command name in parentheses).</summary>
        public bool IsStopped
        {
            get
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
                    return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
                }
                catch (IOException)
                {
                    return false;
                }
            }
        }

        public static async Task<FrozenPromotion> StartAsync(string runId, string[] lake)
        {
            var frozen = new FrozenPromotion(MoviesCli.StartCaptured(new Dictionary<string, string> { [FreezePoint.Variable] = PendingBlob }, ["promote", "--run", runId, .. lake]));
            var deadline = Stopwatch.StartNew();
            while (!frozen.IsStopped)
            {
                if (frozen._process.HasExited)
                {
                    Assert.Fail($"exited ({frozen._process.ExitCode}) before reaching its freeze point: {await frozen._stderr}");
                }

                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "did not reach its freeze point within 2 minutes");
                await Task.Delay(20);
            }

            return frozen;
        }

        /// <summary>Sends SIGCONT and waits for the process to end: its exit code and what it wrote on stderr.</summary>
        public async Task<(int ExitCode, string Stderr)> ContinueAsync()
        {
            using (var kill = Process.Start(new ProcessStartInfo("sh", ["-c", $"kill -CONT {_process.Id.ToString(CultureInfo.InvariantCulture)}"]) { UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await _stdout;
            return (_process.ExitCode, await _stderr);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private static async Task<GoldVersion> GoldLatestReaderPendingAsync(ILakeStore lake)
        => (await lake.ReadJsonAsync(LakeContainers.Gold, GoldPaths.PendingVersion, PipelineJsonContext.Blobs.GoldVersion))!;

    private static string Sha256(BinaryData content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.ToMemory().Span));

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    /// <summary>Runs <paramref name="then"/> right after the first successful write of one blob, before the writer goes on.</summary>
    private sealed class AfterWriteLake(ILakeStore inner, string container, string name, Func<Task> then) : DelegatingLakeStore(inner)
    {
        private int _done;

        public override async Task<bool> UploadIfVersionAsync(string blobContainer, string blob, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        {
            var written = await base.UploadIfVersionAsync(blobContainer, blob, content, ifVersion, cancellationToken);
            if (written && blobContainer == container && blob == name && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await then();
            }

            return written;
        }
    }
}

public sealed class FolderLakeGoldFencingTests(ITestOutputHelper output) : GoldFencingTests(output), IDisposable
{
    private readonly List<TempFolder> _folders = [];

    public void Dispose() => _folders.ForEach(f => f.Dispose());

    protected override Task<ILakeStore> CreateLakeAsync()
    {
        _folders.Add(new TempFolder());
        return Task.FromResult<ILakeStore>(new FileSystemLakeStore(_folders[^1].Path));
    }

    protected override string[] CliLake() => ["--lake", _folders[^1].Path];

    protected override Task TakeAwayGoldLeaseAsync()
    {
        File.Delete(_folders[^1].Combine(LakeContainers.Gold, GoldPaths.CommitLock));
        return Task.CompletedTask;
    }

    /// <summary>Without anything taking its lock away, a frozen promotion keeps the folder lake's OS lock: the second
    /// waits for it, and publishes after it, on top of its version.</summary>
    [Fact]
    public async Task Promote_ProcessFrozenHoldingTheFolderLock_SecondWaitsAndPublishesOnTopOfIt()
    {
        const int Trials = 2;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            await WriteRunsAsync(lake, trial);
            using var frozen = await FrozenPromotion.StartAsync(RunA(trial), CliLake());
            var second = MoviesCli.RunAsync(null, ["promote", "--run", RunB(trial), .. CliLake()]);
            // Whether the second is already waiting for the lock or still starting, it cannot publish before the first.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(second.IsCompleted);
            var (exitCode, error) = await frozen.ContinueAsync();

            var result = await second;
            Assert.True(exitCode == 0, error);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var marker = await AssertLatestMatchesTheMarkerAsync(lake);
            Assert.Equal((3L, RunB(trial)), (marker.Version, marker.RunId));
            var runs = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"), "SELECT run_id FROM t ORDER BY run_id");
            Assert.Equal([$"20261120-s{trial}", RunA(trial), RunB(trial)], runs.Select(r => (string)r[0]!));
        }
    }
}

[Collection(AzuriteFencingCollection.Name)]
public sealed class BlobLakeGoldFencingTests(AzuriteFixture azurite, ITestOutputHelper output) : GoldFencingTests(output)
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());

    protected override string[] CliLake() => ["--connection", azurite.ConnectionString];

    protected override async Task TakeAwayGoldLeaseAsync()
        => await azurite.CreateServiceClient().GetBlobContainerClient(LakeContainers.Gold).GetBlobClient(GoldPaths.CommitLock).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
}
