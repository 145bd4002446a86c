namespace Movies.Pipeline.Providers;

/// <summary>One row of a provider file before parsing: its number in the file (1 = the first row of data) and its values
/// by the declared column names (<c>from</c>); a missing or null value is absent. <paramref name="Malformed"/> says why a
/// row could not be read at all.</summary>
public sealed record RawRecord(int Number, IReadOnlyDictionary<string, RawValue> Values, string? Malformed = null);
