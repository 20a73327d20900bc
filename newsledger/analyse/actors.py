"""Actor registry and actor mentions.

``ActorRegistry.from_data(data)`` builds it from ``data/actors.yaml`` (actors, plus state
actors generated for every country from ``templates``, so each side is treated alike).
``registry.find_all(text) -> list[ActorMention]``: every registry actor named in text.
``registry.resolve(span) -> ActorMention | None``: the canonical actor for a speaker span.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import ActorMention, Document

_APOS = str.maketrans({"’": "'", "‘": "'"})
_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*")
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w'’.-]*|al-\w+|bin|ibn|el-\w+|de|van|von)$")
# Fuzzy person-name threshold (rapidfuzz WRatio); tuned on spelling variants such as
# "al-Nakhala"/"al-Nakhalah", "Zelensky"/"Zelenskyy" in the seed and dev sets.
FUZZY_PERSON = 88
_GROUP_NOUNS = {"group", "groups", "association", "organisation", "organization", "coalition", "network",
                "family", "families", "residents", "veterans", "members", "campaign", "committee"}


def _norm(s: str) -> str:
    s = s.translate(_APOS).casefold().strip(" ,.;:'\"“”")
    s = re.sub(r"^(the|a|an)\s+", "", s)
    return re.sub(r"\s+", " ", s)


def _expand(data: dict) -> list[dict]:
    """Registry entries: the listed actors plus one per (country, template)."""
    entries = [dict(e) for e in data.get("actors", []) or []]
    by_name = {e["name"]: e for e in entries}
    for c in data.get("countries", []) or []:
        adjs = c.get("adj") or [c["name"]]
        places = c.get("places") or []
        for t in data.get("templates", []) or []:
            name = t["name"].format(name=c["name"])
            aliases = []
            for a in t.get("aliases", []):
                if "{place}" in a:
                    aliases += [a.format(place=p) for p in places]
                elif "{adj}" in a:
                    aliases += [a.format(adj=j, name=c["name"]) for j in adjs]
                else:
                    aliases.append(a.format(name=c["name"]))
            e = by_name.get(name)
            if e is None:
                e = {"name": name, "type": t.get("type", "government"), "side": c.get("side")}
                by_name[name] = e
                entries.append(e)
            e["aliases"] = list(e.get("aliases") or []) + aliases
            if t["name"].startswith("Government of"):
                e["metonyms"] = list(e.get("metonyms") or []) + list(c.get("metonyms") or [])
    return entries


class ActorRegistry:
    def __init__(self, entries: list[dict], titles: list[str] | None = None):
        self.entries = entries
        self.titles = {t.casefold() for t in titles or []}
        self._exact: dict[str, tuple[dict, str | None]] = {}
        self._cs: dict[tuple, str] = {}      # case-sensitive token tuples (acronyms) -> alias
        self._ci: dict[tuple, str] = {}      # case-folded token tuples -> alias
        for e in entries:
            for a in [e["name"], *(e.get("aliases") or [])]:
                self._exact.setdefault(_norm(a), (e, None))
                self._add(a)
            for lab in e.get("labels") or []:
                self._exact[_norm(lab)] = (e, lab)
                self._add(lab, force_ci=True)
            for m in e.get("metonyms") or []:
                self._exact.setdefault(_norm(m), (e, None))
        self._maxn = max([len(k) for k in [*self._cs, *self._ci]] or [1])
        self._first_cs = {k[0] for k in self._cs}       # tokens an alias can start with: most
        self._first_ci = {k[0] for k in self._ci}       # tokens are skipped with one set lookup
        self._persons = {}
        for e in entries:
            if e.get("type") == "person":
                for a in [e["name"], *(e.get("aliases") or [])]:
                    if " " in a:
                        self._persons[a] = e

    def _add(self, alias: str, force_ci: bool = False) -> None:
        toks = tuple(t.group().translate(_APOS) for t in _TOKEN.finditer(alias))
        if not toks:
            return
        letters = [c for c in alias if c.isalpha()]
        if not force_ci and letters and (alias.isupper() or len(alias) <= 4):
            self._cs.setdefault(toks, alias)
        else:
            self._ci.setdefault(tuple(t.casefold() for t in toks), alias)

    @classmethod
    def from_data(cls, data) -> "ActorRegistry":
        data = data or {}
        return cls(_expand(data), data.get("titles"))

    def _mention(self, start: int, end: int, text: str) -> ActorMention | None:
        hit = self._exact.get(_norm(text))
        if hit is None:
            return None
        e, label = hit
        return ActorMention(start, end, text, e["name"], e.get("type", "unknown"), e.get("affiliation"),
                            label, e.get("side"))

    def find_all(self, text: str) -> list[ActorMention]:
        """Registry actors named in ``text`` (longest match wins; no overlaps)."""
        toks = list(_TOKEN.finditer(text))
        raw = [t.group().translate(_APOS) for t in toks]
        low = [t.casefold() for t in raw]
        out, i, n = [], 0, len(toks)
        while i < n:
            if raw[i] not in self._first_cs and low[i] not in self._first_ci:
                i += 1
                continue
            for k in range(min(self._maxn, n - i), 0, -1):
                alias = self._cs.get(tuple(raw[i:i + k])) or self._ci.get(tuple(low[i:i + k]))
                if alias is not None:
                    a, b = toks[i].start(), toks[i + k - 1].end()
                    m = self._mention(a, b, alias)
                    if m is not None:
                        m.text = text[a:b]
                        out.append(m)
                        i += k
                        break
            else:
                i += 1
        return out

    def strip_titles(self, span: str) -> str:
        """The name in a speaker span: determiners and leading role words removed."""
        toks = span.strip(" ,.;:").split()
        last_title = -1
        for i, t in enumerate(toks):
            if t.casefold().strip(",.’'s") in self.titles or t.casefold().rstrip(",") in self.titles:
                last_title = i
        name = [t.strip(",") for t in toks[last_title + 1:]]
        if name and all(_NAME_TOKEN.match(t) for t in name):
            return " ".join(name)
        out = re.sub(r"^(the|a|an)\s+", "", span.strip(" ,.;:"), flags=re.I)
        return out

    def person_name(self, span: str) -> str | None:
        """A trailing proper name (two or more capitalised words) after any role words."""
        name = self.strip_titles(span)
        toks = name.split()
        if 2 <= len(toks) <= 5 and all(_NAME_TOKEN.match(t) for t in toks) and not self.find_all(name):
            return name
        if len(toks) == 1 and _NAME_TOKEN.match(toks[0]) and toks[0][0].isupper() and not self.find_all(name) \
                and _norm(name) not in self._exact and len(span.split()) > 1:
            return name
        return None

    def fuzzy_person(self, name: str) -> dict | None:
        from rapidfuzz import fuzz, process
        if not self._persons or len(name) < 5:
            return None
        hit = process.extractOne(name, list(self._persons), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_PERSON)
        return self._persons[hit[0]] if hit else None

    def resolve(self, span: str) -> ActorMention | None:
        """The canonical actor for a speaker span, or None when the registry does not know it."""
        span = span.strip()
        whole = self._mention(0, len(span), span)
        if whole is not None:
            return whole
        found = self.find_all(span)
        persons = [m for m in found if m.type == "person"]
        if persons:
            return replace(persons[-1], start=0, end=len(span), text=span)
        # "Patrick Senft, a researcher at X": a leading name in apposition is the speaker
        chunks = [c for c in re.split(r",\s*", span.strip(" ,")) if c]
        name = self.person_name(chunks[0]) if len(chunks) > 1 else None
        name = name or self.person_name(chunks[-1] if chunks else span)
        org = next((m for m in found if name is None or name not in m.text), None)
        if name:
            e = self.fuzzy_person(name)
            if e is not None:
                return ActorMention(0, len(span), span, e["name"], "person", e.get("affiliation"), None, e.get("side"))
            return ActorMention(0, len(span), span, name, "person", org.canonical if org else None, None,
                                org.side if org else None)
        if not found:
            return None
        last = chunks[-1] if chunks else span
        m = next((m for m in reversed(found) if m.text in last), found[-1])
        head = last.split(" of ")[0] if " of " in last else last
        if m.text not in head:
            words = head.split()
            if any(w.casefold() in self.titles for w in words[-2:]):
                # "a senior official of Hamas", "the head of X": an unnamed person of that organisation
                return ActorMention(0, len(span), span, self.strip_titles(span), "person", m.canonical, None, m.side)
            if words and words[-1].casefold() in _GROUP_NOUNS:
                return ActorMention(0, len(span), span, self.strip_titles(span), "organization", None, None, None)
        elif last.rstrip(" ,.").split()[-1].casefold().strip("’'s") in self.titles \
                and not last.rstrip(" ,.").endswith(m.text):
            # "a senior Hamas official"
            return ActorMention(0, len(span), span, self.strip_titles(span), "person", m.canonical, None, m.side)
        return replace(m, start=0, end=len(span), text=span)


def component(doc: Document, ctx) -> Document:
    doc.actors = ctx.actors.find_all(doc.text)
    return doc


# --- generic actors in ACLED's categories ------------------------------------------------------

_GenericRule = tuple  # (id, compiled pattern, name template, type)


def _build_generic(data) -> list[_GenericRule]:
    return [(g["id"], re.compile(r"(?i)\b(?:" + g["pattern"] + r")\b"), g["name"], g.get("type", "unknown"))
            for g in (data or {}).get("generic") or []]


def generic_rules(ctx) -> list[_GenericRule]:
    from .. import lexicon
    return lexicon.derived("actors.yaml", _build_generic, ctx.lexicon_dirs if ctx is not None else None)


def generic_actors(text: str, country: str | None, ctx) -> list[ActorMention]:
    """Actors described rather than named ("government soldiers", "unidentified gunmen", "residents"),
    named after ACLED's categories with the event's country; the first rule to claim a span wins.
    The mention's ``rule`` is the pattern id. Without a country only the categories whose name
    holds the country in parentheses are given, by their category ("Protesters")."""
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for rid, rx, name, typ in generic_rules(ctx):
        if not country:
            if " ({country})" not in name:
                continue
            name = name.replace(" ({country})", "")
        for m in rx.finditer(text):
            if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(ActorMention(m.start(), m.end(), m.group(), name.format(country=country), typ, rule=rid))
    return sorted(out, key=lambda x: x.start)


def _build_countries(data) -> list[tuple[str, re.Pattern]]:
    out = []
    for c in (data or {}).get("countries") or []:
        words = [c["name"], *(c.get("adj") or [])]
        out.append((c["name"], re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")))
    return out


def _build_sides(data) -> dict:
    return {c.get("side"): c["name"] for c in (data or {}).get("countries") or []}


def country_of_side(side: str | None, ctx) -> str | None:
    """The registry country whose side key is ``side`` (a national armed group's country)."""
    from .. import lexicon
    sides = lexicon.derived("actors.yaml", _build_sides, ctx.lexicon_dirs if ctx is not None else None)
    return sides.get(side) if side else None


def country_named(text: str, ctx) -> str | None:
    """The registry country whose name or adjective the text uses most (first named on a tie)."""
    from .. import lexicon
    best = None
    for name, rx in lexicon.derived("actors.yaml", _build_countries, ctx.lexicon_dirs if ctx is not None else None):
        hits = [m.start() for m in rx.finditer(text)]
        if hits and (best is None or (len(hits), -hits[0]) > best[0]):
            best = ((len(hits), -hits[0]), name)
    return best[1] if best else None
