using Microsoft.Azure.Functions.Worker;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The one thing here that stands in for the Functions host: the invocation context an HTTP request carries,
/// with the app's services as the invocation's (the Durable extension reads the worker's serializer from them).</summary>
internal sealed class HostFunctionContext(IServiceProvider services, string functionName) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId { get; } = functionName;

    public override TraceContext TraceContext => throw new NotSupportedException("No trace context here.");

    public override BindingContext BindingContext => throw new NotSupportedException("Bindings are the host's; the test passes them.");

    public override RetryContext RetryContext => throw new NotSupportedException("No retry context here.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("No function definition here.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("No invocation features here.");
}
