namespace Movies.Pipeline.Bronze;

/// <summary>The OMDb request a bronze record answers; <paramref name="Query"/> never holds the key.</summary>
public sealed record BronzeRequest(string Title, int? Year, string Query);
