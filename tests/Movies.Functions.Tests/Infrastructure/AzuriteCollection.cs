namespace Movies.Functions.Tests.Infrastructure;

/// <summary>One Azurite (blob and queue services) for the app's tests: the lake, and the blob trigger's poison queue on
/// the lake's account. Each test works under a day (run ids) of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteQueuesFixture>
{
    public const string Name = "Azurite for the Functions app";
}
