"""The garbage collector held off while the app starts, the way long-running Python services
start (``gc.freeze``).

Importing Textual, spaCy and its model and compiling the packs create about a hundred
thousand objects that live as long as the app; the cyclic collector walks them again and
again while they are made (about 0.15 s of CPU on this 2-core machine, 250 collections) and
finds almost nothing to free (ten objects). ``pause`` turns it off before those imports;
``resume``, once the engine has checked its first text, moves every object alive then into
the permanent generation (so later collections, during typing, no longer walk the model) and
turns it back on. Memory at that point is the same either way (about 200 MB).

Only the ``coach`` command pauses it; an app built by a test or an embedding program leaves
the collector alone, and ``resume`` does nothing there.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Hold the cyclic collector off until ``resume`` (if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze the objects made so far and turn the collector back on, if ``pause`` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
