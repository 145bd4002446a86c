namespace Movies.Pipeline.Providers;

/// <summary>What ingesting one landed file did.</summary>
public static class ProviderFileStatus
{
    /// <summary>The file is now its part's current file in silver (and gold was published from it).</summary>
    public const string Ingested = "ingested";

    /// <summary>A newer file of the same part is current: this one is kept in bronze and its own silver, not in the table.</summary>
    public const string Superseded = "superseded";

    /// <summary>The same bytes were ingested before, or by another process at the same time (which made them current):
    /// nothing changed.</summary>
    public const string AlreadyIngested = "already_ingested";
}
