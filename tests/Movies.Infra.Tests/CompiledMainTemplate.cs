using System.Text.Json;

namespace Movies.Infra.Tests;

/// <summary>infra/main.bicep built once per test run, and its ARM JSON parsed.</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime, IDisposable
{
    private JsonDocument? document;

    internal static string MainBicep => RepositoryRoot.Combine("infra", "main.bicep");

    internal BicepResult Build { get; private set; } = new(-1, "", "");

    internal JsonElement Root => (document ?? throw new InvalidOperationException("Not built.")).RootElement;

    internal IReadOnlyList<ArmResource> Resources { get; private set; } = [];

    internal IReadOnlyList<ArmOutput> Outputs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        if (Build.ExitCode != 0)
        {
            return;
        }

        document = JsonDocument.Parse(Build.StandardOutput);
        Resources = ArmTemplate.Resources(Root);
        Outputs = ArmTemplate.Outputs(Root);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => document?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "compiled main.bicep";
}
