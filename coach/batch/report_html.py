"""``--report campaign.html``: one self-contained page a sales manager can open anywhere.

No scripts, no fonts, no images fetched: inline CSS and an inline SVG chart. Rows are spooled
to a temporary file as they are scored (the summary that heads the page is only known at the
end), then the page is assembled and renamed into place like every other output.
"""

from __future__ import annotations

import shutil
import tempfile
from html import escape
from pathlib import Path

from coach.batch.rows import OK, ScoredRow
from coach.batch.summary import CampaignSummary, recipient_label
from coach.batch.targets import atomic_text
from coach.engine.config import BAND_NAMES, BAND_TABLE, Bands, band_named
from coach.engine.display import count, one_line

MAX_TABLE_ROWS = 5_000
HTML_COLOURS = {"green": "#2e7d32", "yellow": "#b26a00", "red": "#c62828"}
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:76rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
padding:.3rem .5rem;border-bottom:1px solid #eee}th{background:#f6f6f6}
.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;
padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.4rem}
.flag{display:inline-block;background:#fff3cd;border-radius:3px;padding:0 .3rem;margin:1px;
font-size:.85em}ul.findings{margin:0;padding-left:1rem}q{color:#555}
.rewrite{margin:.3rem 0 0;color:#2e7d32}
""" + "".join(f".{b.key}{{color:{HTML_COLOURS[b.colour]}}}" for b in BAND_TABLE)


class HtmlReport:
    """Collects rows while the campaign is scored; ``finish`` writes the page atomically."""

    def __init__(self, path: str | Path, title: str, sequence: bool = False) -> None:
        self.path = Path(path)
        self.title = title
        self.sequence = sequence
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._rows = 0
        self._left_out = 0

    def add(self, scored: ScoredRow) -> None:
        if self._rows >= MAX_TABLE_ROWS:
            self._left_out += 1
            return
        self._rows += 1
        self._spool.write(_row_html(scored, self.sequence))

    def finish(self, summary: CampaignSummary) -> None:
        self._spool.flush()
        self._spool.seek(0)
        with atomic_text(self.path) as page:
            page.write(_head(self.title, summary))
            step = "<th>Step</th>" if self.sequence else ""
            page.write(
                '<h2>Rows</h2>\n<table><thead><tr><th class="num">Line</th>'
                f"{step}<th>Recipient</th><th class=num>Score</th><th>Campaign flags</th>"
                "<th>Findings</th><th>Message</th></tr></thead><tbody>\n"
            )
            shutil.copyfileobj(self._spool, page)
            page.write("</tbody></table>\n")
            if self._left_out:
                page.write(
                    f'<p class="muted">Not shown here: {count(self._left_out, "more row")}; '
                    "every row is in the results file.</p>\n"
                )
            page.write("</body></html>\n")
        self.close()

    def close(self) -> None:
        self._spool.close()


def _head(title: str, summary: CampaignSummary) -> str:
    mean = summary.mean_score
    cards = [
        ("rows", f"{summary.rows:,}"),
        ("scored", f"{summary.scored:,}"),
        ("mean score", f"{mean:.1f}" if mean is not None else "–"),
    ]
    cards += [(band, f"{summary.bands[band]:,}") for band in BAND_NAMES]
    cards += [
        ("empty", f"{summary.statuses['empty']:,}"),
        ("not readable", f"{summary.statuses['error']:,}"),
    ]
    if summary.min_score is not None:
        cards.append((f"below {summary.min_score}", f"{summary.below_min:,}"))
    parts = [
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>",
        '<meta name=viewport content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<div class="cards">',
        *(f'<div class="card"><b>{value}</b>{escape(label)}</div>' for label, value in cards),
        "</div>",
        "<h2>Score distribution</h2>",
        histogram_svg(summary.histogram),
    ]
    parts += _counts_table("Problems", "Problem", summary.problems.most_common())
    rules = [
        (f"{summary.rule_titles.get(r, '')} [{r}]", n) for r, n in summary.rules.most_common(15)
    ]
    parts += _counts_table("Most frequent findings", "Rule", rules)
    parts += _steps(summary)
    parts += _clusters(summary)
    return "\n".join(parts) + "\n"


def histogram_svg(histogram: list[int], width: int = 560, height: int = 180) -> str:
    """Bars of rows per score range, coloured by band, as inline SVG."""
    peak = max(histogram) or 1
    gap, bottom = 6, 24
    bar = (width - gap * (len(histogram) + 1)) / len(histogram)
    shapes = []
    for index, rows in enumerate(histogram):
        x = gap + index * (bar + gap)
        tall = (height - bottom - 16) * rows / peak
        low = index * 10
        band = Bands().band(low)
        shapes.append(
            f'<rect x="{x:.1f}" y="{height - bottom - tall:.1f}" width="{bar:.1f}" '
            f'height="{tall:.1f}" fill="{HTML_COLOURS[band.colour]}"><title>{low}-'
            f"{100 if index == len(histogram) - 1 else low + 9}: {count(rows, 'row')}"
            "</title></rect>"
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom - tall - 3:.1f}" font-size="11" '
            f'text-anchor="middle">{rows:,}</text>'
            f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="11" '
            f'text-anchor="middle">{low}</text>'
        )
    return (
        f'<svg width="{width}" height="{height}" '
        f'role="img" aria-label="score distribution">{"".join(shapes)}</svg>'
    )


def _counts_table(heading: str, label: str, counts: list[tuple[str, int]]) -> list[str]:
    if not counts:
        return []
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td class=num>{n:,}</td></tr>" for name, n in counts
    )
    return [
        f"<h2>{escape(heading)}</h2>",
        f"<table><tr><th>{label}</th><th class=num>Rows</th></tr>{rows}</table>",
    ]


def _steps(summary: CampaignSummary) -> list[str]:
    if not summary.steps:
        return []
    rows = "".join(
        f"<tr><td class=num>{step}</td><td>{escape(platform)}</td><td class=num>{n:,}</td>"
        f"<td class=num>{mean:.1f}</td></tr>"
        for step, platform, n, mean in summary.step_means()
    )
    return [
        "<h2>Sequence steps</h2>",
        "<table><tr><th class=num>Step</th><th>Platform</th><th class=num>Rows</th>"
        f"<th class=num>Mean score</th></tr>{rows}</table>",
    ]


def _clusters(summary: CampaignSummary) -> list[str]:
    parts: list[str] = []
    if summary.templates:
        parts.append(
            "<h2>Same note to many people</h2><p class=muted>Identical once the "
            "recipient's name and company are removed.</p><table><tr><th>Id</th>"
            "<th class=num>Rows</th><th class=num>First line</th><th>Note</th></tr>"
        )
        parts += [
            f"<tr><td>{c.id}</td><td class=num>{c.size:,}</td><td class=num>"
            f"{c.first_line}</td><td>{escape(c.example)}</td></tr>"
            for c in summary.templates
        ]
        parts.append("</table>")
    if summary.near_duplicates:
        parts.append(
            "<h2>Near-duplicate notes</h2><p class=muted>Word 3-shingles with a Jaccard "
            "similarity of 0.5 or more (MinHash), although the texts differ.</p><table><tr>"
            "<th>Id</th><th class=num>Rows</th><th>Lines</th><th>Example</th></tr>"
        )
        parts += [
            f"<tr><td>{c.id}</td><td class=num>{c.size:,}</td><td>"
            f"{', '.join(map(str, c.lines))}</td><td>{escape(c.example)}</td></tr>"
            for c in summary.near_duplicates
        ]
        parts.append("</table>")
    if summary.same_company:
        parts.append(
            "<h2>Several people at one company</h2><table><tr><th>Id</th><th>Company</th>"
            "<th class=num>Rows</th><th class=num>Same note</th><th>Lines</th></tr>"
        )
        parts += [
            f"<tr><td>{c.id}</td><td>{escape(c.company)}</td><td class=num>"
            f"{c.size:,}</td><td class=num>{c.same_note:,}</td>"
            f"<td>{', '.join(map(str, c.lines))}</td></tr>"
            for c in summary.same_company
        ]
        parts.append("</table>")
    if summary.merge_fields:
        parts += _counts_table(
            "Unfilled merge fields",
            "Placeholder",
            sorted(summary.merge_fields.items(), key=lambda i: -i[1]),
        )
    if summary.error_lines:
        items = "".join(
            f"<li>line {line}: {escape(reason)}</li>" for line, reason in summary.error_lines
        )
        parts.append(f"<h2>Rows that could not be checked</h2><ul>{items}</ul>")
    return parts


def _row_html(scored: ScoredRow, sequence: bool = False) -> str:
    report = scored.report
    if scored.status == OK and report is not None:
        css = band_named(report.band).key
        score = f'<td class="num {css}" title="{escape(report.band)}">{report.score}</td>'
        findings = "".join(
            f"<li>{escape(f.title)}"
            + (f" <q>{escape(one_line(f.quote, 80))}</q>" if f.quote.strip() else "")
            + "</li>"
            for f in report.penalties
        )
        detail = f'<ul class="findings">{findings}</ul>' if findings else ""
        if scored.rewrite is not None:
            detail += (
                f'<p class="rewrite">Try ({scored.rewrite.report.score}): '
                f"{escape(one_line(scored.rewrite.text, 400))}</p>"
            )
    else:
        score = f'<td class="num muted">{escape(scored.status)}</td>'
        detail = f'<span class="{BAND_TABLE[-1].key}">{escape(scored.reason)}</span>'
    flags = "".join(f'<span class="flag">{escape(flag)}</span>' for flag in scored.campaign_flags)
    row = scored.row
    step = f"<td>{row.step} ({escape(row.context.platform)})</td>" if sequence else ""
    message = escape(one_line(report.text if report is not None else row.text, 400))
    if scored.variant:
        message += f'<p class="muted">spintax render {escape(scored.variant)} (the worst)</p>'
    if row.template:
        message += f'<p class="muted">template: {escape(one_line(row.template, 400))}</p>'
    return (
        f"<tr><td class=num>{row.line}</td>{step}<td>{escape(recipient_label(scored))}</td>"
        f"{score}<td>{flags}</td><td>{detail}</td><td>{message}</td></tr>\n"
    )
