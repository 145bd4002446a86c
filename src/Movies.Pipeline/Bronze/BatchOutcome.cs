namespace Movies.Pipeline.Bronze;

/// <summary>What one try of a batch decided for each of its movies, written when the try ends, by
/// <paramref name="Holder"/> of <paramref name="Attempt"/> (the batch's claim). <paramref name="DeferReason"/> says
/// why movies were deferred (the day's quota ran out), when some were.</summary>
public sealed record BatchOutcome(string RunId, int Batch, string? FatalReason, IReadOnlyList<MovieOutcome> Movies, string? Attempt = null, string? Holder = null,
    string? DeferReason = null);
