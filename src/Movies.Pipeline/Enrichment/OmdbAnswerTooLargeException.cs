using System.Globalization;

namespace Movies.Pipeline.Enrichment;

/// <summary>An OMDb answer longer than <c>OMDB_MAX_BODY_BYTES</c>: not read further, not retried (not an
/// <see cref="HttpRequestException"/>, so the retry predicate leaves it alone); that movie fails.</summary>
public sealed class OmdbAnswerTooLargeException(int maxBytes)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"OMDb answer larger than OMDB_MAX_BODY_BYTES ({maxBytes} bytes); not kept"))
{
}
