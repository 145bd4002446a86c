namespace Movies.Pipeline.Enrichment;

/// <summary>Innermost handler of the OMDb client: counts attempts on the request's resilience context and
/// reads the whole body inside the attempt, so a body that stalls counts against the attempt timeout.</summary>
public sealed class OmdbAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = request.GetResilienceContext();
        context?.Properties.Set(OmdbClient.AttemptsKey, context.Properties.GetValue(OmdbClient.AttemptsKey, 0) + 1);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }
}
