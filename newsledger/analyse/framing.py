"""Framing: loaded labels an outlet chose, kept as evidence next to the neutral term.

Actor labels come from the registry mentions (``doc.actors`` with ``label`` set, e.g.
"IOF" -> Military Forces of Israel); other loaded terms (casualty verbs, event and place
labels) come from data/framing.yaml. Nothing here changes a canonical value.
"""
from __future__ import annotations

import re

from ..records import Document, Framing


class FramingRules:
    def __init__(self, lex: dict):
        self.terms: list[tuple[re.Pattern, str, str, str]] = []
        for category, terms in ((lex or {}).get("terms") or {}).items():
            for term, neutral in (terms or {}).items():
                flags = 0 if term[:1].isupper() else re.IGNORECASE
                key = re.match(r"[A-Za-z]*", term).group().lower()   # a literal every match starts with
                self.terms.append((re.compile(rf"(?<![\w-])(?:{term})(?![\w-])", flags), neutral, category, key))


def rules(ctx) -> FramingRules:
    return ctx.cached("framing", lambda: FramingRules(ctx.lexicon("framing.yaml")))


def component(doc: Document, ctx) -> Document:
    out: list[Framing] = []
    taken: list[tuple[int, int]] = []
    for m in doc.actors or []:
        if m.label:
            out.append(Framing(m.text, m.canonical, "actor_label", doc.evidence(m.start, m.end)))
            taken.append((m.start, m.end))
    low = doc.text.lower()
    for rx, neutral, category, key in rules(ctx).terms:
        if key not in low:
            continue                       # cheap test: the term's first word is nowhere in the text
        for m in rx.finditer(doc.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            out.append(Framing(m.group(), neutral, category, doc.evidence(m.start(), m.end())))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda f: f.evidence.start)
    doc.framing = out
    return doc
