namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>The set-up every test of the state runs share needs: a temp folder, an OMDb stand-in of its own, a lake
/// (<see cref="IEnrichmentStateLake"/>) chosen by the derived class, and a fixed first day for the test clock.</summary>
public abstract class EnrichmentStateTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Day1 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    protected TempFolder Folder { get; } = new();

    protected OmdbStandIn Omdb { get; private set; } = null!;

    protected abstract Task<IEnrichmentStateLake> LakeAsync();

    public async Task InitializeAsync() => Omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await Omdb.DisposeAsync();
        Folder.Dispose();
    }
}
