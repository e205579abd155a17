"""A templated campaign against the same campaign pre-filled: what filling and clustering cost.

Two files with the same rows: one whose message column holds templates with merge fields
(``{{first_name}}``, ``{{Company}}``, Liquid fallbacks, ``{!Contact.FirstName}``, nested
fallbacks, ``[Title]``), one with the same messages filled in by this script (plain string
replacement, not coach's filler, so the texts are known to be the same). Both go through the
whole batch pipeline (read, the scan pass with its template, near-duplicate and company
clusters, scoring, CSV written); the templated one also fills every row, twice (once per
pass). Target: templated rows/s at least 0.9x pre-filled. Spintax is left out on purpose: it
scores every render, so it costs one check per option by design.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from pathlib import Path

TEMPLATES = (
    "Hi {{first_name}}, your post on {{recent_post}} was a useful read; the part about the "
    "rollout at {{Company}} matched what we saw. Happy to share our notes if they help.",
    'Hi {{first_name | default: "there"}}, congrats on the new role at {{company}}. Here is '
    "the onboarding checklist two teams used in their first 90 days, in case it is useful.",
    "Hi {!Contact.FirstName}, we help teams like {!Account.Name} cut costs by 20%. "
    "Do you have 15 minutes this week?",
    "Hi {first_name}, I came across your profile at {custom_company:{company:your company}} "
    "and would love to connect.",
    "Hi {{firstName}}, as {{Title}} you probably saw the new reporting rules. We wrote a "
    "one-page summary of what changes for {{company}}; glad to send it over.",
)
POSTS = (
    "moving student labs to thin clients",
    "zero trust for small IT teams",
    "winter routing for freight",
    "night-shift handovers",
    "mobile money interoperability",
    "retrieval evaluation",
    "direct-trade sourcing",
    "battery storage permits",
)
FIRST = ("Dana", "Marco", "Priya", "Tom", "Lena", "Noah", "Ava", "Kenji", "Sofia", "Omar")
LAST = ("Whitfield", "Rossi", "Natarajan", "Berg", "Okafor", "Kim", "Lindqvist", "Sato")
COMPANIES = ("Northfield", "Brightline", "Harbor", "Oakridge", "Pinecrest", "Lumen", "Apex")
KINDS = ("Health", "Logistics", "University", "Bank", "Labs", "Freight", "Insurance")
TITLES = ("CIO", "VP Operations", "Head of Data", "Director of IT", "Claims Director")
HEADERS = ["First Name", "Last Name", "Company", "Title", "Recent Post", "Message"]


def _filled(template: str, values: dict[str, str]) -> str:
    first, company = values["First Name"], values["Company"]
    replacements = {
        "{{first_name}}": first,
        '{{first_name | default: "there"}}': first,
        "{!Contact.FirstName}": first,
        "{first_name}": first,
        "{{firstName}}": first,
        "{{Company}}": company,
        "{{company}}": company,
        "{!Account.Name}": company,
        "{custom_company:{company:your company}}": company,
        "{{recent_post}}": values["Recent Post"],
        "{{Title}}": values["Title"],
    }
    for placeholder, value in replacements.items():
        template = template.replace(placeholder, value)
    return template


def generate_pair(folder: Path, rows: int, seed: int = 11) -> tuple[Path, Path]:
    """The templated file and the same rows pre-filled."""
    rng = random.Random(seed)
    templated, prefilled = folder / "templated.csv", folder / "prefilled.csv"
    with (
        templated.open("w", encoding="utf-8", newline="") as one,
        prefilled.open("w", encoding="utf-8", newline="") as two,
    ):
        raw, filled = csv.writer(one), csv.writer(two)
        raw.writerow(HEADERS)
        filled.writerow(HEADERS)
        for _ in range(rows):
            values = {
                "First Name": rng.choice(FIRST),
                "Last Name": rng.choice(LAST),
                "Company": f"{rng.choice(COMPANIES)} {rng.choice(KINDS)}",
                "Title": rng.choice(TITLES),
                "Recent Post": rng.choice(POSTS),
            }
            template = rng.choice(TEMPLATES)
            cells = [values[h] for h in HEADERS[:-1]]
            raw.writerow([*cells, template])
            filled.writerow([*cells, _filled(template, values)])
    return templated, prefilled


def fill_ratio(rows: int, rounds: int) -> float:
    """Print and return templated rows/s over pre-filled rows/s (best of ``rounds`` each)."""
    from coach.batch import read_campaign, scan_campaign, score_campaign, write_results
    from coach.engine import Coach

    coach = Coach()
    coach.compiled  # noqa: B018 - load and compile before timing
    with tempfile.TemporaryDirectory(prefix="bench-fill-") as name:
        folder = Path(name)
        templated, prefilled = generate_pair(folder, rows)
        same = [r.text for r in read_campaign(templated)] == [
            r.text for r in read_campaign(prefilled)
        ]
        rates = {templated: 0.0, prefilled: 0.0}
        clusters: dict[Path, int] = {}
        for _ in range(rounds):
            for path in rates:
                start = time.process_time()  # CPU time: the machine is shared
                campaign = read_campaign(path)
                scan = scan_campaign(campaign)
                scored = score_campaign(coach, campaign, scan=scan)
                write_results(scored, folder / "out.csv", "csv", headers=campaign.headers)
                rates[path] = max(rates[path], rows / (time.process_time() - start))
                clusters[path] = len(scan.clusters)
    ratio = rates[templated] / rates[prefilled]
    print(
        f"   templated campaign, {rows:,} rows (filling and clustering on, best of {rounds}, "
        "rows per CPU second): "
        f"{rates[templated]:.0f} rows/s; the same rows pre-filled: {rates[prefilled]:.0f} "
        f"rows/s: {ratio:.2f}x (target 0.9x); renders identical to the pre-filled texts: "
        f"{same}; clusters {clusters[templated]} / {clusters[prefilled]}",
        flush=True,
    )
    return ratio
