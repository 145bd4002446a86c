namespace Movies.Pipeline.Enrichment;

/// <summary>What an OMDb answer means for the run.</summary>
public enum OmdbAnswerKind
{
    /// <summary>A movie came back.</summary>
    Found,

    /// <summary>Permanent for this movie ("Movie not found!"): record it and go on.</summary>
    NotFound,

    /// <summary>Worth another try: 5xx, 408, 429, timeouts, a body that is not JSON.</summary>
    Transient,

    /// <summary>A permanent error for this one request that is not "not found".</summary>
    Rejected,

    /// <summary>No further call can succeed: invalid or missing key.</summary>
    Fatal,

    /// <summary>"Request limit reached!": the key's daily quota is spent. Not fatal: the movie, and every one after it
    /// today, is deferred to the next run.</summary>
    LimitReached,
}
