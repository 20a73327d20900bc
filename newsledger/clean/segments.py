"""Titles and listing-page segmentation.

A listing page (a page of teaser stories) is recognised by several headline-like
paragraphs, each followed by body text; each becomes a segment with its own title
and offsets. A plain article is one segment.
"""
from __future__ import annotations

import re

from ..ids import span_id
from ..records import Segment

# Calibrated on the seed and dev articles: re-check the segmentation tests after changing.
MIN_HEADLINES = 3          # fewer headline-like paragraphs: a plain article with subheads
MAX_HEADLINE_WORDS = 16
TITLE_CASE_SHARE = 0.6     # share of longer words capitalised in a headline

_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "as",
          "from", "into", "over", "vs", "after", "amid", "per"}
_TOKEN = re.compile(r"[\w’'#-]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def is_headline(line: str) -> bool:
    s = line.strip()
    words = _TOKEN.findall(s)
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or s[-1:] in ".!?,;:" or s.startswith(("*", "-", "•")):
        return False
    longer = [w for w in words if w.lower() not in _SMALL and w[:1].isalpha()]
    if not longer:
        return False
    return sum(w[:1].isupper() for w in longer) / len(longer) >= TITLE_CASE_SHARE


def first_title(text: str) -> str | None:
    """The first paragraph when it reads as a title (short, no closing full stop)."""
    paras = paragraphs(text)
    if len(paras) < 2:
        return None
    a, b = paras[0]
    s = text[a:b].strip()
    if len(s.split()) <= 30 and s[-1:] not in ".:;,":
        return s
    return None


def segment(doc_id: str, text: str, title: str | None) -> list[Segment]:
    paras = paragraphs(text)
    heads = [i for i, (a, b) in enumerate(paras[:-1]) if is_headline(text[a:b]) and not is_headline(
        text[paras[i + 1][0]:paras[i + 1][1]])]
    if len(heads) < MIN_HEADLINES:
        return [Segment(span_id("s", doc_id, 0, len(text)), title, 0, len(text))]
    starts = [paras[i][0] for i in heads]
    if starts[0] > 0 and len(text[:starts[0]].split()) < 25:
        starts[0] = 0                       # a short preamble belongs to the first story
    elif starts[0] > 0:
        starts.insert(0, 0)
    out = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(text)
        a, b = next(((pa, pb) for pa, pb in paras if pa >= s), (s, s))
        head = text[a:b].strip() if is_headline(text[a:b]) else None
        out.append(Segment(span_id("s", doc_id, s, e), head, s, e))
    return out
