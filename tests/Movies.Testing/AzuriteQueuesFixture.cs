namespace Movies.Testing;

/// <summary>Azurite with its queue service, for what reads or writes queues (the blob trigger's poison queue).</summary>
public sealed class AzuriteQueuesFixture() : AzuriteFixture(queues: true);
