"""Sentence boundaries (rule-based: fast, model-free, offset-exact)."""
from __future__ import annotations

import re

from ..records import Document, Sentence

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote (one mark, or the doubled apostrophe '' some
# newspaper archives print for one); never after a known
# abbreviation or a single initial. Paragraph breaks always end a sentence.
_ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "jan", "feb",
           "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g",
           "i.e", "prof", "gov", "sen", "rep", "brig", "adm", "cpl", "pvt", "jr", "sr", "inc", "co", "corp"}
# a place written with points ends a sentence when a sentence-opening word follows ("... in the U.S. He says")
_PLACE_ABBREV = {"u.s", "u.n", "u.k"}
_OPENER = re.compile(r"\s+(?:He|She|They|It|We|I|You|The|This|That|These|Those|There|But|And|Yet|So|In|On|At|"
                     r"After|When|While|Still|However|Meanwhile|A|An|His|Her|Its|Their|Our|My)\b")
_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+(?:''|["'“‘(\[])?[A-Z0-9])""")


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text[start:end]):
        p0, p1 = start + para.start(), start + para.end()
        s = p0
        for m in _END.finditer(text, p0, p1):
            word = re.search(r"([\w.]+)[.!?…]*$", text[s:m.start() + 1])
            w = (word.group(1) if word else "").lower().rstrip(".")
            if (w in _ABBREV or (len(w) == 1 and w.isalpha())) and not (w in _PLACE_ABBREV and _OPENER.match(text, m.end())):
                continue
            spans.append((s, m.end()))
            s = m.end()
            while s < p1 and text[s].isspace():
                s += 1
        if s < p1 and text[s:p1].strip():
            spans.append((s, p1))
    return spans


def component(doc: Document, ctx) -> Document:
    doc.sentences = []
    for a, b in split(doc.text):
        doc.sentences.append(Sentence(a, b, doc.segment_of(a)))
    return doc
