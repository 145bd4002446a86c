using System.Globalization;

namespace Movies.Pipeline.Providers;

/// <summary>How large a provider file and one of its fields may be (<c>PROVIDER_MAX_FILE_BYTES</c>,
/// <c>PROVIDER_MAX_FIELD_BYTES</c>): a file over either is refused whole with the reason, before any of it reaches bronze.
/// Landing writers are outside the pipeline: these bound what one file can cost in memory, time and storage.</summary>
public sealed record ProviderLimits(int MaxFileBytes, int MaxFieldBytes)
{
    public static ProviderLimits Default { get; } = new(ProvidersOptions.DefaultMaxFileBytes, ProvidersOptions.DefaultMaxFieldBytes);

    /// <summary>Refuses a file of <paramref name="bytes"/> over <see cref="MaxFileBytes"/>.</summary>
    public void CheckFile(string where, long bytes)
    {
        if (bytes > MaxFileBytes)
        {
            throw new PipelineInputException(string.Create(CultureInfo.InvariantCulture,
                $"{where} is {bytes:N0} bytes, over PROVIDER_MAX_FILE_BYTES ({MaxFileBytes:N0}): refused whole; split it, or raise the setting."));
        }
    }

    /// <summary>Refuses a field of <paramref name="bytes"/> (UTF-8) over <see cref="MaxFieldBytes"/>.</summary>
    public void CheckField(string where, int row, string column, int bytes)
    {
        if (bytes > MaxFieldBytes)
        {
            throw new PipelineInputException(string.Create(CultureInfo.InvariantCulture,
                $"{where} has a field of {bytes:N0} bytes ({(row == 0 ? "header" : $"row {row}")}, column {column}), over PROVIDER_MAX_FIELD_BYTES ({MaxFieldBytes:N0}): refused whole."));
        }
    }
}
