using System.Globalization;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>Names in the <c>events</c> container: <c>{yyyy}/{MM}/{dd}/{runId}/{type}.json</c>, filed by
/// the run's date; an event with a detail (gold_published) adds the detail's hash: <c>{type}.{hash}.json</c>.</summary>
public static class EventPaths
{
    public static string Of(PipelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var date = RunIds.DateOf(e.RunId, e.OccurredAt);
        var plain = PipelineEvent.MessageIdOf(e.RunId, e.Type);
        var file = e.MessageId.Length > plain.Length ? $"{e.Type}.{e.MessageId[(plain.Length + 1)..]}" : e.Type;
        return string.Create(CultureInfo.InvariantCulture, $"{date:yyyy'/'MM'/'dd}/{e.RunId}/{file}.json");
    }
}
