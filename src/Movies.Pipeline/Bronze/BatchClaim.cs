namespace Movies.Pipeline.Bronze;

/// <summary>Who enriches a batch: <paramref name="Holder"/> (its attempt and a random id) took the batch's plan by a
/// conditional write, as the <paramref name="Tries"/>th try, and renews it by rewriting the plan
/// (<paramref name="Renewals"/> counts them, so every renewal changes the blob). A claim whose plan has not changed
/// for the claim time is dead; one whose holder wrote the batch's outcome, or gave it up
/// (<paramref name="Released"/>), is free.</summary>
public sealed record BatchClaim(string Holder, int Tries, int Renewals = 0, bool Released = false)
{
    /// <summary>The attempt the holder runs for (<c>{attempt}/{id}</c>).</summary>
    public string Attempt => Holder[..Math.Max(0, Holder.IndexOf('/', StringComparison.Ordinal))];
}
