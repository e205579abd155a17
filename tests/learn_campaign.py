"""A synthetic campaign whose replies follow a hidden rule, for the ``coach learn`` tests.

Prospects reply less when the note asks for a call (``asks.time-request``) and more when it
refers to their own work; everything else is noise. Deterministic (seeded).
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

TOPICS = [
    ("thin clients in student labs", "EdTech Summit"),
    ("cold-chain sensors", "LogiCon"),
    ("flood loss data for small towns", "the Actuarial Forum"),
    ("nurse staffing ratios", "NLC"),
    ("battery siting near substations", "GridWeek"),
    ("data contracts", "DataCouncil"),
    ("packaging waste", "the Circular Expo"),
    ("vendor consolidation after a merger", "CIO Days"),
]
NAMES = ["Dana", "Marco", "Priya", "Tom", "Beatriz", "Ravi", "Lena", "Omar", "Sofia", "Ken"]
COMPANIES = ["Northfield", "Harbor Logistics", "Monarch", "Greenwell", "Oakridge", "Vantage"]
HEADERS = ["first_name", "company", "role", "notes", "message", "replied"]


def campaign_rows(rows: int = 400, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(rows):
        topic, event = TOPICS[rng.randrange(len(TOPICS))]
        reference, ask = rng.random() < 0.5, rng.random() < 0.5
        z = -0.3 + 2.2 * reference - 2.2 * ask
        replied = rng.random() < 1 / (1 + math.exp(-z))
        row = prospect(i, topic, event, reference, ask)
        out.append({**row, "replied": "yes" if replied else "no"})
    return out


def prospect(i: int, topic: str, event: str, reference: bool, ask: bool) -> dict[str, str]:
    """One prospect and the note sent: with or without a reference, with or without a call."""
    name, company = NAMES[i % len(NAMES)], COMPANIES[(i // 3) % len(COMPANIES)]
    opening = (
        f"Hi {name}, I caught your talk on {topic} at {event}."
        if reference
        else f"Hi {name}, I work with teams like {company} on {topic}."
    )
    close = (
        "Could we book a 15-minute call next week?"
        if ask
        else "Happy to send our notes over if they would help."
    )
    return {
        "first_name": name,
        "company": company,
        "role": "Head of Operations",
        "notes": f"gave a talk on {topic} at {event}" if reference else "",
        "message": f"{opening} {close}",
    }


def write_campaign(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path
