"""Highlighted text built safely: the text is cut at every span boundary and each piece is
escaped on its own; markup is only ever wrapped around escaped pieces."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

KINDS = ("claim", "figure", "place", "framing", "mark")     # CSS classes: nothing else reaches the class attribute


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str              # one of KINDS
    label: str = ""        # shown as the piece's tooltip (escaped)
    anchor: str = ""       # id of an anchor placed where the span starts


def highlight(text: str, spans: list[Span]) -> Markup:
    n = len(text)
    spans = [s for s in spans if s.kind in KINDS and 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Markup] = []
    for a, b in zip(cuts, cuts[1:]):
        for s in spans:
            if s.start == a and s.anchor:
                out.append(Markup('<a class="anchor" id="{}"></a>').format(s.anchor))
        active = [s for s in spans if s.start <= a and b <= s.end]
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({s.kind for s in active}))
        title = "; ".join(dict.fromkeys(s.label for s in active if s.label))
        if title:
            out.append(Markup('<span class="hl {}" title="{}">{}</span>').format(classes, title, piece))
        else:
            out.append(Markup('<span class="hl {}">{}</span>').format(classes, piece))
    return Markup("").join(out)
