namespace Movies.Pipeline.Workflow;

/// <summary>One batch of one attempt of a run. A retried step gets the same work, so it finds the outcomes
/// the failed try already decided (<c>_batches/NNNN.{attempt}/</c>); a restart is another attempt.</summary>
public sealed record BatchWork(string RunId, string RunFolder, int Batch, string Attempt);
