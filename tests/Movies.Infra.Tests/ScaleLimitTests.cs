using System.Text.Json;

namespace Movies.Infra.Tests;

/// <summary>The Flex Consumption scale-out limit: the template takes only what the plan takes (40 to 1000 instances),
/// at the root and in the app's module, so a wrong value is refused when the template is validated rather than by
/// the platform halfway through a deployment.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class ScaleLimitTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void MaximumInstanceCount_EveryTemplate_FlexConsumptionsRangeAndADefaultInIt()
    {
        var declared = Templates(compiled.Root)
            .Where(t => t.TryGetProperty("parameters", out var p) && p.TryGetProperty("maximumInstanceCount", out _))
            .Select(t => t.GetProperty("parameters").GetProperty("maximumInstanceCount"))
            .ToList();

        Assert.Equal(2, declared.Count);
        Assert.All(declared, p =>
        {
            Assert.Equal((40, 1000), (p.GetProperty("minValue").GetInt32(), p.GetProperty("maxValue").GetInt32()));
            Assert.InRange(p.GetProperty("defaultValue").GetInt32(), 40, 1000);
        });
    }

    /// <summary>The template and every module's template in it (modules compile to deployments with the template inline).</summary>
    private static IEnumerable<JsonElement> Templates(JsonElement template)
    {
        yield return template;
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        var list = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in list)
        {
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in Templates(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
