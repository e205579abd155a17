"""Rewrite suggestions toward value-first messages: per-finding edits and whole variants.

``rewrite(coach, text, context)`` returns a ``Rewrite``: the draft's report, the non-overlapping
edits its findings carry (``apply_edits`` applies any subset, in any order), and two or three
variants in different shapes, each re-checked by the same coach. Deterministic, offline, no
language model.
"""

from coach.engine.rewrite.core import rewrite
from coach.engine.rewrite.edits import apply_edits
from coach.engine.rewrite.models import SHAPES, Change, Rewrite, Slot, Variant

__all__ = ["SHAPES", "Change", "Rewrite", "Slot", "Variant", "apply_edits", "rewrite"]
