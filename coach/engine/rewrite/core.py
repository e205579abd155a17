"""``rewrite()``: the draft's report, its per-finding edits, and two or three value-first variants.

Deterministic and offline: the variants are composed from the context and the draft's good
sentences, then re-checked by the same coach. A part that makes a rule fire is stepped down to
its next option (in the end, a slot), so no variant pitches, asks vaguely or talks about itself.
Only variants the coach itself rates ready are offered (80+, no slot, no pitch, no price), and
never the draft itself: a ready draft gets other shapes, or its safe edits applied.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.engine.models import Context, Finding, Report, Resource, Sender
from coach.engine.platforms import Platform, get_platform
from coach.engine.rewrite.compose import HEAD_ROLES, Assembled, Part, Plan, fit
from coach.engine.rewrite.edits import apply_edits, report_edits
from coach.engine.rewrite.fields import (
    named_work_questions,
    profile_work,
    their_practice,
    their_work,
)
from coach.engine.rewrite.frame import Facts, usable_name
from coach.engine.rewrite.models import Change, Rewrite, Variant
from coach.engine.rewrite.notes import NotesReference, parse_cached, reference_from_notes
from coach.engine.rewrite.phrasing import seed_of
from coach.engine.rewrite.resources import choose_resource, names_product, shares_content
from coach.engine.rewrite.sentences import Draft, local_penalty, read_draft
from coach.engine.rewrite.shapes import build_plans, reference_slot
from coach.engine.rewrite.situation import situation_plans, untopical_plans
from coach.engine.rewrite.topic import draft_topic

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from coach.engine.coach import Coach
    from coach.engine.models import Edit

PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:%|percent\b|usd\b|eur\b|dollars\b)", re.IGNORECASE)
FORBIDDEN_PROBLEMS = frozenset({"pitch", "vague-ask", "self-focus"})
MAX_REPAIRS = 3
MAX_VARIANTS = 3
ENOUGH = 2  # variants from one group of plans that make checking the next group needless


def rewrite(coach: Coach, text: str, context: Context | None = None) -> Rewrite:
    """Rewrite a draft toward a value-first message; see the module docstring."""
    context = coach.complete_context(context)
    doc = coach.parse(text)
    original = coach.check_doc(doc, context)
    platform = get_platform(context.platform, coach.config.connection_limit)
    edits = report_edits(original)
    facts = _facts(coach, text, doc, original, context, platform)
    first = _unchanged(coach, original, edits, context, platform.limit)
    variants = [first] if first else []
    seen = {_gist(text, facts.name)} | {_gist(v.text, facts.name) for v in variants}
    composed: list[tuple[Variant, Plan]] = []
    for plans in _plan_groups(facts):  # a later group only when the earlier one is not enough
        group = _realise(coach, plans, context, platform.limit, facts.draft)
        composed += group
        for variant, _ in group:
            gist = _gist(variant.text, facts.name)
            offered = _offered(coach, variant, context.sender)
            if len(variants) < MAX_VARIANTS and gist not in seen and offered:
                variants.append(variant)
                seen.add(gist)
        if len(variants) >= ENOUGH:
            break
    template = None
    if not variants:  # nothing is ready: the best plan, with its slots, to fill by hand
        template = _reference_template(coach, composed, facts, context) or next(
            (v for v, _ in composed if v.slots and _clean(v, context.sender)), None
        )
    return Rewrite(original, tuple(variants), edits, template)


def _reference_template(
    coach: Coach, composed: list[tuple[Variant, Plan]], facts: Facts, context: Context
) -> Variant | None:
    """The best clean message that only lacks a reference to them, with one slot for it after
    its greeting (and after what it already says of them): what the context cannot give, a
    post, talk or project of theirs, is the one thing to add by hand."""
    lacking = [
        (v, p)
        for v, p in composed
        if not v.slots
        and _clean(v, context.sender)
        and not v.report.has_errors
        and all(f.problem == "no-personalization" for f in v.report.penalties)
    ]
    if not lacking:
        return None
    _, plan = max(lacking, key=lambda pair: pair[0].report.score)
    parts = [Part(part.role, part.options, part.choice) for part in plan.parts]
    at = sum(1 for part in parts if part.role in (*HEAD_ROLES, "reference"))
    parts.insert(at, Part("reference", (reference_slot(facts),)))
    filled = Plan(plan.shape, plan.layout, parts)
    assembled = fit(filled, facts.platform.limit)
    if not assembled.slots:
        return None
    report = coach.check(assembled.text, context)
    return Variant(
        plan.shape,
        assembled.text,
        report,
        assembled.slots,
        _changes(filled, facts.draft, assembled),
    )


def _facts(
    coach: Coach, text: str, doc: Doc, original: Report, context: Context, platform: Platform
) -> Facts:
    """What the rewrite may use: the context's facts, the draft's purpose and its good parts."""
    recipient, sender = context.recipient, context.sender
    draft = read_draft(coach, original, platform, usable_name(recipient.first_name), doc)
    notes = recipient.notes.strip()
    field, pitch = draft_topic(doc, original, context, platform)
    topic = field.name
    name = usable_name(recipient.first_name, draft.greeting_name)
    reference = reference_from_notes(coach.nlp, notes) if notes else None
    work, work_questions = their_work(recipient)
    if reference is not None and reference.profile:  # ask about what they run, never recite it
        named = profile_work(parse_cached(coach.nlp, reference.sentences[-1]))
        if named:
            reference, work, work_questions = None, named, named_work_questions()
    practice, audience = their_practice(recipient) if not work else ("", "")
    about = f"{topic}. {pitch}" if topic else ""  # what the draft writes to them about
    resource = choose_resource(coach.nlp, sender.resources, recipient, sender.products, about)
    return Facts(
        name=name,
        platform=platform,
        reference=reference,
        resource=resource,
        draft=draft,
        sender_name=sender.name,
        penalties=original.penalties,
        greeting=_greeting(draft, recipient.first_name, name, platform),
        topic=topic,
        company=recipient.company,
        seed=seed_of(text),
        notes_topic=_notes_topic(reference, notes),
        keep_lines=original.score >= coach.config.bands.ready,
        resource_for_topic=_for_topic(coach, resource, topic),
        work=work,
        work_questions=work_questions,
        practice=practice,
        audience=audience,
        topic_plural=field.plural,
    )


def _for_topic(coach: Coach, resource: Resource | None, topic: str) -> bool:
    """Whether to say what the resource is for: it is about the topic ("SAP licensing" in its
    topic words), and its title does not say so already ("the SAP licensing audit checklist")."""
    if resource is None or not topic or not shares_content(coach.nlp, resource, topic):
        return False
    return not shares_content(coach.nlp, Resource(resource.title), topic)


def _plan_groups(facts: Facts) -> list[list[Plan]]:
    """The plans in the order to try them. With no reference in the notes (or only a profile
    fact to recite), a pitch asks about their own work first; a ready draft keeps its own lines
    first and asks about their work only when those give too little."""
    plans = build_plans(facts)
    reference = facts.reference
    if not (facts.work or facts.practice) or (reference is not None and not reference.profile):
        return [plans]
    situation = situation_plans(facts)
    groups = [plans, situation] if facts.keep_lines else [situation, plans]
    return [g for g in (*groups, untopical_plans(facts)) if g]


def _notes_topic(reference: NotesReference | None, notes: str) -> str:
    """What their post or talk was about ('... about data contracts'), else ''."""
    if reference is None or reference.history or not reference.topic:
        return ""
    said = re.search(
        r"\b(?:about|regarding|re:?)\s+" + re.escape(reference.topic), notes, re.IGNORECASE
    )
    return reference.topic if said else ""


def _greeting(draft: Draft, first_name: str, name: str, platform: Platform) -> str:
    """The draft's own greeting when it fits them ('Hi Tom,' stays even without a first name);
    'Hi <name>,' when the draft has none or a wrong or generic one."""
    given = usable_name(first_name)
    if draft.greeting and (not given or given.split()[0] in draft.greeting):
        return draft.greeting
    if name:
        return f"Hi {name},"
    if draft.greeting_name or platform.subject != "none":
        return "Hello,"
    return ""


def _offered(coach: Coach, variant: Variant, sender: Sender) -> bool:
    """Only what the coach itself rates ready: 80+, no slot, no error, no pitch, no price."""
    return (
        not variant.slots
        and _ready(coach, variant.report, variant.report.limit)
        and _clean(variant, sender)
    )


def _clean(variant: Variant, sender: Sender) -> bool:
    """No pitch, vague ask or self-talk, no price, no product name, within the limit."""
    return (
        not any(forbidden(f) for f in variant.report.findings)
        and variant.report.length <= variant.report.limit
        and not PRICE.search(variant.text)
        and not names_product(Resource(variant.text), sender.products)
    )


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
) -> list[tuple[Variant, Plan]]:
    """Fit, re-check and repair the plans; the variants ranked best first.

    Re-checks are most of a rewrite's time, so each distinct text is checked once, and only
    plans that could be offered (no slot) are checked and repaired. When every plan has a slot,
    one is needed, as the template: the plans are tried in order until one is clean."""
    built = [fit(plan, limit) for plan in plans]
    offerable = [i for i, a in enumerate(built) if not a.slots]
    if offerable:
        return _ranked(
            coach, [plans[i] for i in offerable], [built[i] for i in offerable], context, draft
        )
    for plan, assembled in zip(plans, built, strict=True):
        variants = _ranked(coach, [plan], [assembled], context, draft, rounds=1)
        if _clean(variants[0][0], context.sender):
            return variants
    return []


def _ranked(
    coach: Coach,
    plans: list[Plan],
    built: list[Assembled],
    context: Context,
    draft: Draft,
    rounds: int = MAX_REPAIRS,
) -> list[tuple[Variant, Plan]]:
    limit = get_platform(context.platform, coach.config.connection_limit).limit
    reports = _check(coach, [a.text for a in built], context, {})
    cache = {a.text: r for a, r in zip(built, reports, strict=True)}
    for _ in range(rounds):
        todo = [
            i
            for i, plan in enumerate(plans)
            if not _ready(coach, reports[i], limit) and _repair(coach, plan, built[i], reports[i])
        ]
        if not todo:
            break
        for i in todo:
            built[i] = fit(plans[i], limit)
        for i, report in zip(
            todo, _check(coach, [built[i].text for i in todo], context, cache), strict=True
        ):
            reports[i] = report
    variants = [
        (Variant(plan.shape, a.text, report, a.slots, _changes(plan, draft, a)), plan)
        for plan, a, report in zip(plans, built, reports, strict=True)
    ]
    # a stable sort: variants that tie keep the plans' order, which is the message's order
    variants.sort(
        key=lambda pair: (
            any(forbidden(f) for f in pair[0].report.findings),
            bool(pair[0].slots),
            -pair[0].report.score,
        )
    )
    return variants


def _check(
    coach: Coach, texts: list[str], context: Context, cache: dict[str, Report]
) -> list[Report]:
    """Reports for the texts, checking each text not seen before once, in one batch."""
    new = list(dict.fromkeys(t for t in texts if t not in cache))
    for text, report in zip(new, coach.check_many((t, context) for t in new), strict=True):
        cache[text] = report
    return [cache[t] for t in texts]


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
            if index is not None and index not in moved and _step_past(plan.parts[index], finding):
                moved.add(index)
        elif forbidden(finding) or finding.severity == "error":
            for index, part in enumerate(plan.parts):
                if part.role == "extra" and part.option.text and part.advance():
                    moved.add(index)
    return bool(moved)


def _step_past(part: Part, finding: Finding) -> bool:
    """Move a part to its next option that does not repeat the words the rule fired on."""
    quote = " ".join(finding.quote.lower().split())
    moved = part.advance()
    while moved and quote and quote in " ".join(part.option.text.lower().split()):
        moved = part.advance()
    return moved


def _changes(plan: Plan, draft: Draft, assembled: Assembled) -> tuple[Change, ...]:
    """What the variant removed from the draft and what it added or kept, part by part: only
    the parts that landed in its text (a close that would repeat the line before it does not)."""
    landed = {index for index, _, _ in assembled.spans}
    parts = [p for i, p in enumerate(plan.parts) if i in landed and p.option.text]
    used = {p.option.source for p in parts if p.option.kind == "kept"}
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
    for part in parts:
        option = part.option
        changes.append(Change(option.kind, option.text, option.reason, option.rule_ids))
    return tuple(changes)


def _unchanged(
    coach: Coach, original: Report, edits: tuple[Edit, ...], context: Context, limit: int
) -> Variant | None:
    """A ready draft with its safe edits applied, when they change it and keep it ready; the
    draft itself is never offered back as a suggestion."""
    if original.score < coach.config.bands.ready or not edits:
        return None
    edited = coach.check(apply_edits(original.text, edits), context)
    if edited.text.strip() == original.text.strip():
        return None
    changes = []
    for edit in edits:
        ids = tuple(f.rule_id for f in original.findings if f.edit == edit)
        changes.append(
            Change("removed", original.text[edit.start : edit.end].strip(), edit.reason, ids)
        )
        if edit.replacement:
            changes.append(Change("added", edit.replacement, edit.reason, ids))
    if _ready(coach, edited, limit) and edited.score >= original.score:
        return Variant(_shape_of(edited), edited.text, edited, (), tuple(changes))
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
