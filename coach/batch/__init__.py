"""Checking whole campaign files: read rows, score them in order, write results atomically.

Sits between the engine and the people-facing layers (CLI, app); never imports Textual::

    rows = read_campaign(path, column=None, mapping=None, platform=None, encoding=None)
    scored = score_campaign(coach, rows, jobs=1)     # ScoredRow per row, input order kept
    write_results(scored, path, format)              # atomic; returns a CampaignSummary
"""

from coach.batch.campaign import CampaignScan, Cluster, scan_campaign
from coach.batch.columns import parse_mapping
from coach.batch.readers import CampaignFile, read_campaign
from coach.batch.rows import EMPTY, ERROR, OK, CampaignRow, ScoredRow
from coach.batch.scoring import score_campaign
from coach.batch.summary import CampaignSummary
from coach.batch.writers import FORMATS, format_for, write_results

__all__ = [
    "EMPTY",
    "ERROR",
    "FORMATS",
    "OK",
    "CampaignFile",
    "CampaignRow",
    "CampaignScan",
    "CampaignSummary",
    "Cluster",
    "ScoredRow",
    "format_for",
    "parse_mapping",
    "read_campaign",
    "scan_campaign",
    "score_campaign",
    "write_results",
]
