using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Movies.Functions.Promotion;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;

namespace Movies.Functions.Tests.Triggers;

/// <summary><c>ReportPoisonPromotions</c> on its timer over the lake account's poison queue (Azurite's queue service):
/// each failed promotion is reported once however many ticks it waits, not again a day later when the topic's
/// duplicate detection has forgotten it; a new failure of the same manifest (a new blob version) is a new report.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonReportTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    private const string Manifest = "2031/01/22/20310122-daily/_manifest.json";

    [Fact]
    public async Task ReportPoisonPromotions_MessagesWaitOverManyTicks_EachReportedOnceANewVersionAgain()
    {
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 22), TestSource.Titles(1));
        var queue = app.Get<PoisonQueue>().Queue;
        await queue.DeleteIfExistsAsync();
        var report = ActivatorUtilities.CreateInstance<ReportPoisonPromotions>(app.Services);

        await report.RunAsync(new TimerInfo(), CancellationToken.None);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(PoisonMessage("PromoteToSilver", "bronze", Manifest, "\"0x1\""));
        await queue.SendMessageAsync("not a blob trigger message");
        for (var tick = 0; tick < 3; tick++)
        {
            await report.RunAsync(new TimerInfo(), CancellationToken.None);
        }

        var afterThree = Errors(app);
        // The manifest was rewritten for a replay and failed again: its new version is a new message.
        await queue.SendMessageAsync(PoisonMessage("PromoteToSilver", "bronze", Manifest, "\"0x2\""));
        await report.RunAsync(new TimerInfo(), CancellationToken.None);
        await report.RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(2, afterThree.Count);
        Assert.Single(afterThree, l => l.Contains($"Promotion failed: PromoteToSilver gave up on bronze/{Manifest} (run 20310122-daily)", StringComparison.Ordinal));
        Assert.Single(afterThree, l => l.Contains("is not a blob trigger message", StringComparison.Ordinal));
        Assert.Equal(3, Errors(app).Count);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("3 failed promotions reported before still wait", StringComparison.Ordinal));
        var events = await NamesAsync(app, LakeContainers.Events, "2031/01/22/20310122-daily/");
        Assert.Equal(2, events.Count(e => e.Contains(PipelineEventTypes.PromotionFailed, StringComparison.Ordinal)));
        Assert.Equal(3, (await NamesAsync(app, LakeContainers.Events, "_reported/poison/")).Count);
        // The queue still lists what awaits a replay: reporting never removes a message.
        Assert.Equal(3, (await queue.PeekMessagesAsync(32)).Value.Length);
    }

    /// <summary>A poison message as the blob extension writes it: its JSON, Base64-encoded.</summary>
    private static string PoisonMessage(string function, string container, string blob, string etag)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"Type":"BlobTrigger","FunctionId":"Host.Functions.{{function}}","BlobType":"BlockBlob","ContainerName":"{{container}}","BlobName":"{{blob}}","ETag":"{{etag.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}"""));

    private static List<string> Errors(DurableApp app)
        => [.. app.Logs.Lines.Where(l => l.StartsWith("Error Movies.Functions.Promotion.ReportPoisonPromotions", StringComparison.Ordinal))];
}
