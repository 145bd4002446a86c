namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>One movie of a hand-made bronze run: its OMDb answer and source row, or a broken blob.</summary>
internal sealed record BronzeMovie(string Key, string Omdb, string Source = "{}", string? RawBlob = null, bool Missing = false);
