namespace Movies.Pipeline.Providers;

/// <summary>One value as a file wrote it: its text, and whether it was a JSON number (read with '.' as the decimal
/// mark whatever the provider's own number style).</summary>
public readonly record struct RawValue(string Text, bool IsJsonNumber = false);
