using System.Text.RegularExpressions;
using Movies.Pipeline.Report;

namespace Movies.Pipeline.Tests.Report;

public partial class RunReportHtmlTests
{
    private static readonly string[] Charts = ["outcomes", "quality", "rejects", "top-films", "genres", "decades"];

    [Fact]
    public void Render_Report_EveryChartHasTitleDescriptionAndDataTable()
    {
        var html = RunReportHtml.Render(Report("<b>Heat</b> & \"friends\""));

        Assert.Contains("<title>Run 20261123-r: movies pipeline report</title>", html, StringComparison.Ordinal);
        foreach (var chart in Charts)
        {
            Assert.Contains($"<svg class=\"chart\" id=\"chart-{chart}\"", html, StringComparison.Ordinal);
            Assert.Contains($"aria-labelledby=\"chart-{chart}-title chart-{chart}-desc\"", html, StringComparison.Ordinal);
            Assert.Contains($"<title id=\"chart-{chart}-title\">", html, StringComparison.Ordinal);
            Assert.Contains($"<desc id=\"chart-{chart}-desc\">", html, StringComparison.Ordinal);
            Assert.Contains($"<table id=\"table-{chart}\">", html, StringComparison.Ordinal);
        }

        Assert.Equal(Charts.Length, SvgCount().Count(html));
    }

    [Fact]
    public void Render_HostileTitle_EscapedAndNothingLoadedFromOutside()
    {
        var html = RunReportHtml.Render(Report("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        // Self-contained: no external stylesheet, script, image or font.
        Assert.DoesNotMatch(@"(src|href)\s*=", html);
        Assert.DoesNotContain("url(http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameReportTwice_SameText()
        => Assert.Equal(RunReportHtml.Render(Report("Heat")), RunReportHtml.Render(Report("Heat")));

    [Fact]
    public void Render_FailedRunWithFatalReason_SaysSoInWords()
    {
        var report = Report("Heat") with
        {
            FatalReason = "OMDb rejected the API key",
            Quality = new ReportQuality("failed", "bronze stopped early: OMDb rejected the API key", 1, 1, 0, 0, 20),
        };

        var html = RunReportHtml.Render(report);

        Assert.Contains("✗ Quality check failed", html, StringComparison.Ordinal);
        Assert.Contains("The run stopped early:</strong> OMDb rejected the API key", html, StringComparison.Ordinal);
    }

    private static RunReport Report(string title) => new(
        "20261123-r", 3, 100, 1, null,
        [new("fetched", 2), new("not_found", 1), new("failed", 0), new("skipped", 0), new("cached", 0), new("deferred", 0)],
        [new("missing_title", 1, [new("x-2001-abc", "no Title")])],
        new ReportQuality("succeeded", null, 2, 1, 1, 50, 60),
        [new(title, 1995, 8.3, 600_000, ["Crime", "Drama"])],
        [new("Crime", 1), new("Drama", 1)],
        [new("1990s", 1)],
        new ReportTiming(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, 23), 1, 5, 3, 4, 1, 2));

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgCount();
}
