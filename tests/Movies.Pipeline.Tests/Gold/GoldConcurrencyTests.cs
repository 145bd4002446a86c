using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Cli;
using Movies.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>Promotions of distinct runs at once (blob triggers run in parallel, instances scale out): every
/// film and every run's quality row must end in gold/latest. Each lake is checked with concurrent tasks (each
/// its own promoter, as separate instances are) and with concurrent <c>movies promote</c> processes.</summary>
public abstract class GoldConcurrencyTests(ITestOutputHelper output)
{
    private const int FilmsPerRun = 3;
    private static readonly DateOnly Day = new(2026, 11, 20);

    protected abstract Task<ILakeStore> CreateLakeAsync();

    /// <summary>The CLI's lake options for the lake <see cref="CreateLakeAsync"/> made last.</summary>
    protected abstract string[] CliLake();

    [Fact]
    public async Task PromoteAsync_EightConcurrentPromotersOfDistinctRuns_NoFilmOrRunLost()
    {
        const int Trials = 6;
        const int Runs = 8;
        var lost = 0;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            var manifests = await WriteRunsAsync(lake, trial, Runs);

            await Task.WhenAll(manifests.Select(m => Task.Run(() => LakeRuns.Promoter(lake).PromoteAsync(m))));

            lost += await AssertEveryFilmAndRunAsync(lake, trial, Runs);
        }

        output.WriteLine($"{GetType().Name}: {Trials} trials of {Runs} concurrent promotions ({Trials * Runs * FilmsPerRun} films), {lost} films lost");
    }

    [Fact]
    public async Task Promote_FourConcurrentProcessesOfDistinctRuns_NoFilmOrRunLost()
    {
        const int Trials = 3;
        const int Runs = 4;
        var lost = 0;
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lake = await CreateLakeAsync();
            await WriteRunsAsync(lake, trial, Runs);

            var results = await Task.WhenAll(Enumerable.Range(1, Runs).Select(run => MoviesCli.RunAsync(null, ["promote", "--run", RunId(trial, run), .. CliLake()])));

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
            lost += await AssertEveryFilmAndRunAsync(lake, trial, Runs);
        }

        output.WriteLine($"{GetType().Name}: {Trials} trials of {Runs} concurrent `movies promote` processes ({Trials * Runs * FilmsPerRun} films), {lost} films lost");
    }

    private static string RunId(int trial, int run) => $"20261120-t{trial}-r{run}";

    private static string ImdbId(int trial, int run, int film) => $"tt{trial:D2}{run:D2}{film:D3}";

    private static async Task<List<string>> WriteRunsAsync(ILakeStore lake, int trial, int runs)
    {
        var manifests = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            var movies = Enumerable.Range(1, FilmsPerRun)
                .Select(film => new BronzeMovie($"film-{run}-{film}", LakeRuns.Omdb(ImdbId(trial, run, film), $"Film {run}.{film}", 1990 + film)))
                .ToList();
            manifests.Add(await LakeRuns.WriteRunAsync(lake, RunId(trial, run), Day, new DateTimeOffset(Day.ToDateTime(new TimeOnly(3, run)), TimeSpan.Zero), movies));
        }

        return manifests;
    }

    /// <summary>Asserts gold/latest holds every film and every run; returns how many films were missing.</summary>
    private static async Task<int> AssertEveryFilmAndRunAsync(ILakeStore lake, int trial, int runs)
    {
        var films = (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.MoviesUnified, "parquet"), "SELECT imdb_id FROM t ORDER BY imdb_id"))
            .Select(r => (string)r[0]!).ToList();
        var quality = (await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, GoldPaths.Latest(GoldPaths.RunQuality, "parquet"), "SELECT run_id FROM t ORDER BY run_id"))
            .Select(r => (string)r[0]!).ToList();
        var expectedFilms = Enumerable.Range(1, runs).SelectMany(run => Enumerable.Range(1, FilmsPerRun).Select(film => ImdbId(trial, run, film))).Order(StringComparer.Ordinal).ToList();
        var missing = expectedFilms.Except(films).Count();

        Assert.Equal(expectedFilms, films);
        Assert.Equal(Enumerable.Range(1, runs).Select(run => RunId(trial, run)).Order(StringComparer.Ordinal), quality);
        return missing;
    }
}

public sealed class FileSystemGoldConcurrencyTests(ITestOutputHelper output) : GoldConcurrencyTests(output), IDisposable
{
    private readonly List<TempFolder> _folders = [];

    public void Dispose() => _folders.ForEach(f => f.Dispose());

    protected override Task<ILakeStore> CreateLakeAsync()
    {
        _folders.Add(new TempFolder());
        return Task.FromResult<ILakeStore>(new FileSystemLakeStore(_folders[^1].Path));
    }

    protected override string[] CliLake() => ["--lake", _folders[^1].Path];
}

[Collection(AzuriteGoldCollection.Name)]
public sealed class BlobGoldConcurrencyTests(AzuriteFixture azurite, ITestOutputHelper output) : GoldConcurrencyTests(output)
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());

    protected override string[] CliLake() => ["--connection", azurite.ConnectionString];
}

[CollectionDefinition(Name)]
public sealed class AzuriteGoldCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite gold concurrency";
}
