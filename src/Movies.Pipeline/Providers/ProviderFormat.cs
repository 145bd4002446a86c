namespace Movies.Pipeline.Providers;

public enum ProviderFormat
{
    Json,
    Csv,
}
