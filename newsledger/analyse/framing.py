"""Framing: the words an outlet chose, kept as evidence next to the neutral value they stand for.

Each record (:class:`~newsledger.records.Framing`) holds the term as written, its category
(``actor_label``, ``victim_term``, ``act_term``, ``place_label`` or ``agency``), the neutral value,
the side it refers to when the side lexicon knows it, the evidence span and the rule that found it.
Nothing here changes a canonical value: framing is what an outlet said, never what the ledger asserts.

Rules are entries in :data:`RULES` (name -> function ``(doc, ctx) -> list[Framing]``), run in order;
where labels overlap the longer span wins, then the earlier rule (agency records only compete with
agency records). Data: ``framing_sides.yaml`` (each conflict's sides, their words for themselves
and for the other side), ``framing.yaml`` (loaded terms no side owns) and the ``labels`` of
``actors.yaml`` (an outlet's loaded name for an actor).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..records import ActorMention, Document, Framing
from . import regexgate

CATEGORIES = ("actor_label", "victim_term", "act_term", "place_label", "agency")
Rule = Callable[[Document, object], list[Framing]]
RULES: dict[str, Rule] = {}


def rule(name: str):
    """Register a framing rule under ``name`` (the name each of its records carries)."""
    def deco(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn
    return deco


def _term_pattern(term: str) -> re.Pattern:
    flags = 0 if term[:1].isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{term})(?![\w-])", flags)


_META = re.compile(r"[\\()\[\]?*+|.^${}]")
_WORD = re.compile(r"[a-z]+")


def _key(term: str) -> str:
    """What every match of ``term`` contains, for a cheap test before its regex runs (:func:`_present`):
    a term without regex syntax must appear as written ("special military operation"); a pattern must
    begin with its leading letters where a word begins ("martyr" for "martyrs?"), "" when it has none."""
    if not _META.search(term):
        return "=" + term.lower()
    return re.match(r"[A-Za-z]*", term).group().lower()


def _starts(low: str) -> set[str]:
    """Every beginning of every word of ``low`` ("iof" -> "i", "io", "iof")."""
    return {w[:k] for w in set(_WORD.findall(low)) for k in range(1, len(w) + 1)}


def _present(key: str, low: str, starts: set[str]) -> bool:
    """Whether a term of this key can match the text (its pattern needs a word boundary before it)."""
    if key.startswith("="):
        return key[1:] in low
    return not key or key in starts


_gate = lru_cache(maxsize=None)(regexgate.gate)


def _may_match(rx: re.Pattern, key: str, low: str, starts: set[str], gate_low: str | None) -> bool:
    """Whether term pattern ``rx`` (of ``key``) can match: its key, then the literals it needs."""
    return _present(key, low, starts) and regexgate.may_match(_gate(rx), gate_low)


@dataclass(frozen=True)
class SideEntry:
    conflict: str
    side: str            # the side the term refers to
    usage: str           # "self" or "other"
    category: str
    neutral: str


@dataclass
class TermGroup:
    """One term as written in the lexicon, with every (conflict, side) entry that lists it."""
    pattern: re.Pattern
    key: str
    entries: list[SideEntry]


class SideLexicon:
    """``framing_sides.yaml`` compiled: term patterns, actor -> side, and each conflict's names."""

    def __init__(self, data: dict):
        data = data or {}
        self.neutral = data.get("neutral") or {}
        self.conflicts = data.get("conflicts") or {}
        groups: dict[str, TermGroup] = {}
        self.actor_side: dict[str, list[tuple[str, str]]] = {}
        self.names: dict[str, re.Pattern] = {}
        for cid, conflict in self.conflicts.items():
            sides = (conflict or {}).get("sides") or {}
            names: list[str] = []
            for sid, side in sides.items():
                other = [s for s in sides if s != sid]
                for actor in side.get("actors") or []:
                    self.actor_side.setdefault(actor, []).append((cid, sid))
                names += [re.escape(n) for n in side.get("swap") or []]
                for usage in ("self", "other"):
                    target = sid if usage == "self" else (other[0] if len(other) == 1 else None)
                    for category, terms in (side.get(usage) or {}).items():
                        for term, neutral in (terms or {}).items():
                            g = groups.get(term)
                            if g is None:
                                g = groups[term] = TermGroup(_term_pattern(term), _key(term), [])
                            g.entries.append(SideEntry(cid, target, usage, category, neutral))
            if names:
                self.names[cid] = re.compile(r"(?<!\w)(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")(?!\w)")
        self.groups = list(groups.values())

    def active_conflicts(self, doc: Document) -> set[str]:
        """Conflicts a document is about: those of the actors that belong to one conflict only (Hamas,
        Hezbollah); else those whose names occur (swap lists); else those of any actor named."""
        per_actor = [self.actor_side.get(m.canonical) or self.actor_side.get(m.affiliation or "") or []
                     for m in doc.actors or []]
        unique = {hits[0][0] for hits in per_actor if len({c for c, _ in hits}) == 1}
        if unique:
            return unique
        named = {cid for cid, rx in self.names.items() if rx.search(doc.text)}
        return named or {c for hits in per_actor for c, _ in hits}

    def side_of_actor(self, actor: ActorMention, active: set[str]) -> tuple[str | None, str | None]:
        """(conflict, side) of an actor (or of the organisation it belongs to), preferring a conflict
        the document is about."""
        hits = self.actor_side.get(actor.canonical) or self.actor_side.get(actor.affiliation or "") or []
        pick = [h for h in hits if h[0] in active] or hits
        sides, conflicts = {h[1] for h in pick}, {h[0] for h in pick}
        if len(sides) != 1:
            return None, None
        return (next(iter(conflicts)) if len(conflicts) == 1 else None), next(iter(sides))

    def entry_for(self, entries: list[SideEntry], active: set[str]) -> tuple[SideEntry, bool]:
        """The entry a match stands for and whether its side is certain (one reading left)."""
        pick = [e for e in entries if e.conflict in active]
        readings = {(e.side, e.usage) for e in pick}           # one side, whichever front names it
        return (pick or entries)[0], len(readings) == 1


def side_lexicon(ctx) -> SideLexicon:
    return ctx.cached("framing_sides", lambda: SideLexicon(ctx.lexicon("framing_sides.yaml")))


class LoadedTerms:
    """``framing.yaml``: loaded terms no side owns (category -> term -> neutral)."""

    def __init__(self, lex: dict):
        self.terms: list[tuple[re.Pattern, str, str, str]] = []
        for category, terms in ((lex or {}).get("terms") or {}).items():
            for term, neutral in (terms or {}).items():
                self.terms.append((_term_pattern(term), neutral, category, _key(term)))


def loaded_terms(ctx) -> LoadedTerms:
    return ctx.cached("framing", lambda: LoadedTerms(ctx.lexicon("framing.yaml")))


def _active(doc: Document, ctx) -> set[str]:
    return side_lexicon(ctx).active_conflicts(doc)


# -- label rules -------------------------------------------------------------------------------

@rule("registry_label")
def registry_label(doc: Document, ctx) -> list[Framing]:
    """An actor named by an outlet's loaded label in actors.yaml ("IOF"): neutral = the canonical name."""
    lex, active = side_lexicon(ctx), _active(doc, ctx)
    out = []
    for m in doc.actors or []:
        if not m.label:
            continue
        conflict, side = lex.side_of_actor(m, active)
        usage = next((e.usage for g in lex.groups if g.pattern.fullmatch(m.text) for e in g.entries
                      if e.side == side), "other" if side else None)   # actors.yaml labels are others' names
        out.append(Framing(m.text, m.canonical, "actor_label", doc.evidence(m.start, m.end), "registry_label",
                           side, conflict, usage))
    return out


@rule("side_lexicon")
def side_term(doc: Document, ctx) -> list[Framing]:
    """A side's word for itself or for the other side (framing_sides.yaml)."""
    lex, active = side_lexicon(ctx), _active(doc, ctx)
    low = doc.text.lower()
    starts = _starts(low)
    out = []
    gate_low = regexgate.lowered(doc.text)
    for g in lex.groups:
        if not _may_match(g.pattern, g.key, low, starts, gate_low):
            continue
        for m in g.pattern.finditer(doc.text):
            e, certain = lex.entry_for(g.entries, active)
            out.append(Framing(m.group(), e.neutral, e.category, doc.evidence(m.start(), m.end()), "side_lexicon",
                               e.side if certain else None, e.conflict if certain else None,
                               e.usage if certain else None))
    return out


@rule("loaded_term")
def loaded_term(doc: Document, ctx) -> list[Framing]:
    """A loaded term no side owns ("massacre", "eliminated"): framing.yaml."""
    low = doc.text.lower()
    starts = _starts(low)
    out = []
    gate_low = regexgate.lowered(doc.text)
    for rx, neutral, category, key in loaded_terms(ctx).terms:
        if not _may_match(rx, key, low, starts, gate_low):
            continue
        for m in rx.finditer(doc.text):
            out.append(Framing(m.group(), neutral, category, doc.evidence(m.start(), m.end()), "loaded_term"))
    return out


# -- agency rules: who did it, as the sentence tells it ------------------------------------------

HARM = r"killed|shot dead|shot|murdered|martyred|slain|wounded|injured|executed|massacred|eliminated|neutrali[sz]ed"
PASSIVE = re.compile(rf"\b(?:was|were|have been|has been|had been|is being|are being|being|been|got)\s+"
                     rf"(?:\w+ly\s+)?(?:{HARM})\b", re.I)
INTRANSITIVE = re.compile(r"\b(?:died|perished|lost (?:their|his|her) li(?:fe|ves)|"
                          r"succumbed to (?:their|his|her) (?:wounds|injuries))\b", re.I)
ACTIVE_VERB = re.compile(rf"\b(?:{HARM})\b", re.I)
EVENT_SUBJECT = re.compile(rf"\b(?:air ?strikes?|strikes?|attacks?|shelling|bombardment|bombing|raids?|explosions?|"
                           rf"blasts?|drones?|missiles?|rockets?|gunfire)\s+(?:(?!(?:was|were|been|be|is|are|being|had)\b)\w+\s+){{0,2}}?"
                           rf"(?:{HARM})\b", re.I)
BY_AGENT = re.compile(r"\s*(?:,\s*)?(?:[\w-]+\s+){0,4}?by\s+", re.I)
REDUCED_PASSIVE = re.compile(r"\s*(?:$|[.,;:)]|(?:in|on|at|by|during|near|after|when|while|as|overnight)\b)", re.I)
GAP_TO_VERB = 25     # characters allowed between an actor's name and its verb ("Israeli forces on Monday killed")


def _sentences(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]


def _actor_at(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    return next((m for m in actors if start <= m.start < end), None)


def _agency(doc: Document, ctx, start: int, end: int, neutral: str, name: str,
            actor: ActorMention | None) -> Framing:
    conflict, side = side_lexicon(ctx).side_of_actor(actor, _active(doc, ctx)) if actor else (None, None)
    return Framing(doc.text[start:end], neutral, "agency", doc.evidence(start, end), name, side, conflict)


@rule("agency_passive")
def agency_passive(doc: Document, ctx) -> list[Framing]:
    """"were killed" (agentless) or "were killed by X" (passive, agent named)."""
    out = []
    actors = doc.actors or []
    for a, b in _sentences(doc):
        for m in PASSIVE.finditer(doc.text, a, b):
            by = BY_AGENT.match(doc.text, m.end(), b)
            if by:
                actor = _actor_at(actors, by.end(), min(b, by.end() + 40))
                out.append(_agency(doc, ctx, m.start(), m.end(), "passive_agent", "agency_passive", actor))
            else:
                out.append(_agency(doc, ctx, m.start(), m.end(), "agentless", "agency_passive", None))
    return out


@rule("agency_intransitive")
def agency_intransitive(doc: Document, ctx) -> list[Framing]:
    """"died", "lost their lives": a death told without anyone doing it."""
    return [_agency(doc, ctx, m.start(), m.end(), "agentless", "agency_intransitive", None)
            for m in INTRANSITIVE.finditer(doc.text)]


@rule("agency_event_subject")
def agency_event_subject(doc: Document, ctx) -> list[Framing]:
    """"a strike killed": the event, not a perpetrator, is the subject."""
    return [_agency(doc, ctx, m.start(), m.end(), "event_subject", "agency_event_subject", None)
            for m in EVENT_SUBJECT.finditer(doc.text)]


@rule("agency_active")
def agency_active(doc: Document, ctx) -> list[Framing]:
    """"<actor> killed ...": an active verb with the perpetrator named as its subject (not "<actor> killed
    in a strike", a headline's reduced passive, where the actor is the victim)."""
    out = []
    actors = sorted(doc.actors or [], key=lambda m: m.end)
    for a, b in _sentences(doc):
        for m in ACTIVE_VERB.finditer(doc.text, a, b):
            before = [x for x in actors if a <= x.start and x.end <= m.start() and m.start() - x.end <= GAP_TO_VERB]
            if not before:
                continue
            actor = before[-1]
            if REDUCED_PASSIVE.match(doc.text, m.end(), b):
                continue
            gap = doc.text[actor.end:m.start()]
            if re.search(r"[.,;:!?]|\b(?:was|were|been|be|is|are|by|who|and|or)\b", gap, re.I) or \
                    re.search(r"\bby\s+(?:the\s+)?$", doc.text[max(a, actor.start - 8):actor.start], re.I):
                continue
            out.append(_agency(doc, ctx, actor.start, m.end(), "active", "agency_active", actor))
    return out


def _overlaps(f: Framing, taken: list[tuple[int, int]]) -> bool:
    return any(a < f.evidence.end and f.evidence.start < b for a, b in taken)


def component(doc: Document, ctx) -> Document:
    """Run every rule; where candidates overlap, the span of more words wins, then the earlier rule
    ("dastardly terrorist attack" over "terrorist attack"; a registry label over a loaded term).
    Agency records only compete with agency records."""
    found: list[tuple[int, int, Framing]] = []
    for order, (name, fn) in enumerate(RULES.items()):
        for f in fn(doc, ctx):
            f.rule = f.rule or name
            found.append((-len(f.evidence.text.split()), order, f))     # words, not characters: a
            # side's name must not win or lose by its length ("Israeli" vs "Palestinian")
    out: list[Framing] = []
    taken: dict[bool, list[tuple[int, int]]] = {True: [], False: []}      # agency spans, label spans
    for _, _, f in sorted(found, key=lambda x: (x[0], x[1], x[2].evidence.start)):
        spans = taken[f.category == "agency"]
        if _overlaps(f, spans):
            continue
        out.append(f)
        spans.append((f.evidence.start, f.evidence.end))
    out.sort(key=lambda f: (f.evidence.start, f.category))
    doc.framing = out
    return doc
