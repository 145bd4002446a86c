namespace Movies.Pipeline.Enrichment;

public enum OmdbLookupOutcome
{
    Found,
    NotFound,
    Failed,
    Fatal,
}
