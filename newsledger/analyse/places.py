"""Places: place mentions resolved against the offline gazetteer (see :mod:`.gazetteer`).

The gazetteer holds towns and villages of 500+ people, their admin1/admin2 units, countries, and
``data/places.yaml`` (camps, neighbourhoods, settlements the packages lack). Resolution runs in
three steps, each a list of small named functions:

1. *spans*: capitalised name sequences fully covered by gazetteer names (so "Muhammad Nazzal" is not
   the village Nazzal); stop words and ``not_places`` never match. Each span notes its cues: a
   locative word before ("in", "near", "village of"), a feature word after ("X village",
   "X district"), and the administrative hints that follow it ("X (District, Region)", "X, Region").
   Both ends of a route ("the axis X-Y", "the X-Y road") and names listed after a locative word
   ("in X, Y, Z") are cued too.
2. *document countries*: votes from countries and demonyms named, gazetteer additions, and names
   whose candidates all lie in one country; a candidate outside the document's countries is never
   chosen when one inside exists.
3. *acceptance and scoring*: the ``_FILTERS`` drop candidates (an acronym, a small town without a
   cue, a namesake abroad once the other names tell the country, a town outside the area its hint or
   container names); the ``_SCORERS`` rank the rest (its own name over an alternate spelling,
   population, document country, agreement with the hints, nearness to the other places, the cue: a
   region word prefers the admin unit, a village or local unit word ("township") the town). The
   names of one parenthesised hint support each other's country; a country named as a neighbour
   ("near the border with X") votes little.
4. *unlisted places*: "Xville village (District, Region)" with no entry for Xville: a town of that
   region spelled alike, else the hint's place at precision 2.

A name in a hint ("X (District, Region)") is reported at precision 2 at least, so that an event
prefers the place it names first. A region named after its largest town is placed at that town (as a
country at its capital), other regions at the mean position of their towns. Every :class:`PlaceMention` records the rule that produced it
(``PLACE_RULES``). Thresholds were calibrated on the ACLED development notes (failures read on
Burkina Faso, Ethiopia, Somalia, Palestine, Myanmar and Yemen, checked on Sudan and Bangladesh) and
the smoke tests: re-run
``acled.py score`` after changing one.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..records import Document, PlaceMention
from . import gazetteer as G
from .gazetteer import (ADMIN1, ADMIN2, CC, FEATURE, LAT, LON, NAME, PARENT, POP, PREC, SRC, SRC_ADMIN1, SRC_ADMIN2,
                        SRC_CITY, SRC_COUNTRY, SRC_YAML, km, norm)

__all__ = ["Gazetteer", "component", "document_country", "km", "norm", "PLACE_RULES"]

# The rules that produce place mentions (each PlaceMention.rule is one of these names).
PLACE_RULES = {
    "gazetteer_name": "a name resolved against the gazetteer by document country, hints and neighbours",
    "gazetteer_addition": "a camp, neighbourhood or settlement from places.yaml",
    "admin_hint": "the district or region named in a hint after a place: 'X (District, Region)'",
    "direction_of_place": "'northern X', 'south of X': the part of a place or region",
    "unlisted_place_in_admin": "a village the gazetteer lacks, placed at the admin unit its hint names",
    "town_spelled_alike_in_admin": "'Xvile village (District, Region)': the region's town spelled alike",
    "nationwide": "'across the country': the document's country",
    "target_country_demonym": "'strikes on Ukrainian cities': the country of the demonym",
}

_FUZZY_MEMO = 4096             # spelling matches remembered per gazetteer (a name, its countries, cutoff)
_SEQ = re.compile(
    r"(?:\b(?:al|el|an|as|ad|ash|ar|az|at)[-‐’'])?[A-ZÀ-ÖØ-Þ][\w'’.-]*"
    r"(?:(?:[ \t]+|[-‐])(?:(?:al|el|an|as|ad|ash|ar|az|at|de|of|la|le|du|bin|ibn)(?:[ \t]+|[-‐]))?"
    r"(?:(?:al|el|an|as|ad|ash|ar|az|at)[-‐’'])?[A-ZÀ-ÖØ-Þ0-9][\w'’.-]*)*")
_ADMIN_WORDS = r"regional\s+state|district|governorate|region|oblast|province|state|county|zone|woreda|division|prefecture|municipality"
_SUFFIX = re.compile(r"(?i)\s+(refugee\s+camp|camp|neighbou?rhood|city|settlement|village|" + _ADMIN_WORDS + r")\b")
_ADMIN_TAIL = re.compile(r"(?i)\s+(?:" + _ADMIN_WORDS + r")$")
_ADMIN_AFTER = re.compile(r"(?i)^\s+(?:" + _ADMIN_WORDS + r")\b")
# admin units below the district ("X township", "X commune") are named after their main town; the
# gazetteer holds no such units, so their word cues the town
_LOCAL_UNITS = r"township|commune|department|sub-?district|upazila|upazilla|tehsil|sector|ward|union|kebele"
_DISTRICT_AFTER = re.compile(r"(?i)\s+(?:district|woreda|county|municipality)\b")
_PEOPLE_AFTER = re.compile(r"(?i)\s+(?:tribes?|tribal|tribesmen|clans?|sub-?clans?|sub-?tribes?)\b")
_UNIT_WORD_TAIL = re.compile(r"(?i)\s+(?:" + _ADMIN_WORDS + "|" + _LOCAL_UNITS + r")$")
_TOWN_AFTER = re.compile(r"(?i)^\s+(?:villages?|towns?|city|locality|hamlet|area|neighbou?rhood|camp|" + _LOCAL_UNITS + r")\b")
# a facility named after the major city it lies in ("X International Airport", "X Polytechnic University")
_FACILITY = re.compile(r"(?i)^(?:airport|university|hospital|prison|stadium|market|college|port|harbou?r|station|"
                       r"refinery|cathedral|mosque|church|bridge)$")
_FACILITY_CITY = 100_000
_TOWN_BEFORE = re.compile(r"(?i)\b(?:village|town|city|locality|hamlet|villages|towns)\s+of\s+(?:the\s+)?$")
_ADMIN_BEFORE = re.compile(r"(?i)\b(?:" + _ADMIN_WORDS + r"|districts|regions|provinces|states)\s+of\s+$")
_LOCATIVE = re.compile(r"(?i)\b(?:in|at|near|of|from|to|into|outside|around|toward|towards|across|between|and|"
                       r"entered|stormed|raided|struck|hit|shelled|attacked|vicinity\s+of)\s+(?:the\s+)?$")
# "in Xville, Ytown, Zland": the names listed after a locative word share its cue
_LISTED_AFTER_LOCATIVE = re.compile(r"\b(?i:in|at|near)\s+(?:the\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}"
                                    r"(?:,\s*[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})?,\s*$")
# a route between two places: "on the axis X-Y", "the X-Y road" (both ends are places)
_ROUTE_BEFORE = re.compile(r"\b(?i:axis|road|route|highway)\s+(?:(?i:from|between)\s+)?"
                           r"(?:[A-ZÀ-ÖØ-Þ][\w'’]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’]*)*\s*[-‐–]\s*)?$")
_ROUTE_AFTER = re.compile(r"^(?:\s*[-‐–]\s*[A-ZÀ-ÖØ-Þ][\w'’]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’]*)*)?\s+(?i:axis|road|highway|route)\b")
_DIRECTION = re.compile(r"(?i)\b(northern|southern|eastern|western|central|north|south|east|west|north-?eastern|"
                        r"north-?western|south-?eastern|south-?western)\s+$")
_FILLER = {"city", "camp", "refugee", "governorate", "region", "oblast", "province", "district", "strip", "of",
           "al", "el", "de", "the", "and", "neighbourhood", "neighborhood", "village", "town", "settlement",
           "occupied", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
           "greater", "upper", "lower", "old", "state", "zone", "county", "woreda", "division", "kebele", "area",
           "locality", "hamlet", "municipality", "prefecture", "territory", "township", "commune", "department",
           "subdistrict", "sub district", "upazila", "upazilla", "tehsil", "sector", "ward", "regional"}
# "Gulf of X", "Republic of X" name another thing than X; "Residents of X", "Governor of X" do not.
_NAMED_OF = {"gulf", "sea", "bay", "strait", "straits", "lake", "horn", "cape", "isle", "island", "islands", "mount",
             "republic", "kingdom", "emirate", "sultanate", "state", "sea", "river", "coast"}
# Capitalised function words that open a sentence ("In Rangpur, ...") are not part of a name.
_LEAD = {"in", "at", "on", "from", "near", "outside", "inside", "across", "around", "to", "into", "the", "and", "but",
         "for", "by", "as", "after", "before", "during", "when", "while", "since", "meanwhile", "throughout", "like"}
_PAREN = re.compile(r"\(([^()\n]{3,120})\)")
# small patterns of the hot paths, compiled once
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_POSSESSIVE_OR_APOSTROPHE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")
_THE = re.compile(r"(?i)the\s+")
_NOT_DASHES = re.compile(r"[^-‐–]+")
_NOT_SPACES = re.compile(r"[^\s]+")
_ARTICLE_PREFIX = re.compile(r"(?i)^(?:al|el|an|as|ad|ash|ar|az|at)[-‐’']")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_PIECES = re.compile(r"(?:[^\s]+?(?:[.!?;:,](?=\s)|$)|[^\s]+\s+)+?(?=\s*$|(?<=[.!?;:,])\s)")   # a sequence split at punctuation
_NAME_PART = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[ -]+(?:(?:al|el|de|of|la|du)[ -]+)?[A-ZÀ-ÖØ-Þ0-9][\w'’.-]*){0,4}$")


@dataclass
class _Span:
    """A capitalised name in the text with its gazetteer candidates and cues."""
    a: int
    b: int
    key: str
    cands: list
    text: str = ""
    covered: bool = True
    in_title: bool = False
    cue: bool = False                 # a locative word before, a feature word or a hint after
    town_cue: bool = False            # "village of X", "X town"
    admin_cue: bool = False           # "X district", "province of X"
    district_cue: bool = False        # the admin word names a unit below the region ("X district")
    hint_of: "_Span | None" = None    # this span is a hint after another: "Y (X, Region)"
    hints: list = field(default_factory=list)
    fuzzy: bool = False               # found by spelling similarity inside a hint
    in_paren: bool = False            # inside parentheses: "(Some District, Some Region)"
    start_of_sentence: bool = False
    all_cands: list = field(default_factory=list)     # before the acceptance filters (for hints)
    vote: dict = field(default_factory=dict)          # this span's own votes for the document's countries
    container: "_Span | None" = None                  # "the X neighbourhood in Y": Y
    paren_ccs: set = field(default_factory=set)       # countries the other names of its parentheses can lie in


def _english_stop_words() -> set[str]:
    """spaCy's English stop words; read from their file when spaCy is not imported yet (importing it
    takes a second that a rules-only run need not pay)."""
    import sys
    if "spacy" not in sys.modules:
        from importlib.util import find_spec, module_from_spec, spec_from_file_location
        from pathlib import Path
        found = find_spec("spacy")
        if found is not None and found.submodule_search_locations:
            path = Path(list(found.submodule_search_locations)[0]) / "lang" / "en" / "stop_words.py"
            spec = spec_from_file_location("_newsledger_en_stop_words", path)
            if path.is_file() and spec is not None and spec.loader is not None:
                module = module_from_spec(spec)
                spec.loader.exec_module(module)
                return set(module.STOP_WORDS)
    from spacy.lang.en.stop_words import STOP_WORDS
    return set(STOP_WORDS)


class Gazetteer:
    """Name index over the packaged gazetteer + places.yaml. Use :meth:`load` (cached)."""

    def __init__(self, entries: list, index: dict, country_names: dict, demonyms: dict, stop: set):
        self.entries = entries
        self.index = index
        self.country_names = country_names
        self.demonyms = demonyms                      # lower-case demonym -> cc
        self.demonym_rx = re.compile(r"\b(" + "|".join(sorted(map(re.escape, (d.title() for d in demonyms)),
                                                             key=len, reverse=True)) + r")\b") if demonyms else None
        self.stop = stop
        self.by_name: dict[str, int] = {}
        self.by_country: dict[str, list[int]] = {}    # admin units and towns of 1,000+ per country (fuzzy hints)
        for i, e in enumerate(entries):
            if e[SRC] == SRC_YAML:
                self.by_name.setdefault(e[NAME].lower(), i)
            if e[SRC] in (SRC_ADMIN1, SRC_ADMIN2, SRC_YAML) or (e[SRC] == SRC_CITY and e[POP] >= 1000):
                self.by_country.setdefault(e[CC], []).append(i)
            if e[SRC] in (SRC_ADMIN1, SRC_ADMIN2):
                self.by_country.setdefault("*", []).append(i)     # every admin unit: when no country is known
        self._fuzzy_keys: dict[str, dict[int, tuple[list[str], list[int], list[int]]]] = {}
        self._fuzzy_memo: dict[tuple, list[int]] = {}   # names recur across documents ("Democratic", "AFP")
        self._parts: dict[tuple, tuple[float, float]] = {}
        self._largest: dict[str, dict[str, tuple]] = {}  # country -> region -> its largest town

    @classmethod
    def load(cls, ctx=None) -> "Gazetteer":
        return lexicon.derived("places.yaml", cls._from, ctx.lexicon_dirs if ctx is not None else None)

    @classmethod
    def _from(cls, data) -> "Gazetteer":
        g_entries, g_index, cnames = G.load()
        data = data or {}
        entries = list(g_entries)
        index = dict(g_index)
        cnames = dict(cnames)
        cnames.update(data.get("country_names") or {})
        for i, e in enumerate(entries):                       # display names of countries
            if e[SRC] == SRC_COUNTRY and e[CC] in cnames:
                entries[i] = (cnames[e[CC]],) + e[1:]
        country_idx = {e[CC]: i for i, e in enumerate(entries) if e[SRC] == SRC_COUNTRY}
        for cc, names in (data.get("country_aliases") or {}).items():
            if cc in country_idx:
                for n in names:
                    k = norm(n)
                    index[k] = (country_idx[cc],) + tuple(x for x in index.get(k, ()) if x != country_idx[cc])
        for p in data.get("places") or []:
            feature = p.get("feature", "city")
            prec = p.get("precision") or (3 if feature in ("region", "country") else 1)
            i = len(entries)
            entries.append((p["name"], float(p["lat"]), float(p["lon"]), p.get("country"), p.get("admin1"),
                            int(p.get("population") or 0), feature, p.get("parent"), int(prec), SRC_YAML, None, None))
            for n in [p["name"], *(p.get("aliases") or [])]:
                k = norm(n)
                # an addition overrides the package's entries of the same name
                index[k] = (i,) + tuple(x for x in index.get(k, ()) if entries[x][SRC] == SRC_YAML)
        stop = {norm(w) for w in data.get("not_places") or []} | {norm(w) for w in _english_stop_words()}
        demonyms = {k.lower(): v for k, v in (data.get("demonyms") or {}).items()}
        return cls(entries, index, cnames, demonyms, stop)

    # ---------------------------------------------------------------- lookups

    def lookup(self, name: str) -> list[tuple]:
        return [self.entries[i] for i in self.index.get(norm(name), ())]

    def country_name(self, cc: str | None) -> str | None:
        return self.country_names.get(cc, cc) if cc else None

    def get(self, name: str) -> tuple | None:
        i = self.by_name.get(name.lower())
        if i is not None:
            return self.entries[i]
        c = self.lookup(name)
        return max(c, key=lambda e: (e[SRC] == SRC_YAML, e[POP])) if c else None

    def fuzzy(self, name: str, countries, cutoff: float = 88, admin_only: bool = False) -> list[int]:
        """Admin units and towns of ``countries`` spelled like ``name`` ("Shabelle" ~ "Shabeelle");
        country ``"*"``: the admin units of every country."""
        k = norm(name)
        memo = (k, tuple(countries), cutoff, admin_only)
        if memo not in self._fuzzy_memo:
            if len(self._fuzzy_memo) >= _FUZZY_MEMO:
                self._fuzzy_memo.clear()
            self._fuzzy_memo[memo] = self._fuzzy(k, countries, cutoff, admin_only)
        return list(self._fuzzy_memo[memo])

    def _fuzzy(self, k: str, countries, cutoff: float, admin_only: bool) -> list[int]:
        from rapidfuzz import fuzz, process
        # fuzz.ratio >= cutoff needs |len(a) - len(b)| <= (1 - cutoff/100) * (len(a) + len(b)): only keys of
        # such lengths are scored (the same matches as scoring all of them, in the same order)
        slack = 1 - cutoff / 100
        out = []
        for cc in countries:
            found = []
            for length, (keys, ids, pos) in self._fuzzy_buckets(cc).items():
                if abs(len(k) - length) > slack * (len(k) + length):
                    continue
                for _, score, j in process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5):
                    found.append((-score, pos[j], ids[j]))
            for _, _, i in sorted(found)[:5]:
                if not admin_only or self.entries[i][SRC] in (SRC_ADMIN1, SRC_ADMIN2):
                    out.append(i)
        return out

    def _fuzzy_buckets(self, cc: str) -> dict[int, tuple[list[str], list[int], list[int]]]:
        """The lookup keys of a country's places by length: (keys, entry ids, position in the country's list)."""
        if cc not in self._fuzzy_keys:
            buckets: dict[int, tuple[list[str], list[int], list[int]]] = {}
            for p, i in enumerate(self.by_country.get(cc, [])):
                key = G.norm_uncached(self.entries[i][NAME])   # every town once: kept out of the cache
                keys, ids, pos = buckets.setdefault(len(key), ([], [], []))
                keys.append(key)
                ids.append(i)
                pos.append(p)
            self._fuzzy_keys[cc] = buckets
        return self._fuzzy_keys[cc]

    # ---------------------------------------------------------------- mentions

    def find(self, text: str, sentences: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
        """The place mentions of ``text``, resolved (``sentences`` is accepted for compatibility)."""
        spans = self._spans(text)
        _mark_cues(text, spans)
        countries = _document_countries(self, text, spans)
        _mark_paren_countries(text, spans)
        fuzzy = self._fuzzy_hints(text, spans, countries)
        _mark_cues(text, fuzzy)
        _mark_paren_countries(text, spans + fuzzy)
        self._admin_spelled_alike(spans)
        spans = sorted(spans + fuzzy, key=lambda s: s.a)
        _link_hints(text, spans)
        for s in spans:
            s.all_cands = list(s.cands)
        for s in spans:
            s.cands = [e for e in s.all_cands if _acceptable(e, s, countries)]
        _drop_person_names(text, spans)
        kept = [s for s in spans if s.cands and (s.covered or s.in_title or s.fuzzy)]
        anchors = [e for s in kept for e in [_choose(s, countries, [])] if e is not None and _is_anchor(e)]
        chosen = [(s, _choose(s, countries, anchors)) for s in kept]
        out = [self._mention(text, s, e) for s, e in chosen if e is not None]
        out += _unlisted_places(self, text, out)
        out.sort(key=lambda p: p.start)
        return out

    def _spans(self, text: str) -> list[_Span]:
        title_lines = _title_case_lines(text)
        out = []
        for covered, found in self._candidates(text):
            for a, b, k, ids in found:
                in_title = any(x <= a < y for x, y in title_lines)
                dm = _DIRECTION.search(text, max(0, a - 16), a)
                if dm:
                    k2 = norm(dm.group(1) + " " + text[a:b])
                    if k2 in self.index:
                        ids, a = self.index[k2], dm.start()
                if re.match(r"\s+(?:local\s+)?time\b", text[b:b + 16]):
                    continue                                  # "5 pm Kyiv time": a clock, not a place
                if _PEOPLE_AFTER.match(text, b):
                    continue                                  # "the Xville tribe": a people named after a place
                cands = [self.entries[i] for i in ids]
                if text[a:b].lower() in self.demonyms:       # "Malian": a people, never the town that shares it
                    cands = [e for e in cands if e[SRC] != SRC_CITY]
                out.append(_Span(a, b, k, cands, text[a:b], covered, in_title))
        return out

    def _fuzzy_hints(self, text: str, spans: list[_Span], countries: dict) -> list[_Span]:
        """Names no entry matched exactly, matched by spelling: the parts of a parenthesised hint among
        the admin units and towns of the document's countries, a cued name ("across X", "X zone")
        among their admin units (every country's when none is known)."""
        out = []
        for a, b, admin_only in _fuzzy_places(text):
            names = [text[a:b]]
            unit = _UNIT_WORD_TAIL.search(text, a, b)
            if unit and unit.start() > a:
                b = unit.start()               # "(Xville District, ...)": the unit, or the town without its unit word
                names.append(text[a:b])
            name = text[a:b]
            if not _NAME_PART.match(name) or any(s.a < b and a < s.b for s in spans + out):
                continue
            if admin_only and (norm(name) in self.stop or len(norm(name)) < 5):
                continue
            if norm(name) in _FILLER:
                continue                       # "(Northern)": no name of its own
            # never a spelling match abroad once the document's countries are known
            siblings = set() if admin_only else _paren_countries(text, a, spans)
            ids = list(dict.fromkeys(i for n in names for i in self._spelled_like(n, countries, siblings, admin_only)))
            if ids:
                out.append(_Span(a, b, norm(name), [self.entries[i] for i in ids], name, True, fuzzy=True, cue=True))
        return out

    def _spelled_like(self, name: str, countries: dict, siblings: set, admin_only: bool) -> list[int]:
        """Entries spelled like ``name`` in the document's countries (and its hint's), else anywhere
        among admin units at a stricter similarity."""
        if countries:
            return self.fuzzy(name, sorted(set(countries) | siblings), 88, admin_only)
        return self.fuzzy(name, ["*"], 95 if admin_only else 92, True) + self.fuzzy(name, sorted(siblings), 88, admin_only)

    def _admin_spelled_alike(self, spans: list[_Span]) -> None:
        """"X Region" whose name matched only towns: the admin unit of those towns' countries spelled
        like X joins the candidates (the packages spell some units differently from their main town)."""
        for s in spans:
            if not s.admin_cue or not s.cands or any(e[SRC] != SRC_CITY for e in s.cands):
                continue
            name = _ADMIN_TAIL.sub("", s.text) or s.text
            ccs = sorted({e[CC] for e in s.cands if e[CC]})
            s.cands = s.cands + [self.entries[i] for i in self.fuzzy(name, ccs, 85, admin_only=True)]

    def _candidates(self, text: str):
        """Raw (start, end, key, entry ids) for capitalised sequences fully covered by names."""
        out = []
        for m in _SEQ.finditer(text):
            seq = m.group(0).rstrip(".'’-")
            pieces = [(m.start() + p.start(), p.group(0)) for p in _PIECES.finditer(seq)]
            for p0, piece in pieces or [(m.start(), seq)]:
                piece = piece.strip().rstrip(".'’-,;:")
                ends = [(p0, piece)] if norm(piece) in self.index else _route_ends(text, p0, piece)
                for q0, part in ends:
                    out.extend(self._cover(text, q0, part))
        return out

    def _cover(self, text: str, p0: int, seq: str):
        parts = _name_parts(text, p0, seq)
        found = []
        covered = True
        i = 0
        while i < len(parts):
            hit = self._longest_name(text, parts, i)
            if hit:
                found.append(hit[:4])
                i = hit[4]
                continue
            w = norm(_POSSESSIVE.sub("", text[parts[i][0]:parts[i][1]]))
            if i + 1 < len(parts) and text[parts[i + 1][0]:parts[i + 1][1]] == "of" and not found \
                    and w not in _NAMED_OF:
                found, covered, i = [], True, i + 2      # "Residents of X": the words before "of" are no name
                continue
            if not (i == 0 and text[parts[i][0]:parts[i][1]].lower() in _LEAD) and w not in _FILLER \
                    and not (self.demonyms and w in self.demonyms):
                covered = False
            i += 1
        if any(_SPACES.fullmatch(text[x[1]:y[0]]) for x, y in zip(found, found[1:])):
            covered = False                    # "Justin Zongo": two names side by side are a person's name
        if not covered and found and found[0][0] == parts[0][0] and re.match(r"['’]s\s", text[found[0][1]:found[0][1] + 3]):
            return [(True, found[:1])]         # "Xville's Central Prison": the place that owns the thing named
        if not covered and found and found[0][0] == parts[0][0] and found[0][1] < parts[-1][1] \
                and _FACILITY.match(text[parts[-1][0]:parts[-1][1]]) \
                and any(self.entries[x][POP] >= _FACILITY_CITY and self.entries[x][SRC] == SRC_CITY for x in found[0][3]):
            # "Xville International Airport", "Xville Ytown Airport": the major city's facility
            covered, found = True, found[:1]
        if not covered and len(found) == 1 and found[0][1] == parts[-1][1] and found[0][0] > parts[0][0] \
                and (_TOWN_AFTER.match(text[found[0][1]:found[0][1] + 30]) or _DISTRICT_AFTER.match(text, found[0][1])) \
                and not re.search(r"['’]s\b", text[parts[0][0]:found[0][0]]):
            covered = True                     # "Upper Xville town", "Qual Xville district": a qualifier before a town
        return [(covered, found)] if found else []

    def _longest_name(self, text: str, parts: list, i: int):
        """The longest name starting at part ``i``: (start, end, key, ids, next part)."""
        for j in range(min(len(parts), i + 5), i, -1):
            a, b = parts[i][0], parts[j - 1][1]
            s = _POSSESSIVE_OR_APOSTROPHE.sub("", text[a:b])
            k = norm(s)
            if len(k) < 3 or k in self.stop or k in _FILLER:
                continue
            ids = self.index.get(k)
            if not ids and k.endswith("s") and len(k) > 5:
                alt = tuple(x for x in self.index.get(k[:-1], ()) if self.entries[x][SRC] == SRC_COUNTRY)
                if alt:
                    ids, s, k = alt, s[:-1], k[:-1]    # "Xlands ruling party": a possessive without its apostrophe
            if not ids and " " in k and k.replace(" ", "") in self.index:
                k = k.replace(" ", "")                        # "Ceel Dheer" written for "Ceeldheer"
                ids = self.index[k]
            if not ids:
                continue
            b = a + len(s)
            lead = _THE.match(text[a:b])
            if lead:
                a += lead.end()
            sm = _SUFFIX.match(text, b)
            if sm:
                k2 = norm(text[a:sm.end()])
                if k2 in self.index:
                    b, k, ids = sm.end(), k2, self.index[k2]
            return a, b, k, ids, j
        return None

    def _mention(self, text: str, s: _Span, e: tuple) -> PlaceMention:
        name, prec, feature, parent, a = display_name(e, s.text, s.key), e[PREC], e[FEATURE], e[PARENT], s.a
        rule = "gazetteer_addition" if e[SRC] == SRC_YAML else "gazetteer_name"
        lat, lon = self.region_point(e)
        dm = _DIRECTION.search(text, max(0, a - 16), a)
        if dm and (feature in ("country", "city") or (feature in ("region", "district") and prec >= 2)):
            name = f"{dm.group(1).lower()} {name}"
            if feature != "city":
                lat, lon = self.part_of(e, dm.group(1))
            prec, feature, parent, a, rule = 2, "region", e[NAME], dm.start(), "direction_of_place"
        elif s.hint_of is not None or s.in_paren:
            prec, rule = max(prec, 2), "admin_hint"
        admin1 = e[ADMIN1] if e[SRC] != SRC_COUNTRY else None
        return PlaceMention(a, s.b, text[a:s.b], name, admin1, self.country_name(e[CC]), lat, lon, prec,
                            feature, parent, rule=rule, admin2=e[ADMIN2])

    def region_point(self, e: tuple) -> tuple[float, float]:
        """Where a region named after its main (largest) town is placed: that town ("Kano" State at Kano),
        as a country is placed at its capital; other entries at their own point (a region at the mean of
        its towns)."""
        if e[SRC] != SRC_ADMIN1:
            return e[LAT], e[LON]
        key = ("seat", e[NAME], e[CC])
        if key not in self._parts:
            own = {norm(e[NAME]), norm(_own_name(e))}
            largest = self._largest_towns(e[CC]).get(e[NAME])
            # only its largest town: a smaller namesake is not the region's main town
            seat = largest if largest is not None and norm(largest[NAME]) in own else e
            self._parts[key] = (seat[LAT], seat[LON])
        return self._parts[key]

    def _largest_towns(self, cc: str) -> dict[str, tuple]:
        """The largest town of each of a country's regions (the first listed of equal size)."""
        if cc not in self._largest:
            largest: dict[str, tuple] = {}
            for t in (self.entries[i] for i in self.by_country.get(cc, ())):
                if t[SRC] == SRC_CITY and (t[ADMIN1] not in largest or t[POP] > largest[t[ADMIN1]][POP]):
                    largest[t[ADMIN1]] = t
            self._largest[cc] = largest
        return self._largest[cc]

    def part_of(self, e: tuple, direction: str) -> tuple[float, float]:
        """The mean position of the third of a country's or admin unit's towns that lies furthest in
        ``direction`` ("northern", "south-eastern", "central"): where "northern Chad" is."""
        key = (e[NAME], e[CC], e[SRC], direction.lower())
        if key in self._parts:
            return self._parts[key]
        towns = [t for t in (self.entries[i] for i in self.by_country.get(e[CC], ()))
                 if t[SRC] == SRC_CITY and (e[SRC] == SRC_COUNTRY or (e[SRC] == SRC_ADMIN1 and t[ADMIN1] == e[NAME])
                                            or (e[SRC] == SRC_ADMIN2 and t[ADMIN2] == e[NAME]))]
        point = (e[LAT], e[LON])
        if len(towns) >= 6:
            d = direction.lower().replace("-", "")
            dy = 1 if "north" in d else -1 if "south" in d else 0
            dx = 1 if "east" in d else -1 if "west" in d else 0
            if dx or dy:
                ranked = sorted(towns, key=lambda t: -(dy * t[LAT] + dx * t[LON]))
            else:                                    # central: the towns nearest the middle of the spread
                mid = (sorted(t[LAT] for t in towns)[len(towns) // 2], sorted(t[LON] for t in towns)[len(towns) // 2])
                ranked = sorted(towns, key=lambda t: km(t[LAT], t[LON], *mid))
            part = ranked[:max(2, len(ranked) // 3)]
            point = (round(sum(t[LAT] for t in part) / len(part), 4), round(sum(t[LON] for t in part) / len(part), 4))
        self._parts[key] = point
        return point

    def target_country(self, text: str) -> list[PlaceMention]:
        """Country-level mentions from demonyms after a locative word ("strikes on Ukrainian energy")."""
        out = []
        if not self.demonym_rx:
            return out
        for m in re.finditer(r"(?i:\b(?:on|in|across|throughout|inside|into|targeting)\s+)" + self.demonym_rx.pattern, text):
            cc = self.demonyms.get(m.group(1).lower())
            e = next((self.entries[i] for i in self.index.get(norm(self.country_names.get(cc, "")), ())
                      if self.entries[i][SRC] == SRC_COUNTRY), None)
            if e:
                out.append(PlaceMention(m.start(1), m.end(1), m.group(1), e[NAME], None, e[NAME], e[LAT], e[LON], 3,
                                        "country", None, rule="target_country_demonym"))
        return out


def display_name(e: tuple, written: str = "", key: str = "") -> str:
    """A town's common English name rather than GeoNames' transliteration ("An Nuşayrāt"): the
    spelling the text used when it is one of the town's ASCII alternate names, else the
    transliteration without its diacritics. Other entries keep their name."""
    name = e[NAME]
    if e[SRC] != SRC_CITY or name.isascii():
        return name
    if written and written.isascii() and key and norm(written) == key:
        return written
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = folded.translate(G._APOS)
    return folded if folded.isascii() and folded.strip() else name


_CUED_NAME = re.compile(r"(?i:\b(?:in|across|throughout|of|near|at)\s+(?:the\s+)?)"
                        r"([A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})")
_NAME_BEFORE_ADMIN = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})\s+(?i:" + _ADMIN_WORDS + r")\b")


def _fuzzy_places(text: str):
    """(start, end, admin units only) of the names worth a spelling match."""
    for m in _PAREN.finditer(text):
        off = m.start(1)
        for part in re.finditer(r"[^,;/]+", m.group(1)):
            lead = len(part.group(0)) - len(part.group(0).lstrip())
            yield off + part.start() + lead, off + part.start() + len(part.group(0).rstrip()), False
    for rx in (_CUED_NAME, _NAME_BEFORE_ADMIN):
        for m in rx.finditer(text):
            yield m.start(1), m.end(1), True


def _route_ends(text: str, p0: int, seq: str) -> list[tuple[int, str]]:
    """"the axis Xville-Ytown", "the Xville-Ytown road": the two ends of a route are two names (unless
    the hyphenated name is itself a place, which the caller checks)."""
    ends = [(p0 + m.start(), m.group(0)) for m in _NOT_DASHES.finditer(seq)]
    if len(ends) < 2 or not all(e[1][:1].isupper() for e in ends) \
            or not (_ROUTE_BEFORE.search(text, max(0, p0 - 30), p0) or _ROUTE_AFTER.match(text[p0 + len(seq):p0 + len(seq) + 20])):
        return [(p0, seq)]
    return ends


def _name_parts(text: str, p0: int, seq: str) -> list[tuple[int, int]]:
    """Word spans of a capitalised sequence; hyphenated words split except article prefixes ("al-Funduq")."""
    parts = []
    for t in _NOT_SPACES.finditer(seq):
        a, b = p0 + t.start(), p0 + t.end()
        w = text[a:b]
        if _ARTICLE_PREFIX.match(w) or "-" not in w[1:]:
            parts.append((a, b))
            continue
        off = a
        for piece in re.split(r"([-‐])", w):
            if piece and piece not in "-‐":
                parts.append((off, off + len(piece)))
            off += len(piece)
    if parts:                                  # trailing punctuation is not part of a name
        a, b = parts[-1]
        while b > a and text[b - 1] in ".,;:'’\"":
            b -= 1
        parts[-1] = (a, b)
    return parts


# -------------------------------------------------------------------- people named like towns

# "Sen. Halvorsen", "President Ada Okafor", "Mrs. Brandt": a title before a name makes its last word a person's
_PERSON_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Maj|Prof|Rev|President|Senator|Governor|"
                           r"Secretary|Minister|Premier|Chancellor|Judge|Mayor|Chairman|Chairwoman|Commissioner|"
                           r"Ambassador|Congressman|Congresswoman|Candidate|Nominee)\.?\s+(?:[A-Z][\w’'-]+\s+){0,2}"
                           r"([A-Z][\w’'-]+)(?=\s|[,.;:’'!?)]|$)")
_PLACE_PREP = re.compile(r"(?i)\b(?:in|at|near|outside|inside|around|across|throughout)\s+$")
_GIVEN_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][a-z][\w’'-]*)\s+$")


def _person_keys(text: str, spans: list[_Span]) -> set[str]:
    """Keys of the names this document gives to people: after a title, or the last word of two names side
    by side that the gazetteer does not know as one ("Maren Skaret", like "Justin Zongo" in ``_cover``)."""
    keys = {norm(m.group(1)) for m in _PERSON_TITLE.finditer(text)}
    for s in spans:
        if s.covered or s.fuzzy:
            continue
        given = _GIVEN_BEFORE.search(text, max(0, s.a - 30), s.a)
        if given and given.group(1).lower() not in _LEAD and norm(given.group(1)) not in _FILLER:
            keys.add(s.key)
    return keys


def _drop_person_names(text: str, spans: list[_Span]) -> None:
    """Rule ``person_named_like_town``: a name the document gives a person ("Senator Halvorsen", "Maren
    Halvorsen") is that person when it stands alone ("Halvorsen said"), not the town of that name, unless a
    place cue or hint comes with it ("in Halvorsen", "Halvorsen district", "Halvorsen, Nordland")."""
    people = _person_keys(text, spans)
    if not people:
        return
    for s in spans:
        if s.key in people and not (s.town_cue or s.admin_cue or s.hints or s.in_paren
                                    or _PLACE_PREP.search(text, max(0, s.a - 12), s.a)) \
                and all(e[SRC] in (SRC_CITY, SRC_ADMIN2) for e in s.cands):
            s.cands = []


# -------------------------------------------------------------------- cues and hints

def _mark_cues(text: str, spans: list[_Span]) -> None:
    for s in spans:
        before, after = text[max(0, s.a - 30):s.a], text[s.b:s.b + 24]
        s.start_of_sentence = re.search(r"(?:^|[.!?:\n\"“*]\s*)$", before) is not None
        s.town_cue = bool(_TOWN_BEFORE.search(before) or _TOWN_AFTER.match(after))
        s.admin_cue = bool(_ADMIN_BEFORE.search(before) or _ADMIN_AFTER.match(after)
                           or re.search(r"(?i)(?:" + _ADMIN_WORDS + r")\s*$", text[s.a:s.b]))
        s.district_cue = bool(re.match(r"(?i)^\s+(?:district|county|municipality)\b", after)
                              or re.search(r"(?i)\bdistrict\s+of\s+$", before))
        s.in_paren = bool(re.search(r"\([^()\n]*$", text[max(0, s.a - 120):s.a])
                          and re.match(r"[^()\n]*\)", text[s.b:s.b + 120]))
        s.cue = bool(s.town_cue or s.admin_cue or s.in_paren or _LOCATIVE.search(before) or re.match(r"\s*\(", after)
                     or _ROUTE_BEFORE.search(before) or _ROUTE_AFTER.match(text[s.b:s.b + 40])
                     or _LISTED_AFTER_LOCATIVE.search(text, max(0, s.a - 60), s.a))


_INSIDE = re.compile(r"(?i)\s+(?:neighbou?rhood|area|quarter|district|village|town|camp|suburb|locality)\s+"
                     r"(?:in|of|near|outside)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?")


def _link_hints(text: str, spans: list[_Span]) -> None:
    """Spans inside the parentheses after a place ("X (District, Region)") or joined by a comma
    ("X, Region") are its hints; a parenthesised hint also takes the place's locative cue."""
    for n, s in enumerate(spans):
        for t in spans[n + 1:n + 4]:
            gap = text[s.b:t.a]
            paren = re.fullmatch(r"(?i)(?:\s+(?:village|town|city|locality|area|hamlet|camp|district|" + _LOCAL_UNITS + r"))?"
                                 r"\s*\((?:[^()]*,\s*)?", gap)
            if paren:
                t.hint_of = s
                s.hints.append(t)
                t.cue = True
            elif re.fullmatch(r",\s*", gap) and not s.hints:
                s.hints.append(t)
                t.cue = True
            elif _INSIDE.fullmatch(gap):
                s.container = t                # "the X neighbourhood in Y", "X village near Y"
                break
            else:
                break


def _paren_bounds(text: str, a: int) -> tuple[int, int] | None:
    for m in _PAREN.finditer(text, max(0, a - 122), a + 122):
        if m.start(1) <= a < m.end(1):
            return m.start(1), m.end(1)
    return None


def _paren_countries(text: str, a: int, spans: list[_Span], own: "_Span | None" = None) -> set:
    """The countries the other names inside the same parentheses as position ``a`` can lie in."""
    pb = _paren_bounds(text, a)
    if pb is None:
        return set()
    return {e[CC] for t in spans if t is not own and pb[0] <= t.a < pb[1]
            for e in (t.all_cands or t.cands) if e[SRC] != SRC_COUNTRY and e[CC]}


def _mark_paren_countries(text: str, spans: list[_Span]) -> None:
    """"(Town, Region)": names of one parenthesised hint lie in one country, whatever the rest of the
    document is about; each notes the countries its siblings can lie in."""
    for s in spans:
        if s.in_paren:
            s.paren_ccs = _paren_countries(text, s.a, spans, s)


def _hint_agrees(e: tuple, hints: list[_Span]) -> bool:
    """The candidate lies in an admin unit or country named by one of its hints."""
    for h in hints:
        for x in h.all_cands:
            if x[CC] != e[CC]:
                continue
            if x[SRC] == SRC_COUNTRY:
                return True
            if x[SRC] == SRC_ADMIN1 and e[ADMIN1] == x[NAME]:
                return True
            if x[SRC] == SRC_ADMIN2 and e[ADMIN2] == x[NAME]:
                return True
            if x[SRC] in (SRC_CITY, SRC_YAML) and x is not e and km(e[LAT], e[LON], x[LAT], x[LON]) < 60:
                return True                # a district named after its main town
    return False


# -------------------------------------------------------------------- document countries

# "near the border with X", "withdrew towards X": a neighbour of the place, not the document's country
_NEIGHBOUR = re.compile(r"(?i)\b(?:border\s+with|borders?\s+of|towards?|fled\s+to|crossed\s+into)\s+(?:the\s+)?$")


def _document_countries(gz: Gazetteer, text: str, spans: list[_Span]) -> dict[str, float]:
    """Country votes: a country named 3, a demonym 1.5, an addition 2; a name whose candidates lie in
    one country (or whose largest candidate holds 80% of the names' people) 1.5 when a large town or
    an admin unit, 1 when cued, else 0.5; other names split 0.3. Only names fully covered by the
    gazetteer vote for towns ("Chatra Dal" is no vote for the town Chatra).
    The document's countries are those with at least half the leader's votes (and 1 vote)."""
    votes: dict[str, float] = {}

    def add(cc, w, s=None):
        if cc:
            votes[cc] = votes.get(cc, 0.0) + w
            if s is not None:
                s.vote[cc] = s.vote.get(cc, 0.0) + w
    for s in spans:
        for e in s.cands:
            if e[SRC] == SRC_COUNTRY:
                add(e[CC], 0.5 if _NEIGHBOUR.search(text, max(0, s.a - 30), s.a) else 3)
            elif e[SRC] == SRC_YAML:
                add(e[CC], 2)
        if not s.cands or not s.covered or any(e[SRC] in (SRC_COUNTRY, SRC_YAML) for e in s.cands):
            continue
        if s.text.lower() in gz.demonyms and not s.admin_cue:
            continue                           # "Somali elders": a people (its demonym votes below), not the region
        people: dict[str, int] = {}
        for e in s.cands:
            people[e[CC]] = max(people.get(e[CC], 0), e[POP] + 1000)
        top = max(people, key=people.get)
        if people[top] >= 0.8 * sum(people.values()):
            big = any(e[CC] == top and (e[POP] >= 100_000 or e[SRC] in (SRC_ADMIN1, SRC_ADMIN2)) for e in s.cands)
            add(top, 1.5 if big else 1.0 if s.cue else 0.5, s)
        else:
            for cc, n in people.items():
                add(cc, 0.3 * n / sum(people.values()), s)
    by_demonym: dict[str, float] = {}
    if gz.demonym_rx:
        for m in gz.demonym_rx.finditer(text):
            cc = gz.demonyms.get(m.group(1).lower())
            add(cc, 1.5)                                        # a party's nationality, often not the place
            if cc:
                by_demonym[cc] = by_demonym.get(cc, 0.0) + 1.5
    if not votes:
        return _Votes()
    top = max(votes.values())
    return _Votes({cc: v for cc, v in votes.items() if v >= max(1.0, top / 2)}, by_demonym)


class _Votes(dict):
    """The document's countries and their votes; ``by_demonym`` the part of each that demonyms gave."""

    def __init__(self, votes=(), by_demonym=None):
        super().__init__(votes)
        self.by_demonym = by_demonym or {}


# -------------------------------------------------------------------- acceptance and scoring

_ARTICLE = re.compile(r"(?i)^(?:al|el|an|as|ad|ash|ar|az|at|ed|es|et|en)[-‐\s’'`]")


@lru_cache(maxsize=1 << 15)
def _has_article(name: str) -> bool:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bool(_ARTICLE.match(folded))


def _acceptable(e: tuple, s: _Span, countries: dict) -> bool:
    """Acceptance filters: a candidate that fails one is dropped."""
    return all(f(e, s, countries) for f in _FILTERS)


def _supported(cc: str, s: _Span, countries: dict) -> bool:
    """The country is one of the document's by the votes of the other names, not this one's own."""
    return cc in countries and countries[cc] - s.vote.get(cc, 0.0) >= 1.0


def _elsewhere(e: tuple, s: _Span, countries: dict) -> bool:
    """Another country is named (3 votes) or two of its places are: the document is about it."""
    return any(v - s.vote.get(cc, 0.0) >= 2.0 for cc, v in countries.items() if cc != e[CC])


def _filter_alternate_spelling(e, s, countries) -> bool:
    """A town matched by an alternate name needs the document's country and a cue (or 20,000 people),
    a hint that agrees, or 20,000 people, no sentence start and no other country the document is about."""
    if e[SRC] != SRC_CITY or norm(e[NAME]) == s.key:
        return True
    return (e[POP] >= 20_000 and not s.start_of_sentence and not _elsewhere(e, s, countries)) \
        or _hint_agrees(e, s.hints) or (_supported(e[CC], s, countries) and (s.cue or e[POP] >= 20_000))


def _filter_small_town_needs_cue(e, s, countries) -> bool:
    """A small town (under 20,000; under 100,000 at a sentence start) needs a cue: "in X", "X village",
    "X (Region)"."""
    if e[SRC] != SRC_CITY:
        return True
    if s.start_of_sentence and e[POP] < 100_000 and not (s.town_cue or s.hints):
        return False
    return e[POP] >= 20_000 or s.cue


def _filter_needs_support(e, s, countries) -> bool:
    """Without the document's country, a town needs 100,000 people (a million in a headline), or a
    cue and 5,000; an admin unit needs its own cue ("X province") or to be a hint."""
    if e[SRC] in (SRC_YAML, SRC_COUNTRY) or _supported(e[CC], s, countries) or _hint_agrees(e, s.hints) \
            or e[CC] in s.paren_ccs:
        return True
    if e[SRC] in (SRC_ADMIN1, SRC_ADMIN2):
        return s.admin_cue or s.in_paren
    if s.in_title:
        return e[POP] >= 1_000_000
    unique = len({x[CC] for x in s.all_cands}) == 1
    return e[POP] >= 100_000 or (s.cue and (e[POP] >= _MIN_UNSUPPORTED or unique) and not _elsewhere(e, s, countries))


def _filter_admin_unit_cue(e, s, countries) -> bool:
    """An admin unit in running text needs a cue or the document's country."""
    if e[SRC] not in (SRC_ADMIN1, SRC_ADMIN2):
        return True
    return s.admin_cue or s.in_paren or s.cue


def _filter_acronym(e, s, countries) -> bool:
    """An all-capitals word of up to five letters is an acronym ("IMO", "SNA"), not a town or unit,
    unless the additions or country aliases list it ("UAE")."""
    if e[SRC] in (SRC_YAML, SRC_COUNTRY):
        return True
    return not _ACRONYM.fullmatch(s.text)


def _filter_contradicts_hint(e, s, countries) -> bool:
    """Names of one parenthesised hint, or a place and its hint, lie in one country: a candidate
    outside every country its hint resolves to is dropped ("(District, Region)")."""
    if not (s.in_paren or s.hint_of is not None or any(h.in_paren for h in s.hints)):
        return True
    # the broadest hint decides: the last one that names an admin unit or a country ("..., Region)")
    for h in reversed(s.hints or ([s.hint_of] if s.hint_of else [])):
        hint_ccs = {x[CC] for x in h.all_cands if x[SRC] in (SRC_ADMIN1, SRC_ADMIN2, SRC_COUNTRY)}
        if hint_ccs:
            return e[CC] in hint_ccs
    return True


def _filter_far_from_document(e, s, countries) -> bool:
    """Once the other names tell the document's countries, a town outside them needs 300,000 people
    (a capital or a major city named in passing), unless its hint agrees."""
    if e[SRC] != SRC_CITY or _supported(e[CC], s, countries) or e[CC] in s.paren_ccs:
        return True
    own = countries.get(e[CC], 0.0)
    # a country only its demonyms name ("Xlandish elders") is a party's nationality: no rival to a cued town
    demonym = getattr(countries, "by_demonym", {}) if s.cue else {}
    if not any(_supported(cc, s, countries) and countries[cc] - s.vote.get(cc, 0.0) - demonym.get(cc, 0.0) >= own
               for cc in countries):
        return True
    return e[POP] >= 300_000 or _hint_agrees(e, s.hints)


def _filter_outside_its_container(e, s, countries) -> bool:
    """"The X neighbourhood in Y", "X village near Y": X lies within 50 km of some Y, or inside the
    admin unit Y ("X town in the Y region")."""
    if s.container is None or not s.container.all_cands or e[SRC] == SRC_COUNTRY:
        return True
    return _hint_agrees(e, [s.container]) or \
        any(km(e[LAT], e[LON], y[LAT], y[LON]) <= 50 for y in s.container.all_cands if y[SRC] != SRC_COUNTRY)


def _filter_outside_its_hint(e, s, countries) -> bool:
    """"X village (District, Region)": a town X outside every admin unit its hint names in its own
    country is a namesake; the village then takes the hint's place (``unlisted_place_in_admin``).
    A town whose admin units the gazetteer does not know is kept."""
    if e[SRC] == SRC_ADMIN2 and s.hints:
        # a district of another region than the hint names: "Xdistrict (Subdistrict, Yregion)"
        regions = [x for h in s.hints for x in h.all_cands if x[CC] == e[CC] and x[SRC] == SRC_ADMIN1]
        return not regions or not e[ADMIN1] or any(x[NAME] == e[ADMIN1] for x in regions)
    if e[SRC] != SRC_CITY or not s.hints:
        return True
    hinted = [x for h in s.hints for x in h.all_cands if x[CC] == e[CC]]
    # only units at a level the town's own record knows can contradict it
    units = [x for x in hinted if (x[SRC] == SRC_ADMIN1 and e[ADMIN1]) or (x[SRC] == SRC_ADMIN2 and e[ADMIN2])]
    if not units or _hint_agrees(e, s.hints):
        return True
    return any(x[SRC] in (SRC_CITY, SRC_YAML) and km(e[LAT], e[LON], x[LAT], x[LON]) < 60 for x in hinted)


_UNIT_RX: list = []


def _own_name(e: tuple) -> str:
    """An entry's name without its admin unit words ("Muhafazat al X" -> "al X")."""
    if e[SRC] not in (SRC_ADMIN1, SRC_ADMIN2):
        return e[NAME]
    if not _UNIT_RX:
        _UNIT_RX.append(G._admin_rx(G.admin_words()))
    return G.admin_core(e[NAME], _UNIT_RX[0])


def _filter_article(e, s, countries) -> bool:
    """"(Some District, Ad Dali)": a hint written with its article, when some town or unit of that name
    has the article in its own name ("Aḑ Ḑāli‘"), drops a namesake without one that no other name of
    the document supports (the lookup key drops articles). In running text the population decides
    ("An Nasiriyah" is the large city GeoNames names without its article) unless the other names tell
    another country: then the namesake abroad without the article is dropped."""
    if e[SRC] not in (SRC_CITY, SRC_ADMIN1, SRC_ADMIN2) or not _has_article(s.text) or _has_article(_own_name(e)):
        return True
    if _supported(e[CC], s, countries):
        return True
    if not (s.in_paren or s.hint_of is not None):
        # in running text, only once the other names tell another country: "As Saleh prison in Xtown (Yland)"
        return not any(_supported(cc, s, countries) for cc in countries if cc != e[CC])
    return not any(_has_article(_own_name(x)) for x in s.all_cands if x[SRC] in (SRC_CITY, SRC_ADMIN1, SRC_ADMIN2))


_FILTERS = [_filter_article, _filter_outside_its_hint, _filter_outside_its_container, _filter_acronym, _filter_alternate_spelling, _filter_small_town_needs_cue, _filter_needs_support,
            _filter_admin_unit_cue, _filter_contradicts_hint, _filter_far_from_document]


def _score_population(e, s, countries, anchors) -> float:
    return math.log10(e[POP] + 10)


def _score_addition(e, s, countries, anchors) -> float:
    return 3.0 if e[SRC] == SRC_YAML else 0.0


def _score_document_country(e, s, countries, anchors) -> float:
    return 4.0 + min(countries[e[CC]], 10) * 0.1 if e[CC] in countries else 0.0


def _score_hint_agreement(e, s, countries, anchors) -> float:
    """"X (District, Region)": the X inside that district; the hint itself: the unit containing X."""
    if _hint_agrees(e, s.hints):
        return 5.0
    if s.hint_of is not None and s.district_cue and e[SRC] != SRC_ADMIN2:
        # "(X district, Region)" where no district X is known: the town X near the place, not the region X
        head = s.hint_of.all_cands
        if e[SRC] == SRC_CITY and any(x[SRC] == SRC_CITY and km(e[LAT], e[LON], x[LAT], x[LON]) < 60 for x in head):
            return 5.0
        return 0.0
    if s.hint_of is not None and e[SRC] in (SRC_ADMIN1, SRC_ADMIN2):
        head = s.hint_of.all_cands
        if any(x[CC] == e[CC] and (x[ADMIN1] == e[NAME] or x[ADMIN2] == e[NAME]) for x in head):
            return 5.0
    return 0.0


def _score_near_other_places(e, s, countries, anchors) -> float:
    return 2.0 if any(km(e[LAT], e[LON], x[LAT], x[LON]) < 60 for x in anchors if x is not e) else 0.0


def _score_feature_cue(e, s, countries, anchors) -> float:
    """"X district" / a hint prefers the admin unit; "X village" / "town of X" the town."""
    unit = e[SRC] in (SRC_ADMIN1, SRC_ADMIN2)
    if s.district_cue and e[SRC] != SRC_ADMIN2:
        # "X district" where the gazetteer knows no such district: a district named after its main town
        # lies around that town, not at the centre of the region of the same name
        return -1.0 if unit else 1.0
    if s.admin_cue:
        return 3.0 if unit else -2.0
    if s.town_cue:
        return -3.0 if unit else 1.0
    if s.in_paren:
        return 1.5 if unit else 0.0
    return -3.0 if unit else 0.0


# A town no other name of the document supports, after a locative cue: the smallest population accepted.
# Calibrated on the ACLED development notes (read: Burkina Faso, Somalia, Yemen); re-run after a change.
_MIN_UNSUPPORTED = 5_000

def _score_own_name(e, s, countries, anchors) -> float:
    """A place whose own name is written beats a namesake known by an alternate spelling."""
    return 0.5 if e[SRC] == SRC_CITY and norm(e[NAME]) == s.key else 0.0


def _score_not_its_own_hint(e, s, countries, anchors) -> float:
    """"(Kano, Kano)", a district named like its region: the first name lies inside the region its
    hint names, so it is not that region again (the region's town or district of that name instead)."""
    if not s.in_paren or e[SRC] != SRC_ADMIN1:
        return 0.0
    return -6.0 if any(e in h.all_cands for h in s.hints if h.in_paren) else 0.0


_SCORERS = [_score_own_name, _score_population, _score_addition, _score_document_country, _score_hint_agreement,
            _score_near_other_places, _score_feature_cue, _score_not_its_own_hint]


def _choose(s: _Span, countries: dict, anchors: list[tuple]) -> tuple | None:
    cands = s.cands
    inside = [e for e in cands if e[CC] in countries]
    if inside:                                  # never outside the document's countries when inside is possible
        cands = inside
    if s.in_title:
        cands = [e for e in cands if e[SRC] != SRC_CITY or e[POP] >= 50_000
                 or any(km(e[LAT], e[LON], x[LAT], x[LON]) < 60 for x in anchors if x is not e)]
    if not cands:
        return None
    return max(cands, key=lambda e: sum(f(e, s, countries, anchors) for f in _SCORERS))


def _is_anchor(e: tuple) -> bool:
    return e[SRC] in (SRC_YAML, SRC_CITY) and (e[SRC] == SRC_YAML or e[POP] >= 50_000)


# -------------------------------------------------------------------- villages the gazetteer lacks

_UNLISTED = [
    # "the Xville neighbourhood in Some City", "Xville village near Some Town"
    re.compile(r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})\s+"
               r"(?:neighbou?rhood|area|quarter|village|suburb|locality)\s+(?:in|of|near|outside)\s+(?:the\s+)?(?=[A-ZÀ-ÖØ-Þ])"),
    # "Xville village (Some District, Some Region)", "Xville town (...)"
    re.compile(r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})\s+"
               r"(?:village|town|locality|hamlet|kebele|area)\s*\("),
    # "the village of Xville (...)", "the village of Xville in Some District"
    re.compile(r"(?i:village|town|locality|hamlet)\s+of\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})"
               r"(?:\s*\(|\s*,?\s+(?:in|of|near)\s+(?:the\s+)?(?=[A-ZÀ-ÖØ-Þ]))"),
]


def _town_in_region(gz: Gazetteer, name: str, hint: PlaceMention) -> tuple | None:
    """A town of the hint's region spelled like ``name`` ("Ceel Gumaare" for "Ceel Gumare")."""
    from rapidfuzz import fuzz, process
    cc = next((c for c, n in gz.country_names.items() if n == hint.country), None)
    if cc is None or not hint.admin1:
        return None
    towns = [gz.entries[i] for i in gz.by_country.get(cc, ()) if gz.entries[i][SRC] == SRC_CITY
             and gz.entries[i][ADMIN1] == hint.admin1]
    best = process.extractOne(norm(name), [norm(t[NAME]) for t in towns], scorer=fuzz.ratio, score_cutoff=85)
    return towns[best[2]] if best else None


def _unlisted_places(gz: Gazetteer, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """A village named with its admin unit that no gazetteer entry resolved: a town of that unit's
    region spelled alike (rule ``town_spelled_alike_in_admin``), else placed at the first place the
    hint resolves to, at precision 2 (part of a larger area)."""
    out = []
    for rx in _UNLISTED:
        for m in rx.finditer(text):
            a, b = m.span("name")
            if any(p.start < b and a < p.end for p in found + out):
                continue
            # the hint's own places: inside the parentheses, or the name right after "in"/"of"
            after = [p for p in found if m.end() - 1 <= p.start <= m.end() + 40
                     and not re.search(r"[).;]", text[m.end():p.start])]
            if not after:
                continue
            p = min(after, key=lambda p: p.start)
            town = _town_in_region(gz, text[a:b], p)
            if town is not None:
                out.append(PlaceMention(a, b, text[a:b], display_name(town), town[ADMIN1], gz.country_name(town[CC]),
                                        town[LAT], town[LON], 1, "city", None, rule="town_spelled_alike_in_admin",
                                        admin2=town[ADMIN2]))
                continue
            out.append(PlaceMention(a, b, text[a:b], text[a:b], p.admin1, p.country, p.lat, p.lon, 2, "village",
                                    p.name, rule="unlisted_place_in_admin", admin2=p.admin2))
    return out


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of headline-like lines (most words capitalised)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group(0))
        if len(words) >= 3:
            caps = sum(w[0].isupper() for w in words if len(w) > 3)
            long_ = sum(1 for w in words if len(w) > 3)
            if long_ and caps / long_ >= 0.75:
                out.append((m.start(), m.end()))
    return out


def _nationwide_rx(ctx) -> re.Pattern:
    return lexicon.derived("places.yaml", _build_nationwide, ctx.lexicon_dirs if ctx is not None else None)


def _build_nationwide(data) -> re.Pattern:
    words = (data or {}).get("nationwide") or []
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b") \
        if words else re.compile(r"(?!x)x")


def document_country(places: list[PlaceMention], gz: "Gazetteer | None" = None) -> PlaceMention | None:
    """A country-level mention for the country most places of the document lie in."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + (2 if p.feature == "country" else 1)
    if not counts:
        return None
    cc = max(counts, key=lambda c: (counts[c], -min(p.start for p in places if p.country == c)))
    hit = next((p for p in places if p.country == cc and p.feature == "country"), None)
    if hit is None and gz is not None:
        e = next((e for e in gz.lookup(cc) if e[SRC] == SRC_COUNTRY), None)
        if e is not None:
            hit = PlaceMention(0, 0, e[NAME], e[NAME], None, e[NAME], e[LAT], e[LON], 3, "country", None)
    return hit


def component(doc: Document, ctx) -> Document:
    gz = ctx.gazetteer
    places = gz.find(doc.text)
    # "across the country", "nationwide": the document's country, at country precision
    rx = _nationwide_rx(ctx)
    hits = list(rx.finditer(doc.text))
    if hits:
        country = document_country(places, gz)
        if country is not None:
            for m in hits:
                if not any(p.start <= m.start() < p.end for p in places):
                    places.append(PlaceMention(m.start(), m.end(), m.group(0), country.name, None, country.country,
                                               country.lat, country.lon, 3, "country", None, rule="nationwide"))
            places.sort(key=lambda p: p.start)
    doc.places = places
    return doc
