namespace Movies.Pipeline.Lake;

/// <summary>The lake's containers, one per medallion layer plus the source, the landing zone where provider files
/// arrive (<c>landing/{provider}/…</c>), and the event log.</summary>
public static class LakeContainers
{
    public const string Source = "source";
    public const string Landing = "landing";
    public const string Bronze = "bronze";
    public const string Silver = "silver";
    public const string Gold = "gold";
    public const string Events = "events";

    public static IReadOnlyList<string> All { get; } = [Source, Landing, Bronze, Silver, Gold, Events];
}
