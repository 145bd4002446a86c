namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>One Azurite for the test classes that share it (xunit wants the definition in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
