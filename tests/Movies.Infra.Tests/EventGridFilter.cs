using System.Text.Json;

namespace Movies.Infra.Tests;

/// <summary>Event Grid's subscription filter, as documented for the Event Grid schema: the subject must begin and end
/// as <c>subjectBeginsWith</c>/<c>subjectEndsWith</c> say (case-insensitive unless <c>isSubjectCaseSensitive</c>), and
/// every advanced filter must pass (the values of one filter are alternatives). Only the operators this repository uses
/// on the subject are known; any other fails the test.</summary>
internal static class EventGridFilter
{
    public static bool Delivers(JsonElement filter, string subject)
    {
        var comparison = filter.TryGetProperty("isSubjectCaseSensitive", out var sensitive) && sensitive.ValueKind == JsonValueKind.True
            ? StringComparison.Ordinal
            : StringComparison.OrdinalIgnoreCase;
        if (filter.TryGetProperty("subjectBeginsWith", out var begins) && !subject.StartsWith(begins.GetString()!, comparison))
        {
            return false;
        }

        if (filter.TryGetProperty("subjectEndsWith", out var ends) && !subject.EndsWith(ends.GetString()!, comparison))
        {
            return false;
        }

        if (!filter.TryGetProperty("advancedFilters", out var advanced))
        {
            return true;
        }

        return advanced.EnumerateArray().All(f =>
        {
            Assert.Equal("subject", f.GetProperty("key").GetString());
            var values = f.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
            // Advanced string filters are case-insensitive.
            return f.GetProperty("operatorType").GetString() switch
            {
                "StringBeginsWith" => values.Any(v => subject.StartsWith(v, StringComparison.OrdinalIgnoreCase)),
                "StringNotBeginsWith" => values.All(v => !subject.StartsWith(v, StringComparison.OrdinalIgnoreCase)),
                var other => throw new InvalidOperationException($"Advanced filter operator {other} is not modelled here."),
            };
        });
    }
}
