namespace Movies.Pipeline.Events;

/// <summary>The marker of a poison message reported (<see cref="PoisonReports"/>): what it named and when.</summary>
public sealed record PoisonReport(string Key, DateTimeOffset ReportedAt, string? RunId);
