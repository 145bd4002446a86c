using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Pipeline;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Source;

namespace Movies.Cli.Commands;

/// <summary><c>movies upload-source</c>: puts a source dataset at the lake's <c>SOURCE_BLOB</c>, so a run on a
/// blob lake (<c>run --connection</c>) finds it without <c>--source</c>; no Azure CLI needed. The file is
/// read as a source first, so a file the pipeline could not read is refused and nothing is uploaded.</summary>
public static class UploadSourceCommand
{
    private static readonly Option<string?> SourcePath = new("--source") { Description = "Source dataset file to upload. Default: the bundled sample (data/sample/movies.json)" };

    public static Command Create()
    {
        var command = new Command("upload-source", "Upload a source dataset to the lake's SOURCE_BLOB (default source/movies.json), e.g. before `run --connection`");
        command.Options.Add(SourcePath);
        CommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.GuardAsync(() => UploadAsync(result, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> UploadAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var path = result.GetValue(SourcePath) ?? Path.Combine(SampleData.Folder, "movies.json");
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"Source file '{path}' does not exist.");
        }

        var content = new BinaryData(await File.ReadAllBytesAsync(path, cancellationToken));
        var dataset = SourceReader.Read(content);
        using var services = CliHost.Build(CommonOptions.LakeSettings(result), result.GetValue(CommonOptions.LogFormat)!, CommonOptions.LevelOf(result));
        var blob = services.GetRequiredService<IOptions<SelectionOptions>>().Value.SourceBlob;
        var slash = blob.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == blob.Length - 1)
        {
            throw new PipelineInputException($"SOURCE_BLOB '{blob}' must be 'container/name', such as 'source/movies.json'.");
        }

        await services.GetRequiredService<ILakeStore>().UploadAsync(blob[..slash], blob[(slash + 1)..], content, overwrite: true, cancellationToken);
        Console.Out.WriteLine($"Uploaded {path} ({dataset.Movies.Count} movies, {dataset.Rejects.Count} rows the pipeline will reject) to {blob}.");
        return ExitCodes.Done;
    }
}
