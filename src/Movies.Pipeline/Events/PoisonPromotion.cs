using System.Text;
using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>
/// A message of the blob trigger's poison queue (<see cref="QueueName"/>, on the trigger connection's account): a
/// promotion that failed every try. The extension writes <c>{"Type":"BlobTrigger","FunctionId":"Host.Functions.X",
/// "BlobType":"BlockBlob","ContainerName":"bronze","BlobName":"...","ETag":"..."}</c>, Base64-encoded by default.
/// </summary>
public sealed record PoisonPromotion(string Function, string Container, string BlobName, string? ETag)
{
    public const string QueueName = "webjobs-blobtrigger-poison";

    /// <summary>The run whose manifest failed to promote, or null when the blob is not a run manifest.</summary>
    public string? RunId => Container switch
    {
        LakeContainers.Bronze when BronzePaths.IsManifest(BlobName) => RunIdOf(BronzePaths.RunFolderOf(BlobName)),
        LakeContainers.Silver when SilverPaths.IsManifest(BlobName) => RunIdOf(SilverPaths.RunFolderOf(BlobName)),
        _ => null,
    };

    /// <summary>Reads a poison message as plain JSON or Base64 JSON; false for anything else.</summary>
    public static bool TryParse(string messageText, out PoisonPromotion? promotion)
    {
        promotion = Parse(messageText);
        if (promotion is null && !string.IsNullOrWhiteSpace(messageText))
        {
            var bytes = new byte[messageText.Length];
            if (Convert.TryFromBase64String(messageText.Trim(), bytes, out var length))
            {
                promotion = Parse(Encoding.UTF8.GetString(bytes, 0, length));
            }
        }

        return promotion is not null;
    }

    /// <summary>promotion_failed for this message; null when it names no run. The blob and its ETag make the
    /// message id: reporting the same message again is a duplicate, a new manifest that fails again is not.</summary>
    public PipelineEvent? ToEvent(DateTimeOffset occurredAt)
        => RunId is { } runId
            ? RunEvents.PromotionFailed(runId, occurredAt, $"{Container}/{BlobName}",
                $"{FunctionName} failed on every try for {Container}/{BlobName}; the message is in the {QueueName} queue until it is replayed",
                $"{Container}/{BlobName}@{ETag}")
            : null;

    /// <summary>The function's name without the host's prefix (<c>Host.Functions.PromoteToSilver</c>).</summary>
    public string FunctionName => Function[(Function.LastIndexOf('.') + 1)..];

    private static string? RunIdOf(string runFolder)
    {
        try
        {
            return RunIds.OfRunFolder(runFolder);
        }
        catch (PipelineInputException)
        {
            return null;
        }
    }

    private static PoisonPromotion? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("ContainerName", out var container) && container.ValueKind == JsonValueKind.String
                && root.TryGetProperty(nameof(BlobName), out var blob) && blob.ValueKind == JsonValueKind.String
                ? new PoisonPromotion(
                    root.TryGetProperty("FunctionId", out var function) ? function.GetString() ?? "" : "",
                    container.GetString()!,
                    blob.GetString()!,
                    root.TryGetProperty(nameof(ETag), out var etag) ? etag.GetString() : null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
