namespace Movies.Functions.Starters;

/// <summary>The optional body of <c>POST /api/runs</c>; missing values take TOP_N and BATCH_SIZE.</summary>
public sealed record StartRunBody(int? TopN, int? BatchSize);
