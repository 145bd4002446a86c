using Azure.Core;

namespace Movies.Pipeline.Tests.Secrets;

internal sealed class FixedTokenCredential : TokenCredential
{
    private static readonly AccessToken Token = new("test-token", DateTimeOffset.UtcNow.AddHours(1));

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(Token);
}
