"""Cheap gates before a regex scan: literal strings one of which every match must contain.

Most of a lexicon's patterns never match a given article ("incursions?" in a report on a budget
vote), yet ``finditer`` walks the whole text for each. :func:`gate` reads a compiled pattern's
parse once and returns lower-cased literal strings every match contains one of ("raid" for
``\\b(?:raid(?:s|ed)?)\\b``), or ``None`` when it finds none; :func:`may_match` then tests them
with ``in`` against the lower-cased text. A gate only ever skips scans that would
find nothing, so results are the same with and without it.
"""
from __future__ import annotations

import re

try:                                     # Python 3.11+
    from re import _constants as K, _parser as P
except ImportError:                      # pragma: no cover - older Pythons
    import sre_constants as K            # type: ignore[no-redef]
    import sre_parse as P                # type: ignore[no-redef]

_MAX_PATHS = 64
# characters that re's case-insensitive matching equates with an ASCII letter although their lower
# case is not that letter ("ı" matches (?i)i): a text holding one is always scanned
_FOLDS_TO_ASCII = ("ı", "ſ")
_ZERO_WIDTH = {K.AT, K.ASSERT, K.ASSERT_NOT}
_REPEATS = {K.MAX_REPEAT, K.MIN_REPEAT} | ({K.POSSESSIVE_REPEAT} if hasattr(K, "POSSESSIVE_REPEAT") else set())

Paths = list[tuple[str, bool]]           # (literal so far, whether it covers the whole sequence)


def gate(rx: re.Pattern) -> frozenset[str] | None:
    """Lower-cased literal strings one of which every match of ``rx`` contains, or None (no gate: scan
    always). They are the beginnings of what one part of the pattern matches: of the whole pattern
    ("raid" for ``\b(?:raid(?:s|ed)?)\b``) or of a later part when the pattern opens with a class or an
    optional word ("esistance" for ``[Rr]esistance``); the most selective part (longest shortest
    string) is chosen."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        items = list(P.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - a pattern this reader does not follow is simply not gated
        return None
    best: frozenset[str] | None = None
    for i, (op, _) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        paths = _sequence(items[i:])
        if not paths or any(not p for p, _ in paths) or not all(p.isascii() for p, _ in paths):
            continue
        found = frozenset(p.lower() for p, _ in paths)
        if best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)), -len(best)):
            best = found
    return best


def may_match(literals: frozenset[str] | None, low: str | None) -> bool:
    """Whether a pattern whose :func:`gate` is ``literals`` can match the text whose :func:`lowered` is
    ``low`` (None: always)."""
    if literals is None or low is None:
        return True
    return any(p in low for p in literals)


def lowered(text: str) -> str | None:
    """``text.lower()`` when case-insensitive matching of ``text`` equals case-sensitive matching of it:
    every offset kept (the same length) and no letter that re's case folding equates with another
    (dotless i, long s); else None."""
    low = text.lower()
    return low if len(low) == len(text) and not any(c in text for c in _FOLDS_TO_ASCII) else None


def _sequence(items: list) -> Paths:
    paths: Paths = [("", True)]
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if not any(complete for _, complete in paths):
            break
        sub = _item(op, av)
        grown: Paths = []
        for p, complete in paths:
            if not complete or sub is None:
                grown.append((p, False))
            else:
                grown.extend((p + q, c) for q, c in sub)
        if len(grown) > _MAX_PATHS:
            return [(p, False) for p, _ in paths]
        paths = list(dict.fromkeys(grown))
    return paths


def _item(op, av) -> Paths | None:
    """The literal paths of one parsed item, or None when it can begin with a character class."""
    if op is K.LITERAL:
        return [(chr(av), True)]
    if op is K.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _sequence(list(body))
    if op is K.BRANCH:
        return [p for branch in av[1] for p in _sequence(list(branch))]
    if op in _REPEATS:
        lo, hi, body = av
        if lo == 0:
            return [("", False)]
        paths = _sequence(list(body))
        return paths if lo == hi == 1 else [(p, False) for p, _ in paths]
    return None
