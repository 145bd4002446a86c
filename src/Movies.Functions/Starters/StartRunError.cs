namespace Movies.Functions.Starters;

/// <summary>The 400 answer of <c>POST /api/runs</c>.</summary>
public sealed record StartRunError(string Error, IReadOnlyList<string> Details);
