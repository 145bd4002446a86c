namespace Movies.Pipeline.Workflow;

public sealed record BatchWork(string RunId, string RunFolder, int Batch);
