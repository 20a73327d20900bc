"""A light offline language check (function-word shares and scripts, from data/languages.yaml)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import lexicon

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def _tables(dirs: tuple[str, ...] | None = None):
    data = lexicon.load("languages.yaml", dirs)
    words = {lang: set(ws) for lang, ws in data["stopwords"].items()}
    scripts = {lang: re.compile(p) for lang, p in data["scripts"].items()}
    return words, scripts, float(data["min_share"])


def detect(text: str, dirs: tuple[str, ...] | None = None) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when it cannot tell."""
    words, scripts, min_share = _tables(dirs)
    sample = text[:20000]
    script_hits = {lang: len(p.findall(sample)) for lang, p in scripts.items()}
    lang, hits = max(script_hits.items(), key=lambda kv: kv[1])
    toks = [t.lower() for t in _WORD.findall(sample)]
    if hits > 0.3 * sum(len(t) for t in toks or ["x"]):
        if lang == "ru" and script_hits.get("uk", 0) > 3:
            return "uk"
        if lang == "ar" and script_hits.get("fa", 0) > 3:
            return "fa"
        return lang
    if not toks:
        return "und"
    counts = Counter(toks)
    shares = {lang: sum(counts[w] for w in ws) / len(toks) for lang, ws in words.items()}
    best = max(shares, key=shares.get)
    return best if shares[best] >= min_share else "und"
