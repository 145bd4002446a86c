namespace Movies.Pipeline.Silver;

/// <summary>Why one record is invalid: a <see cref="RejectReasons"/> code and a human detail.</summary>
public sealed record SilverValidationError(string Reason, string Detail);
