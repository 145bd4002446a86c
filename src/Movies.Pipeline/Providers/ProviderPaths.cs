using System.Globalization;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Providers;

/// <summary>Provider names in the lake. Landing: <c>landing/{provider}/{file}</c>, where files arrive. Bronze:
/// <c>bronze/providers/{provider}/{sha256}/{file}</c>, the file byte for byte, and <c>_arrival.json</c> beside it, written
/// last (<see cref="ProviderArrival"/>); <c>_sequence.json</c> numbers a provider's arrivals. Silver:
/// <c>silver/providers/{provider}/files/{arrivalId}/</c> (one file's rows, rejects and <c>_file.json</c>), the provider's
/// table <c>silver/providers/{provider}/tables/{version}.parquet</c>, and <c>_current.json</c>, which names the current
/// file of each part and the table built from them (changed under the lease <c>_current.lock</c>). No name ends in
/// <c>_manifest.json</c>: those start the run promotions.</summary>
public static class ProviderPaths
{
    public const string Folder = "providers";
    public const string ArrivalFileName = "_arrival.json";

    /// <summary>The provider a landing blob belongs to (its folder) and the file's own name, checked: a landing blob is
    /// exactly <c>{provider}/{file}</c>, the provider a name of the lake's allow-list and the file a plain file name
    /// (<see cref="LakeNames.IsFileName"/>: never '_manifest.json' or any other name the lake reserves for its own files,
    /// never a folder). Throws <see cref="PipelineInputException"/> otherwise, before anything is read or written.</summary>
    public static (string Provider, string FileName) OfLanding(string landingBlob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(landingBlob);
        var slash = landingBlob.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == landingBlob.Length - 1 || landingBlob.IndexOf('/', slash + 1) >= 0)
        {
            throw new PipelineInputException($"landing/{LakeNames.Printable(landingBlob)} is not a provider's file: files arrive as landing/{{provider}}/{{file}}, no deeper folders.");
        }

        var (provider, fileName) = (landingBlob[..slash], landingBlob[(slash + 1)..]);
        CheckLandingName(provider, fileName);
        return (provider, fileName);
    }

    /// <summary>The landing blob of a provider's file, with the same checks as <see cref="OfLanding"/>.</summary>
    public static string Landing(string provider, string fileName)
    {
        CheckLandingName(provider, fileName);
        return $"{provider}/{fileName}";
    }

    private static void CheckLandingName(string provider, string fileName)
    {
        if (!LakeNames.IsIdentifier(provider, ProviderCatalog.MaxProviderNameLength))
        {
            throw new PipelineInputException($"landing/{LakeNames.Printable(provider)}/ is not a provider folder: provider names are lower-case letters, digits and '_'.");
        }

        if (!LakeNames.IsFileName(fileName))
        {
            throw new PipelineInputException($"Provider file name '{LakeNames.Printable(fileName)}' is refused: use 1 to {LakeNames.MaxFileNameLength} letters, digits, '.', '_', '-' or spaces, "
                + "starting with a letter or digit (names starting with '_' or '.' are the lake's own).");
        }
    }

    public static string BronzeFolder(string provider, string sha256) => $"{Folder}/{provider}/{sha256}";

    public static string BronzeFile(string provider, string sha256, string fileName) => $"{BronzeFolder(provider, sha256)}/{fileName}";

    public static string Arrival(string provider, string sha256) => $"{BronzeFolder(provider, sha256)}/{ArrivalFileName}";

    public static string Sequence(string provider) => $"{Folder}/{provider}/_sequence.json";

    public static string SilverFolder(string provider, string arrivalId) => $"{Folder}/{provider}/files/{arrivalId}";

    public static string SilverRows(string provider, string arrivalId) => $"{SilverFolder(provider, arrivalId)}/rows.parquet";

    public static string SilverRejects(string provider, string arrivalId) => $"{SilverFolder(provider, arrivalId)}/rejects.jsonl";

    public static string SilverFile(string provider, string arrivalId) => $"{SilverFolder(provider, arrivalId)}/_file.json";

    public static string Current(string provider) => $"{Folder}/{provider}/_current.json";

    public static string CurrentLock(string provider) => $"{Folder}/{provider}/_current.lock";

    public static string Table(string provider, long version) => string.Create(CultureInfo.InvariantCulture, $"{Folder}/{provider}/tables/{version:D6}.parquet");

    /// <summary>An arrival's id: the UTC date it arrived, the provider and its sequence number
    /// (<c>20261123-box_office-000004</c>). A valid run id, so gold files it like a run.</summary>
    public static string ArrivalId(DateTimeOffset arrivedAt, string provider, long sequence)
        => string.Create(CultureInfo.InvariantCulture, $"{arrivedAt.UtcDateTime:yyyyMMdd}-{provider}-{sequence:D6}");
}
