"""Boilerplate removal: line rules from ``data/boilerplate.yaml`` plus lines repeated
across many documents of one outlet."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from .. import lexicon


@dataclass(frozen=True)
class Rules:
    drop: re.Pattern
    end: re.Pattern
    tail_fraction: float
    repeated: dict = field(default_factory=dict, hash=False, compare=False)
    stop: re.Pattern | None = None          # ends the story wherever it stands (comment sections)


def _union(patterns: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=8)
def rules(dirs: tuple[str, ...] | None = None) -> Rules:
    data = lexicon.load("boilerplate.yaml", dirs)
    stop = data.get("stop_markers") or []
    return Rules(_union(data["drop_lines"]), _union(data["end_markers"]), float(data["tail_fraction"]),
                 data.get("repeated_lines", {}), _union(stop) if stop else None)


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def strip_lines(text: str, r: Rules, repeated: frozenset[str] = frozenset()) -> str:
    """Drop boilerplate lines, the trailing furniture after an end marker, and everything
    after a stop marker (a comment section's heading) wherever it stands."""
    lines = text.split("\n")
    total = sum(len(x) + 1 for x in lines) or 1
    out: list[str] = []
    pos = 0
    for line in lines:
        s = line.strip().strip("*#>|•·-– ").strip()
        pos += len(line) + 1
        if s and ((r.end.fullmatch(s) and pos / total >= 1 - r.tail_fraction)
                  or (r.stop is not None and out and r.stop.fullmatch(s))):
            break
        if s and (r.drop.fullmatch(s) or (repeated and _key(s) in repeated)):
            continue
        out.append(line)
    return "\n".join(out)


def repeated_lines(docs: Iterable[tuple[str | None, str]], r: Rules) -> dict[str, frozenset[str]]:
    """Per outlet, the short lines that recur in many of its documents (menus, footers).

    ``docs`` are (outlet, text) pairs; documents with no outlet are not grouped.
    """
    cfg = r.repeated or {}
    min_docs, share, max_chars = int(cfg.get("min_docs", 3)), float(cfg.get("share", 0.5)), int(cfg.get("max_chars", 200))
    counts: dict[str, Counter] = defaultdict(Counter)
    n_docs: Counter = Counter()
    for outlet, text in docs:
        if not outlet:
            continue
        n_docs[outlet] += 1
        counts[outlet].update({_key(x) for x in text.split("\n") if 0 < len(x.strip()) <= max_chars and _key(x)})
    return {o: frozenset(k for k, c in cnt.items() if c >= min_docs and c >= share * n_docs[o])
            for o, cnt in counts.items() if n_docs[o] >= min_docs}
