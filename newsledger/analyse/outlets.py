"""Outlets: who published a text, when no metadata says so, and how that was found.

The readers give an outlet when the container names one (an HTML page's site name, a JSONL field,
a title ending "… : NPR"); that is kept with basis ``metadata``. Otherwise the rules below run in
order and the first that names an outlet wins; ``Document.outlet_basis`` records its name:

* ``wire_dateline``       "KYIV, Ukraine (Reuters) —", "(CNN) —", "Feb 10 (AP) -" near the start
* ``byline``              "By Jane Roe, Reuters" / "By Jane Roe | CNN" / "By Jane Roe for Al Jazeera"
* ``credit_line``         "© 2024 Reuters", "Copyright The Associated Press", "originally published by X"
* ``staff_correspondent`` "Al Jazeera's correspondent", "CNN's team in Kharkiv"
* ``site_in_text``        a known news site's address in the text ("www.aljazeera.com/news/…")
* ``told_outlet``         "…, a commander told Al Jazeera" (one outlet interviewing in its own story)

Names resolve through the actor registry (type ``media``) and ``data/outlets.yaml`` (wire codes,
domains), so every outlet is written one way. Nothing here asserts anything about the text itself.
"""
from __future__ import annotations

import re
from collections import Counter

from ..records import Document

_DATELINE = re.compile(r"\((?P<code>[A-Z][A-Za-z.&' -]{0,30}?)\)\s*[-—–]{1,2}\s")
_BYLINE = re.compile(r"(?m)^[ \t]*By[ \t]+(?P<names>[A-Z][^\n|]{2,100}?)[ \t]*(?:,|\||—|–|-|\bfor\b)[ \t]*"
                     r"(?P<o>(?:The[ \t]+)?[A-Z][\w&.’' -]{1,40}?)[ \t]*$")
_CREDIT = re.compile(r"(?:©|\([cC]\)|\bCopyright\b)\s*(?:\d{4}\s*)?(?:by\s+)?(?P<o>(?:The\s+)?[A-Z][\w&.’'-]*"
                     r"(?:[ \t]+[A-Z][\w&.’'-]*){0,4})|\b(?:originally|first)\s+(?:published|appeared)\s+(?:by|on|in)\s+"
                     r"(?P<o2>(?:The\s+)?[A-Z][\w&.’'-]*(?:[ \t]+[A-Z][\w&.’'-]*){0,4})")
_HOST = re.compile(r"\b(?:https?://)?(?:www\.)?(?P<d>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6})(?=[/\s\"'”),.;:]|$)",
                   re.IGNORECASE)
_TOLD = re.compile(r"\b(?:told|speaking to|spoke to|in an interview with)\s+(?P<o>(?:the\s+)?[A-Z][\w&.’'-]*"
                   r"(?:[ \t]+[A-Z][\w&.’'-]*){0,3})")


class OutletRules:
    """Compiled vocabularies (built once per Context)."""

    def __init__(self, lex: dict):
        self.codes = dict(lex.get("wire_codes") or {})
        self.domains = {k.lower(): v for k, v in (lex.get("domains") or {}).items()}
        self.not_outlets = {d.lower() for d in lex.get("not_outlets") or []}
        staff = sorted((re.escape(w) for w in lex.get("staff_nouns") or []), key=len, reverse=True)
        self.staff = re.compile(rf"(?P<o>(?:[A-Z][\w&.-]*[ \t]+){{0,3}}[A-Z][\w&.-]*)[’']s\s+(?:\w+\s+)?"
                                rf"(?:{'|'.join(staff) or 'correspondent'})\b")


def rules(ctx) -> OutletRules:
    return ctx.cached("outlets", lambda: OutletRules(ctx.lexicon("outlets.yaml")))


def _media(ctx, name: str) -> str | None:
    """The canonical name of a news outlet written ``name``, or None when it is not one we know."""
    name = name.strip(" .,;:")
    if not name:
        return None
    R = rules(ctx)
    if name in R.codes:
        return R.codes[name]
    hit = ctx.actors.resolve(name)
    if hit is not None and hit.type == "media":
        return hit.canonical
    return R.domains.get(name.lower())


def wire_dateline(doc: Document, ctx) -> str | None:
    """"CITY (Reuters) —" or "(CNN) —" in the first lines."""
    for m in _DATELINE.finditer(doc.text, 0, min(len(doc.text), 600)):
        name = _media(ctx, m.group("code"))
        if name:
            return name
    return None


def byline(doc: Document, ctx) -> str | None:
    """"By Jane Roe, Reuters" near the top (the outlet must be one we know: "By Jane Roe, Staff Writer" is not)."""
    for m in _BYLINE.finditer(doc.text, 0, min(len(doc.text), 1500)):
        name = _media(ctx, m.group("o"))
        if name:
            return name
    return None


def credit_line(doc: Document, ctx) -> str | None:
    """"© 2024 Reuters", "Copyright The Associated Press", "originally published by X"."""
    for m in _CREDIT.finditer(doc.text):
        raw = re.sub(r"\s+All\s+rights.*$", "", m.group("o") or m.group("o2") or "")
        name = _media(ctx, raw)
        if name:
            return name
    return None


def staff_correspondent(doc: Document, ctx) -> str | None:
    """"Al Jazeera's correspondent in Kharkiv": the outlet's own staff report."""
    for m in rules(ctx).staff.finditer(doc.text):
        words = m.group("o").split()
        for k in range(len(words)):         # "Crowds told Al Jazeera's ...": the longest known tail
            name = _media(ctx, " ".join(words[k:]))
            if name:
                return name
    return None


def site_in_text(doc: Document, ctx) -> str | None:
    """The known news site whose address the text gives most often (share links to social sites aside)."""
    R = rules(ctx)
    seen: Counter = Counter()
    for m in _HOST.finditer(doc.text):
        host = m.group("d").lower()
        if any(host == d or host.endswith("." + d) for d in R.not_outlets):
            continue
        name = next((v for d, v in R.domains.items() if host == d or host.endswith("." + d)), None)
        if name:
            seen[name] += 1
    return seen.most_common(1)[0][0] if seen else None


def told_outlet(doc: Document, ctx) -> str | None:
    """"…, a commander told Al Jazeera": the one outlet the text's speakers talk to, when there is one."""
    names = {n for n in (_media(ctx, m.group("o")) for m in _TOLD.finditer(doc.text)) if n}
    return names.pop() if len(names) == 1 else None


# in order: the first rule that names an outlet wins (its name is the document's ``outlet_basis``)
OUTLET_RULES = [wire_dateline, byline, credit_line, staff_correspondent, site_in_text, told_outlet]


def detect(doc: Document, ctx) -> tuple[str | None, str]:
    """(outlet, basis) for a document."""
    if doc.outlet:
        return doc.outlet, doc.outlet_basis if doc.outlet_basis != "none" else "metadata"
    for rule in OUTLET_RULES:
        name = rule(doc, ctx)
        if name:
            return name, rule.__name__
    return None, "none"


def component(doc: Document, ctx) -> Document:
    doc.outlet, doc.outlet_basis = detect(doc, ctx)
    return doc
