using System.Text;
using Movies.Pipeline.Events;

namespace Movies.Pipeline.Tests.Events;

public sealed class PoisonPromotionTests
{
    private const string Message = """{"Type":"BlobTrigger","FunctionId":"Host.Functions.PromoteToSilver","BlobType":"BlockBlob","ContainerName":"bronze","BlobName":"2025/01/02/20250102-daily/_manifest.json","ETag":"\"0x8DD1\""}""";
    private static readonly DateTimeOffset At = new(2025, 1, 2, 5, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryParse_PlainOrBase64_ReadsFunctionBlobAndRun(bool base64)
    {
        var text = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Message)) : Message;

        Assert.True(PoisonPromotion.TryParse(text, out var poison));
        Assert.Equal("PromoteToSilver", poison!.FunctionName);
        Assert.Equal(("bronze", "2025/01/02/20250102-daily/_manifest.json"), (poison.Container, poison.BlobName));
        Assert.Equal("20250102-daily", poison.RunId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Type":"Other"}""")]
    [InlineData("[1,2]")]
    public void TryParse_NotAPoisonMessage_ReturnsFalse(string text)
        => Assert.False(PoisonPromotion.TryParse(text, out _));

    [Fact]
    public void ToEvent_SameMessageReportedTwice_SameMessageIdNewVersionNewId()
    {
        Assert.True(PoisonPromotion.TryParse(Message, out var poison));

        var first = poison!.ToEvent(At)!;
        var again = poison.ToEvent(At.AddMinutes(15))!;
        var newVersion = (poison with { ETag = "\"0x8DD2\"" }).ToEvent(At)!;

        Assert.Equal(PipelineEventTypes.PromotionFailed, first.Type);
        Assert.Equal("bronze/2025/01/02/20250102-daily/_manifest.json", first.Manifest);
        Assert.Contains("PromoteToSilver", first.Reason, StringComparison.Ordinal);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, newVersion.MessageId);
        Assert.Equal("2025/01/02/20250102-daily/promotion_failed." + first.MessageId[^16..] + ".json", EventPaths.Of(first));
    }

    [Theory]
    [InlineData("silver", "2025/01/02/20250102-daily/_manifest.json", "20250102-daily")]
    [InlineData("silver", "2025/01/02/20250102-daily/movies.parquet", null)]
    [InlineData("gold", "latest/_manifest.json", null)]
    [InlineData("bronze", "_manifest.json", null)]
    public void RunId_OnlyForARunManifest(string container, string blob, string? runId)
    {
        var poison = new PoisonPromotion("Host.Functions.PromoteToGold", container, blob, "\"e\"");

        Assert.Equal(runId, poison.RunId);
        Assert.Equal(runId is null, poison.ToEvent(At) is null);
    }
}
