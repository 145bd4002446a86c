using System.Globalization;
using System.Net;
using System.Text;

namespace Movies.Pipeline.Report;

/// <summary>Renders a <see cref="RunReport"/> as one self-contained HTML page: inline CSS and SVG charts,
/// no script and nothing fetched at view time. Every chart has a title and a description for screen
/// readers and a data table beside it; bars carry their numbers and outcomes a hatching as well as a
/// colour, so the page reads without colour. The output depends only on the report (no clock, invariant
/// culture), so writing it again gives the same bytes.</summary>
public static class RunReportHtml
{
    private const int ChartWidth = 640;
    private const int LabelWidth = 240;
    private const int BarArea = 320;
    private const int RowHeight = 26;

    private static readonly Dictionary<string, (string Fill, string Pattern)> OutcomeStyles = new(StringComparer.Ordinal)
    {
        ["fetched"] = ("#2e7d32", "solid"),
        ["not_found"] = ("#b26a00", "diagonal"),
        ["failed"] = ("#c62828", "cross"),
        ["skipped"] = ("#5d4037", "dots"),
        ["cached"] = ("#1565c0", "vertical"),
        ["deferred"] = ("#6a1b9a", "horizontal"),
    };

    /// <summary>The page's Content-Security-Policy, first in its head: nothing may load or run but its own inline styles
    /// (no script, no image, font, frame or stylesheet from anywhere, no form target, no base URL), so even text that
    /// escaped its escaping could neither run nor reach out.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(32 * 1024);
        var title = $"Run {report.RunId}: movies pipeline report";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"movies-run-id\" content=\"").Append(E(report.RunId)).Append("\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        Header(html, report);
        html.Append("<main>\n");
        OutcomesSection(html, report);
        QualitySection(html, report.Quality);
        RejectsSection(html, report.Rejects);
        TopFilmsSection(html, report.TopFilms);
        GenresSection(html, report.Genres);
        DecadesSection(html, report.Decades);
        TimingSection(html, report.Timing);
        html.Append("</main>\n<footer>Written by the movies pipeline from the run's bronze and silver manifests, its rejects and its silver rows. ")
            .Append("Self-contained: nothing is loaded from the network.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, RunReport report)
    {
        // Partial passed the check: its deferred movies wait for the next run.
        var ok = report.Quality.Status != Workflow.RunStatuses.Failed;
        html.Append("<header>\n<h1>Run <span id=\"run-id\">").Append(E(report.RunId)).Append("</span></h1>\n")
            .Append("<p class=\"status ").Append(ok ? "ok" : "bad").Append("\" id=\"run-status\">")
            .Append(ok ? "✓ Quality check passed" : "✗ Quality check failed").Append(" (status: <strong>").Append(E(report.Quality.Status)).Append("</strong>)</p>\n")
            .Append("<p class=\"lead\">").Append(N(report.Selected)).Append(" movies selected from ").Append(N(report.SourceRows))
            .Append(" source rows (").Append(N(report.SourceRejects)).Append(" of them rejected); ")
            .Append(N(report.Quality.SilverRows)).Append(" in silver, ").Append(N(report.Quality.Rejects)).Append(" rejected. Started ")
            .Append(E(Time(report.Timing.StartedAt))).Append(".</p>\n");
        if (report.FatalReason is { } fatal)
        {
            html.Append("<p class=\"fatal\" id=\"fatal-reason\"><strong>The run stopped early:</strong> ").Append(E(fatal)).Append("</p>\n");
        }

        html.Append("</header>\n");
    }

    private static void OutcomesSection(StringBuilder html, RunReport report)
    {
        var total = report.Outcomes.Sum(o => o.Count);
        var desc = $"Of {N(total)} selected movies: " + string.Join(", ", report.Outcomes.Select(o => $"{Label(o.Label)} {N(o.Count)}")) + ".";
        Open(html, "outcomes", "Outcomes", "How each selected movie ended: fetched from OMDb into bronze, or the reason it was not.");

        const int barWidth = ChartWidth - 20;
        const int height = 120;
        StartSvg(html, "outcomes", height, $"Outcomes of the {N(total)} selected movies", desc);
        Patterns(html);
        var x = 10.0;
        foreach (var outcome in report.Outcomes.Where(o => o.Count > 0))
        {
            var width = total == 0 ? 0 : barWidth * (double)outcome.Count / total;
            html.Append("<rect class=\"segment\" data-outcome=\"").Append(E(outcome.Label)).Append("\" x=\"").Append(F(x)).Append("\" y=\"10\" width=\"").Append(F(width))
                .Append("\" height=\"44\" fill=\"").Append(Fill(outcome.Label)).Append("\" stroke=\"#fff\" stroke-width=\"1\"><title>")
                .Append(E($"{Label(outcome.Label)}: {N(outcome.Count)}")).Append("</title></rect>\n");
            if (width >= 36)
            {
                html.Append("<text class=\"on-bar\" x=\"").Append(F(x + (width / 2))).Append("\" y=\"37\" text-anchor=\"middle\">").Append(N(outcome.Count)).Append("</text>\n");
            }

            x += width;
        }

        if (total == 0)
        {
            html.Append("<rect class=\"frame\" x=\"10\" y=\"10\" width=\"").Append(barWidth).Append("\" height=\"44\"/>\n")
                .Append("<text x=\"20\" y=\"37\">No movies were selected.</text>\n");
        }

        // The legend names every outcome with its count, so the bar reads without telling colours apart.
        var lx = 10;
        var ly = 78;
        foreach (var outcome in report.Outcomes)
        {
            var text = $"{Label(outcome.Label)} {N(outcome.Count)}";
            var width = 30 + (text.Length * 7);
            if (lx + width > ChartWidth)
            {
                lx = 10;
                ly += 24;
            }

            html.Append("<rect x=\"").Append(lx).Append("\" y=\"").Append(ly - 12).Append("\" width=\"16\" height=\"16\" fill=\"").Append(Fill(outcome.Label))
                .Append("\" stroke=\"#333\" stroke-width=\"0.5\"/><text x=\"").Append(lx + 22).Append("\" y=\"").Append(ly + 1).Append("\">").Append(E(text)).Append("</text>\n");
            lx += width;
        }

        html.Append("</svg>\n");
        html.Append("</figure>\n");
        Table(html, "outcomes", "Outcomes", ["Outcome", "Movies", "Share"], report.Outcomes.Select(o => new Row(
            $" data-outcome=\"{E(o.Label)}\"",
            [E(Label(o.Label)), Num(o.Count), E(Percent(o.Count, total))])));
        Close(html);
    }

    private static void QualitySection(StringBuilder html, ReportQuality quality)
    {
        var ok = quality.Status == "succeeded";
        Open(html, "quality", "Quality", "Silver rejects as a share of the fetched records, against the reject threshold (REJECT_THRESHOLD_PERCENT).");
        var scaleMax = Math.Max(100, Math.Max(quality.RejectRatePercent, quality.ThresholdPercent));
        const int left = 10;
        const int width = ChartWidth - 20;
        double X(double percent) => left + (width * percent / scaleMax);
        var desc = string.Create(CultureInfo.InvariantCulture,
            $"{N(quality.Rejects)} of {N(quality.BronzeRecords)} fetched records rejected: {quality.RejectRatePercent:0.##}%, threshold {quality.ThresholdPercent:0.##}%. Status {quality.Status}.");
        StartSvg(html, "quality", 96, "Reject rate against the threshold", desc);
        html.Append("<rect class=\"frame\" x=\"").Append(left).Append("\" y=\"20\" width=\"").Append(width).Append("\" height=\"30\"/>\n")
            .Append("<rect class=\"rate ").Append(ok ? "ok" : "bad").Append("\" x=\"").Append(left).Append("\" y=\"20\" width=\"").Append(F(X(quality.RejectRatePercent) - left))
            .Append("\" height=\"30\"/>\n")
            .Append("<line class=\"threshold\" x1=\"").Append(F(X(quality.ThresholdPercent))).Append("\" x2=\"").Append(F(X(quality.ThresholdPercent)))
            .Append("\" y1=\"12\" y2=\"58\"/>\n")
            .Append("<text x=\"").Append(F(Math.Min(X(quality.ThresholdPercent) + 4, ChartWidth - 150))).Append("\" y=\"12\">threshold ")
            .Append(E(Pct(quality.ThresholdPercent))).Append("</text>\n")
            .Append("<text x=\"").Append(left).Append("\" y=\"76\">rejected ").Append(E(Pct(quality.RejectRatePercent))).Append(" (")
            .Append(N(quality.Rejects)).Append(" of ").Append(N(quality.BronzeRecords)).Append(") · ").Append(ok ? "✓ " : "✗ ").Append(E(quality.Status)).Append("</text>\n")
            .Append("<text x=\"").Append(left).Append("\" y=\"92\" class=\"axis\">0%</text><text x=\"").Append(left + width).Append("\" y=\"92\" class=\"axis\" text-anchor=\"end\">")
            .Append(E(Pct(scaleMax))).Append("</text>\n</svg>\n</figure>\n");
        Table(html, "quality", "Quality", ["Measure", "Value"],
        [
            new Row(" data-measure=\"status\"", ["Status", E(quality.Status)]),
            new Row(" data-measure=\"fetched-records\"", ["Fetched records (bronze)", Num(quality.BronzeRecords)]),
            new Row(" data-measure=\"silver-rows\"", ["Silver rows", Num(quality.SilverRows)]),
            new Row(" data-measure=\"rejects\"", ["Rejected", Num(quality.Rejects)]),
            new Row(" data-measure=\"reject-rate\"", ["Reject rate", E(Pct(quality.RejectRatePercent))]),
            new Row(" data-measure=\"threshold\"", ["Threshold", E(Pct(quality.ThresholdPercent))]),
            new Row(" data-measure=\"failure-reason\"", ["Why it failed", E(quality.FailureReason ?? "—")]),
        ]);
        Close(html);
    }

    private static void RejectsSection(StringBuilder html, IReadOnlyList<RejectGroup> rejects)
    {
        Open(html, "rejects", "Rejects by reason", "Fetched records silver kept out, by reason code, with examples.");
        var total = rejects.Sum(r => r.Count);
        BarChart(html, "rejects", $"Rejected records by reason ({N(total)} in all)",
            total == 0 ? "No record was rejected." : "Rejected records: " + string.Join(", ", rejects.Select(r => $"{r.Reason} {N(r.Count)}")) + ".",
            [.. rejects.Select(r => new Bar(r.Reason, r.Count, N(r.Count)))], "No record was rejected.", "#8d6e63");
        html.Append("</figure>\n");
        Table(html, "rejects", "Rejects by reason", ["Reason", "Records", "Examples"], rejects.Select(r => new Row(
            $" data-reason=\"{E(r.Reason)}\"",
            [$"<code>{E(r.Reason)}</code>", Num(r.Count), string.Join("<br>", r.Examples.Select(e => $"<code>{E(e.MovieKey)}</code>: {E(e.Detail)}"))])));
        Close(html);
    }

    private static void TopFilmsSection(StringBuilder html, IReadOnlyList<ReportFilm> films)
    {
        Open(html, "top-films", "Top films", "The run's best-rated films by IMDb rating (then votes).");
        BarChart(html, "top-films", $"The run's top {N(films.Count)} films by IMDb rating",
            films.Count == 0 ? "No film reached silver." : string.Join(", ", films.Select(f => $"{FilmName(f)} {Rating(f.ImdbRating)}")) + ".",
            [.. films.Select(f => new Bar(FilmName(f), f.ImdbRating ?? 0, Rating(f.ImdbRating)))], "No film reached silver.", "#37474f", scaleMax: 10);
        html.Append("</figure>\n");
        Table(html, "top-films", "Top films", ["#", "Film", "IMDb rating", "Votes", "Genres"], films.Select((f, i) => new Row(
            string.Empty, [Num(i + 1), E(FilmName(f)), E(Rating(f.ImdbRating)), f.ImdbVotes is { } v ? N(v) : "—", E(string.Join(", ", f.Genres))])));
        Close(html);
    }

    private static void GenresSection(StringBuilder html, IReadOnlyList<ReportCount> genres)
    {
        Open(html, "genres", "Films by genre", "Films of this run in silver per OMDb genre; a film counts once in each of its genres.");
        BarChart(html, "genres", "Films by genre",
            genres.Count == 0 ? "No film has a genre." : string.Join(", ", genres.Select(g => $"{g.Label} {N(g.Count)}")) + ".",
            [.. genres.Select(g => new Bar(g.Label, g.Count, N(g.Count)))], "No film has a genre.", "#00695c");
        html.Append("</figure>\n");
        Table(html, "genres", "Films by genre", ["Genre", "Films"], genres.Select(g => new Row($" data-genre=\"{E(g.Label)}\"", [E(g.Label), Num(g.Count)])));
        Close(html);
    }

    private static void DecadesSection(StringBuilder html, IReadOnlyList<ReportCount> decades)
    {
        Open(html, "decades", "Films by decade", "Films of this run in silver per decade of release.");
        const int height = 200;
        const int top = 24;
        const int baseline = 164;
        var desc = decades.Count == 0 ? "No film reached silver." : string.Join(", ", decades.Select(d => $"{d.Label} {N(d.Count)}")) + ".";
        StartSvg(html, "decades", height, "Films by decade of release", desc);
        html.Append("<line class=\"axis-line\" x1=\"10\" x2=\"").Append(ChartWidth - 10).Append("\" y1=\"").Append(baseline).Append("\" y2=\"").Append(baseline).Append("\"/>\n");
        if (decades.Count == 0)
        {
            html.Append("<text x=\"20\" y=\"90\">No film reached silver.</text>\n");
        }

        var max = decades.Count == 0 ? 1 : Math.Max(1, decades.Max(d => d.Count));
        var slot = (ChartWidth - 20.0) / Math.Max(decades.Count, 1);
        var barWidth = Math.Min(56, slot * 0.7);
        for (var i = 0; i < decades.Count; i++)
        {
            var d = decades[i];
            var h = (baseline - top) * (double)d.Count / max;
            var cx = 10 + (slot * i) + (slot / 2);
            html.Append("<rect class=\"bar\" data-label=\"").Append(E(d.Label)).Append("\" x=\"").Append(F(cx - (barWidth / 2))).Append("\" y=\"").Append(F(baseline - h))
                .Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(h)).Append("\" fill=\"#283593\"><title>").Append(E($"{d.Label}: {N(d.Count)}"))
                .Append("</title></rect>\n<text x=\"").Append(F(cx)).Append("\" y=\"").Append(F(baseline - h - 6)).Append("\" text-anchor=\"middle\">").Append(N(d.Count))
                .Append("</text>\n<text x=\"").Append(F(cx)).Append("\" y=\"").Append(baseline + 20).Append("\" text-anchor=\"middle\" class=\"axis\">").Append(E(d.Label)).Append("</text>\n");
        }

        html.Append("</svg>\n");
        html.Append("</figure>\n");
        Table(html, "decades", "Films by decade", ["Decade", "Films"], decades.Select(d => new Row($" data-decade=\"{E(d.Label)}\"", [E(d.Label), Num(d.Count)])));
        Close(html);
    }

    private static void TimingSection(StringBuilder html, ReportTiming timing)
    {
        html.Append("<section id=\"timing\" aria-labelledby=\"timing-h\">\n<h2 id=\"timing-h\">Timing</h2>\n")
            .Append("<p class=\"note\">From the run's manifest: when it started, how its work was split, and how many OMDb attempts it took. ")
            .Append("The manifests record no finish time, so a rerun writes this report unchanged.</p>\n");
        Table(html, "timing", "Timing", ["Measure", "Value"],
        [
            new Row(" data-measure=\"started\"", ["Started", E(Time(timing.StartedAt))]),
            new Row(" data-measure=\"run-date\"", ["Run date (its folder)", E(timing.RunDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]),
            new Row(" data-measure=\"batches\"", ["Batches", $"{Num(timing.Batches)} of up to {N(timing.BatchSize)} movies"]),
            new Row(" data-measure=\"lookups\"", ["OMDb lookups", Num(timing.Lookups)]),
            new Row(" data-measure=\"attempts\"", ["OMDb attempts", Num(timing.Attempts)]),
            new Row(" data-measure=\"retries\"", ["Retries", Num(timing.Retries)]),
            new Row(" data-measure=\"max-attempts\"", ["Most attempts for one movie", Num(timing.MaxAttempts)]),
        ]);
        html.Append("</section>\n");
    }

    /// <summary>Horizontal bars, one row each: label, bar, value. An empty chart still has its frame and says why.</summary>
    private static void BarChart(StringBuilder html, string id, string title, string desc, IReadOnlyList<Bar> bars, string empty, string fill, double? scaleMax = null)
    {
        var height = Math.Max(1, bars.Count) * RowHeight + 16;
        StartSvg(html, id, height, title, desc);
        if (bars.Count == 0)
        {
            html.Append("<rect class=\"frame\" x=\"10\" y=\"8\" width=\"").Append(ChartWidth - 20).Append("\" height=\"").Append(RowHeight - 4).Append("\"/>\n")
                .Append("<text x=\"20\" y=\"").Append(8 + 16).Append("\">").Append(E(empty)).Append("</text>\n</svg>\n");
            return;
        }

        var max = scaleMax ?? Math.Max(1, bars.Max(b => b.Value));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 8 + (i * RowHeight);
            var width = Math.Max(1, BarArea * Math.Clamp(bar.Value / max, 0, 1));
            html.Append("<text x=\"").Append(LabelWidth - 8).Append("\" y=\"").Append(y + 15).Append("\" text-anchor=\"end\">").Append(E(Short(bar.Label, 30))).Append("</text>\n")
                .Append("<rect class=\"bar\" data-label=\"").Append(E(bar.Label)).Append("\" x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 2).Append("\" width=\"").Append(F(width))
                .Append("\" height=\"").Append(RowHeight - 8).Append("\" fill=\"").Append(fill).Append("\"><title>").Append(E($"{bar.Label}: {bar.ValueText}")).Append("</title></rect>\n")
                .Append("<text x=\"").Append(F(LabelWidth + width + 6)).Append("\" y=\"").Append(y + 15).Append("\">").Append(E(bar.ValueText)).Append("</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static void StartSvg(StringBuilder html, string id, int height, string title, string desc)
        => html.Append("<svg class=\"chart\" id=\"chart-").Append(id).Append("\" data-chart=\"").Append(id).Append("\" role=\"img\" aria-labelledby=\"chart-").Append(id)
            .Append("-title chart-").Append(id).Append("-desc\" viewBox=\"0 0 ").Append(ChartWidth).Append(' ').Append(height).Append("\" width=\"").Append(ChartWidth)
            .Append("\" height=\"").Append(height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-").Append(id).Append("-title\">").Append(E(title))
            .Append("</title>\n<desc id=\"chart-").Append(id).Append("-desc\">").Append(E(desc)).Append("</desc>\n");

    private static void Open(StringBuilder html, string id, string heading, string note)
        => html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">").Append(E(heading))
            .Append("</h2>\n<p class=\"note\">").Append(E(note)).Append("</p>\n<div class=\"pair\">\n<figure>\n");

    private static void Close(StringBuilder html) => html.Append("</div>\n</section>\n");

    /// <summary>A data table; cells are HTML already escaped by the caller.</summary>
    private static void Table(StringBuilder html, string id, string caption, IReadOnlyList<string> headers, IEnumerable<Row> rows)
    {
        html.Append("<table id=\"table-").Append(id).Append("\">\n<caption>").Append(E(caption)).Append(" (data)</caption>\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr").Append(row.Attributes).Append('>');
            for (var i = 0; i < row.Cells.Count; i++)
            {
                html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(row.Cells[i]).Append(i == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>\n");
        }

        if (!any)
        {
            html.Append("<tr><td colspan=\"").Append(headers.Count).Append("\">none</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Hatchings for the outcome segments, so outcomes differ in print and without colour too.</summary>
    private static void Patterns(StringBuilder html)
    {
        html.Append("<defs>\n");
        foreach (var (outcome, (fill, pattern)) in OutcomeStyles.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            html.Append("<pattern id=\"hatch-").Append(outcome).Append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"")
                .Append(fill).Append("\"/>");
            html.Append(pattern switch
            {
                "diagonal" => "<path d=\"M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
                "cross" => "<path d=\"M0,0 L8,8 M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"1.2\"/>",
                "dots" => "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>",
                "vertical" => "<path d=\"M4,0 L4,8\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
                "horizontal" => "<path d=\"M0,4 L8,4\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
                _ => string.Empty,
            });
            html.Append("</pattern>\n");
        }

        html.Append("</defs>\n");
    }

    private static string Fill(string outcome) => OutcomeStyles.ContainsKey(outcome) ? $"url(#hatch-{outcome})" : "#757575";

    private static string Label(string outcome) => outcome.Replace('_', ' ');

    private static string FilmName(ReportFilm film) => film.Year is { } year ? $"{film.Title} ({year.ToString(CultureInfo.InvariantCulture)})" : film.Title;

    private static string Rating(double? rating) => rating is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Percent(int part, int total) => total == 0 ? "—" : Pct(Math.Round(100.0 * part / total, 1));

    private static string Pct(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A number cell that a test (or a script) can read exactly: the shown text and the raw value.</summary>
    private static string Num(long value) => $"<span class=\"num\" data-value=\"{value.ToString(CultureInfo.InvariantCulture)}\">{N(value)}</span>";

    private static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private sealed record Bar(string Label, double Value, string ValueText);

    private sealed record Row(string Attributes, IReadOnlyList<string> Cells);

    private const string Css = """
        :root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --card: #fff; --page: #f4f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--page); }
        header, main, footer { max-width: 1240px; margin: 0 auto; padding: 16px 24px; }
        header { padding-top: 28px; }
        h1 { margin: 0 0 8px; font-size: 28px; }
        h2 { margin: 0 0 4px; font-size: 20px; }
        .lead { margin: 8px 0 0; color: var(--muted); }
        .status { display: inline-block; margin: 0; padding: 4px 12px; border-radius: 14px; font-weight: 600; border: 2px solid; }
        .status.ok { color: #1b5e20; background: #e8f5e9; }
        .status.bad { color: #b71c1c; background: #ffebee; }
        .fatal { margin: 12px 0 0; padding: 10px 14px; border-left: 6px solid #b71c1c; background: #ffebee; }
        section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin: 0 0 18px; }
        .note { margin: 0 0 12px; color: var(--muted); font-size: 14px; }
        .pair { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
        figure { margin: 0; flex: 1 1 560px; min-width: 0; }
        svg.chart { display: block; width: 100%; max-width: 640px; height: auto; font-size: 13px; }
        svg text { fill: var(--ink); }
        svg text.on-bar { fill: #fff; font-weight: 700; }
        svg .axis { fill: var(--muted); font-size: 12px; }
        svg .frame { fill: #fafafa; stroke: var(--line); }
        svg .rate.ok { fill: #2e7d32; }
        svg .rate.bad { fill: #c62828; }
        svg .threshold { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 4 3; }
        svg .axis-line { stroke: var(--line); }
        table { flex: 1 1 320px; border-collapse: collapse; font-size: 14px; }
        caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--muted); }
        th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #eee; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--line); }
        td:has(> .num), td .num { font-variant-numeric: tabular-nums; }
        code { font-size: 13px; }
        footer { color: var(--muted); font-size: 13px; padding-bottom: 32px; }
        @media print { body { background: #fff; } section { break-inside: avoid; } }

        """;
}
