using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Movies.Pipeline.Enrichment;

/// <summary>Which outcomes of one OMDb attempt are worth another: the transport's transient failures
/// (5xx, 408, 429, timeouts, connection errors) and a 2xx answer whose body is not usable JSON.</summary>
public static class OmdbRetryPredicate
{
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }

        if (outcome.Result is { IsSuccessStatusCode: true } response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return OmdbAnswer.Classify((int)response.StatusCode, body).Kind == OmdbAnswerKind.Transient;
        }

        return false;
    }

    public static string Describe(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception?.GetType().Name ?? (outcome.Result is { IsSuccessStatusCode: true } ? "unusable answer" : $"HTTP {(int?)outcome.Result?.StatusCode}");
}
