using System.Net;
using System.Text;
using System.Text.Json;

namespace Movies.Pipeline.Tests.Secrets;

/// <summary>Answers Key Vault's REST shapes: the bearer challenge to an unauthenticated request, then
/// <c>GET /secrets/{name}</c> with the current value, or 404 when there is none.</summary>
internal sealed class FakeKeyVaultHandler(string secretName) : HttpMessageHandler
{
    public const string VaultUri = "https://movies-test.vault.azure.net/";

    public string? Value { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>Authenticated secret reads.</summary>
    public int Gets { get; private set; }

    public int Challenges { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            Challenges++;
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate",
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
            return Task.FromResult(challenge);
        }

        if (request.Method != HttpMethod.Get || request.RequestUri!.AbsolutePath.TrimEnd('/') != $"/secrets/{secretName}")
        {
            return Task.FromResult(Json(HttpStatusCode.BadRequest, new { error = new { code = "BadParameter", message = "unexpected request" } }));
        }

        Gets++;
        return Task.FromResult(Value is null
            ? Json(HttpStatusCode.NotFound, new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {secretName} was not found in this key vault." } })
            : Json(HttpStatusCode.OK, new { value = Value, id = $"{VaultUri}secrets/{secretName}/{Version:D32}", attributes = new { enabled = true } }));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body)
        => new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
