namespace Movies.Pipeline.Providers;

/// <summary>A value parsed by <see cref="ValueParser"/>: the typed value (null for a missing one), or the reason and detail
/// it was refused.</summary>
public readonly record struct ParsedValue(object? Value, string? Reason = null, string? Detail = null)
{
    public bool IsError => Reason is not null;
}
