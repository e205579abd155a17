"""``rewrite()``: the draft's report, its per-finding edits, and two or three value-first variants.

Deterministic and offline: the variants are composed from the context and the draft's good
sentences, then re-checked by the same coach. A part that makes a rule fire is stepped down to
its next option (in the end, a slot), so no variant pitches, asks vaguely or talks about itself.
A draft that is already ready to send comes back first, essentially unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.engine.models import Context, Finding, Report
from coach.engine.platforms import get_platform
from coach.engine.rewrite.compose import Assembled, Plan, fit
from coach.engine.rewrite.edits import apply_edits, report_edits
from coach.engine.rewrite.models import SHAPES, Change, Rewrite, Variant
from coach.engine.rewrite.notes import reference_from_notes
from coach.engine.rewrite.resources import choose_resource
from coach.engine.rewrite.sentences import Draft, local_penalty, read_draft
from coach.engine.rewrite.shapes import Facts, build_plans, usable_name

if TYPE_CHECKING:
    from coach.engine.coach import Coach
    from coach.engine.models import Edit

FORBIDDEN_PROBLEMS = frozenset({"pitch", "vague-ask", "self-focus"})
MAX_REPAIRS = 3
MAX_VARIANTS = 3


def rewrite(coach: Coach, text: str, context: Context | None = None) -> Rewrite:
    """Rewrite a draft toward a value-first message; see the module docstring."""
    context = coach.complete_context(context)
    doc = coach.parse(text)
    original = coach.check_doc(doc, context)
    platform = get_platform(context.platform, coach.config.connection_limit)
    edits = report_edits(original)
    recipient = context.recipient
    draft = read_draft(coach, original, platform, usable_name(recipient.first_name), doc)
    notes = recipient.notes.strip()
    facts = Facts(
        name=usable_name(recipient.first_name, draft.greeting_name),
        platform=platform,
        reference=reference_from_notes(coach.nlp, notes) if notes else None,
        resource=choose_resource(
            coach.nlp, context.sender.resources, recipient, context.sender.products
        ),
        draft=draft,
        sender_name=context.sender.name,
        penalties=original.penalties,
    )
    composed = _realise(coach, build_plans(facts), context, platform.limit, draft)
    first = _unchanged(coach, original, edits, context, platform.limit)
    variants = [first] if first else []
    if first:  # other shapes first, to offer a real alternative
        composed.sort(key=lambda v: v.shape == first.shape)
    seen = {_gist(v.text, facts.name) for v in variants}
    for variant in composed:
        gist = _gist(variant.text, facts.name)
        if len(variants) < MAX_VARIANTS and gist not in seen:
            variants.append(variant)
            seen.add(gist)
    return Rewrite(original, tuple(variants), edits)


def forbidden(finding: Finding) -> bool:
    """A finding no variant may carry: a pitch, a vague ask, talk about oneself."""
    return not finding.positive and finding.problem in FORBIDDEN_PROBLEMS


def _gist(text: str, name: str) -> str:
    """The words of a text without its greeting: 'Mia, ...' and 'Hi Mia, ...' say the same."""
    words = re.sub(r"\W+", " ", text.lower()).split()
    drop = {"hi", *name.lower().split()}
    while words and words[0] in drop:
        words.pop(0)
    return " ".join(words)


def _realise(
    coach: Coach, plans: list[Plan], context: Context, limit: int, draft: Draft
) -> list[Variant]:
    """Fit, re-check and repair every plan; the variants ranked best first."""
    built = [fit(plan, limit) for plan in plans]
    reports = list(coach.check_many((a.text, context) for a in built))
    for _ in range(MAX_REPAIRS):
        todo = [i for i, plan in enumerate(plans) if _repair(coach, plan, built[i], reports[i])]
        if not todo:
            break
        for i in todo:
            built[i] = fit(plans[i], limit)
        for i, report in zip(
            todo, coach.check_many((built[i].text, context) for i in todo), strict=True
        ):
            reports[i] = report
    variants = [
        Variant(plan.shape, a.text, report, a.slots, _changes(plan, draft))
        for plan, a, report in zip(plans, built, reports, strict=True)
    ]
    variants.sort(
        key=lambda v: (
            any(forbidden(f) for f in v.report.findings),
            bool(v.slots),
            -v.report.score,
            SHAPES.index(v.shape),
        )
    )
    return variants


def _repair(coach: Coach, plan: Plan, assembled: Assembled, report: Report) -> bool:
    """Step down each part a rule fired on; True when anything changed."""
    slots = [(s.start, s.end) for s in assembled.slots]
    moved: set[int] = set()
    for finding in report.penalties:
        if any(start <= finding.start and finding.end <= end for start, end in slots):
            continue  # the placeholder of a slot: expected until the user fills it
        if local_penalty(coach, finding):
            index = next(
                (
                    i
                    for i, start, end in assembled.spans
                    if start < finding.end and finding.start < end
                ),
                None,
            )
            if index is not None and index not in moved and plan.parts[index].advance():
                moved.add(index)
        elif forbidden(finding) or finding.severity == "error":
            for index, part in enumerate(plan.parts):
                if part.role == "extra" and part.option.text and part.advance():
                    moved.add(index)
    return bool(moved)


def _changes(plan: Plan, draft: Draft) -> tuple[Change, ...]:
    used = {p.option.source for p in plan.parts if p.option.text and p.option.kind == "kept"}
    changes = []
    for sentence in draft.sentences:
        if sentence.start in used:
            continue
        if sentence.issues:
            reason = (sentence.penalties or sentence.issues)[0].message
        elif sentence.keep:
            reason = "a good line, left out of this shorter variant"
        else:
            reason = "says nothing about them and offers them nothing"
        rule_ids = tuple(dict.fromkeys(f.rule_id for f in sentence.penalties or sentence.issues))
        changes.append(Change("removed", sentence.text, reason, rule_ids))
    for part in plan.parts:
        option = part.option
        if option.text:
            changes.append(Change(option.kind, option.text, option.reason, option.rule_ids))
    return tuple(changes)


def _unchanged(
    coach: Coach, original: Report, edits: tuple[Edit, ...], context: Context, limit: int
) -> Variant | None:
    """The draft itself (with its safe edits applied) when it is already ready to send."""
    if original.score < coach.config.bands.ready:
        return None
    candidates = []
    if edits:
        edited = coach.check(apply_edits(original.text, edits), context)
        changes = []
        for edit in edits:
            ids = tuple(f.rule_id for f in original.findings if f.edit == edit)
            changes.append(
                Change("removed", original.text[edit.start : edit.end].strip(), edit.reason, ids)
            )
            if edit.replacement:
                changes.append(Change("added", edit.replacement, edit.reason, ids))
        candidates.append((edited, tuple(changes)))
    signals = tuple(dict.fromkeys(f.rule_id for f in original.signals))
    candidates.append(
        (
            original,
            (
                Change(
                    "kept",
                    original.text.strip(),
                    f"already value-first (score {original.score})",
                    signals,
                ),
            ),
        )
    )
    for report, changes in candidates:
        if _ready(coach, report, limit) and report.score >= original.score:
            return Variant(_shape_of(report), report.text, report, (), changes)
    return None


def _ready(coach: Coach, report: Report, limit: int) -> bool:
    return (
        report.score >= coach.config.bands.ready
        and not report.has_errors
        and report.length <= limit
        and not any(forbidden(f) for f in report.findings)
    )


def _shape_of(report: Report) -> str:
    ids = {f.rule_id for f in report.signals}
    if "value.offers-contribution" in ids:
        return "reference-resource"
    if "?" in report.text:
        return "question"
    return "shared-context"
