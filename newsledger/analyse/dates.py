"""Temporal expressions, resolved against the publication date.

``component(doc, ctx)`` fills ``doc.dates`` with :class:`DateMention` records
(kind ``point``, ``range`` or ``since``) and, when the document has no
publication date, infers one from explicit full dates in the body
(``published_basis = "inferred"``). A header date that contradicts every full
date in the body is flagged in ``doc.warnings``.

Everything common is handled by precompiled regular expressions; ``dateparser``
is only consulted for numeric leftovers ("03/07/2023") and is imported lazily.

Rules:
* a weekday is the most recent such day on or before the anchor ("next Monday"
  is after it, "last Monday" strictly before it);
* a month-day without a year is the most recent one not after the anchor, unless it
  falls within a month after it (then it is that coming day: a deadline, or a text
  written after its header date); "this year"/"last year" pin the year;
* a duration ("48-hour onslaught", "two-day operation") is a range that ends at
  the nearest other date in the sentence, or at the anchor;
* ``since X`` is kind ``since`` (X .. anchor).

The anchor is the publication date. Without one, a *reference* date is inferred
only when the text bounds it: a well-known dated reference (``landmarks`` in
dates.yaml, e.g. "since October 7" in a text about Gaza) or an explicit year gives
a lower bound, and the latest yearless day-month on or after that bound in the
same year is taken as the reference. Otherwise expressions that need an anchor
resolve to null.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import DateMention, Document
from . import regexgate

_YEAR = r"(?:19|20)\d{2}"
_PARTS = r"morning|afternoon|evening|night|noon|midday"


@dataclass
class _Vocab:
    months: dict
    weekdays: dict
    numbers: dict
    landmarks: list
    future: tuple
    rx: dict
    gates: dict = field(default_factory=dict)      # scan pattern -> the literals its matches need (regexgate)


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def vocab(ctx) -> _Vocab:
    from .. import lexicon
    return lexicon.derived("dates.yaml", _build, ctx.lexicon_dirs if ctx is not None else None)


def _build(data) -> _Vocab:
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in data["weekdays"].items()}
    numbers = {k.lower(): int(v) for k, v in data["numbers"].items()}
    mon = "(?:" + _alt(data["months"].keys()) + r")\.?"
    wd = "(?:" + _alt(data["weekdays"].keys()) + ")"
    num = r"(?:\d+|" + _alt(numbers.keys()) + ")"
    future = tuple(w.lower() for w in data.get("future_markers", []))
    # "the 4th August stadium", "18 March Square": a date that names a place or a movement is no date
    names = data.get("name_nouns") or []
    not_name = rf"(?!\s+(?i:{_alt(names)})\b)" if names else ""
    rx = {
        # Tuesday, Feb. 3, 2026 / February 3rd, 2026
        "mdy": re.compile(rf"\b(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b"),
        # Tuesday 3 February 2026 / 3rd of February, 2026
        "dmy": re.compile(rf"\b(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon}),?\s+(?P<y>{_YEAR})\b"),
        # 27-28 July (2020) / between 27 and 28 July: one range of days
        "dd_mon": re.compile(rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–—]|to|and)\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                             rf"(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<y>{_YEAR}))?\b"),
        # July 27-28 (, 2020)
        "mon_dd": re.compile(rf"\b(?P<mon>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–—]|to|and)\s*(?P<d>\d{{1,2}})"
                             rf"(?:st|nd|rd|th)?\b(?![.,]?\d)(?:,?\s+(?P<y>{_YEAR}))?"),
        "iso": re.compile(rf"(?<![\w/-])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\w/-])"),
        "numeric": re.compile(r"(?<![\w/.-])\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}(?![\w/.-])"),
        # June 19 (this year) / Feb. 8
        "md": re.compile(rf"\b(?P<mon>{mon})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d|,?\s+{_YEAR}){not_name}(?:\s+(?P<rel>this|last|next)\s+year\b)?"),
        # 17 November (this year)
        "dm": re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})(?![\w.]*,?\s+{_YEAR})\b{not_name}(?:\s+(?P<rel>this|last|next)\s+year\b)?"),
        # (early|mid|late) March 2022
        "my": re.compile(rf"\b(?:(?P<pre>early|mid|late)[- ]?)?(?P<mon>{mon}),?\s+(?P<y>{_YEAR})\b"),
        # in June / earlier in April / by June / last March
        "mon": re.compile(rf"(?i:\b(?P<pre>in|since|by|until|till|before|after|during|from|earlier\s+in|later\s+in|early|late|mid|last|next|this|of))[- ](?:(?i:early|mid|late)[- ])?(?P<mon>{mon})(?![.\s]*\d)(?!\w)"),
        "year": re.compile(rf"(?i:\b(?P<pre>in|since|during|by|until|from|early|late|mid|throughout|of))[- ](?P<y>{_YEAR})\b(?![-/]\d)"),
        # overnight (into) Saturday / last Monday / Tuesday evening / early Wednesday / Monday's attack
        "weekday": re.compile(
            rf"\b(?:(?P<over>(?i:overnight)(?:\s+(?i:into|on|to))?)\s+|(?P<pre>(?i:last|next|this|coming))\s+|(?P<mod>(?i:early|late))\s+(?:(?i:on)\s+)?)?"
            rf"(?P<wd>{wd})(?:'s|’s)?(?:\s+(?P<part>{_PARTS}))?\b(?!\s*,?\s*(?:{mon})\s*\d)"),
        "relative": re.compile(
            r"(?i)\b(?:(?P<ybd>the\s+day\s+before\s+yesterday)|(?P<yest>yesterday)(?:\s+(?:" + _PARTS + r"))?"
            r"|(?P<today>(?:earlier\s+|later\s+)?today|tonight|this\s+(?:" + _PARTS + r")|earlier\s+this\s+(?:" + _PARTS + r"))"
            r"|(?P<lastnight>last\s+night)|(?P<overnight>overnight)"
            r"|(?P<tw>(?:earlier\s+|later\s+)?this\s+week)|(?P<lw>last\s+week(?:end)?)|(?P<nw>next\s+week)"
            r"|(?P<tm>(?:earlier\s+|later\s+)?this\s+month)|(?P<lm>last\s+month)"
            r"|(?P<ty>(?:earlier\s+|later\s+)?this\s+year)|(?P<ly>last\s+year)"
            r"|(?P<recent>in\s+recent\s+(?P<runit>days|weeks|months))"
            r"|(?P<past>(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:(?P<pn>" + num + r")\s+)?(?P<punit>hours?|days?|weeks?|months?))"
            r")\b"),
        "duration": re.compile(rf"(?i)\b(?P<n>{num})-(?P<unit>hour|day|week|month)s?(?:-long)?\b(?=\s+(?:[a-z]+\s+){{0,2}}[a-z]+)"),
        "following": re.compile(r"(?i)\b(?:the\s+)?(?P<which>following|next|previous|preceding)\s+day\b|\bthe\s+day\s+(?P<before>before|after)\b"),
        # "vowed to march again on Thursday", "talks will resume on Monday": a weekday ahead of the anchor
        "future_cue": re.compile(r"(?i)\b(?:" + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in data.get("future_cues", [])) + r")\b[^.;!?]{0,60}$")
        if data.get("future_cues") else None,
        "landmarks": [(re.compile(r"\b(?:" + lm["pattern"] + r")\b"), date.fromisoformat(str(lm["date"])),
                       tuple(c.lower() for c in lm.get("context", []))) for lm in data.get("landmarks", [])],
    }
    return _Vocab(months, weekdays, numbers, data.get("landmarks", []), future, rx,
                  {name: regexgate.gate(rx[name]) for name in _ORDER})


# ---------------------------------------------------------------- helpers

def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _md_before(anchor: date, m: int, d: int) -> date | None:
    """The most recent month-day not after ``anchor``."""
    for y in (anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3, anchor.year - 4):
        x = _safe(y, m, d)
        if x and x <= anchor:
            return x
    return None


# A yearless month-day at most this many days after the anchor is that coming day, not the same
# day almost a year before ("until 20 November" in a text dated 9 November).
NEAR_FUTURE_DAYS = 31


def _md_near(anchor: date, m: int, d: int) -> date | None:
    """The most recent month-day not after ``anchor``, unless it falls within NEAR_FUTURE_DAYS after it."""
    after = _md_after(anchor, m, d)
    if after is not None and (after - anchor).days <= NEAR_FUTURE_DAYS:
        return after
    return _md_before(anchor, m, d)


def _md_after(anchor: date, m: int, d: int) -> date | None:
    for y in (anchor.year, anchor.year + 1):
        x = _safe(y, m, d)
        if x and x >= anchor:
            return x
    return None


def _month_range(y: int, m: int) -> tuple[date, date]:
    start = date(y, m, 1)
    end = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return start, end


def _weekday_on_or_before(anchor: date, wd: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def _num(v: _Vocab, s: str | None) -> int:
    if not s:
        return 1
    s = s.lower()
    return int(s) if s.isdigit() else v.numbers.get(s, 1)


@dataclass
class _M:
    start: int
    end: int
    kind: str
    g: dict
    prio: int = 0


def _preceded_by(text: str, start: int, words: tuple, span: int = 14) -> str | None:
    before = text[max(0, start - span):start].lower()
    for w in words:
        if re.search(r"\b" + re.escape(w) + r"\s+$", before):
            return w
    return None


def _is_since(text: str, start: int) -> bool:
    return re.search(r"(?i)\b(?:since|ever\s+since)\s+(?:the\s+(?:events?|attacks?|start|beginning)\s+of\s+)?$",
                     text[max(0, start - 40):start]) is not None


# ---------------------------------------------------------------- scanning

_ORDER = ("dd_mon", "mon_dd", "mdy", "dmy", "iso", "my", "md", "dm", "weekday", "relative", "mon", "year", "duration", "following", "numeric")


def scan(text: str, v: _Vocab) -> list[_M]:
    """Non-overlapping raw matches, longest first."""
    found: list[_M] = []
    low = regexgate.lowered(text)
    for prio, name in enumerate(_ORDER):
        if not regexgate.may_match(v.gates.get(name), low):
            continue                   # none of the words its matches need: nothing to find
        for m in v.rx[name].finditer(text):
            found.append(_M(m.start(), m.end(), name, {k: x for k, x in m.groupdict().items() if x is not None}, prio))
    found.sort(key=lambda m: (-(m.end - m.start), m.prio, m.start))
    taken: list[_M] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


def _landmark_for(v: _Vocab, text_l: str, s: str) -> date | None:
    for rx, d, ctx in v.rx["landmarks"]:
        if rx.fullmatch(s.strip()) and (not ctx or any(c in text_l for c in ctx)):
            return d
    return None


def _full_dates(ms: list[_M], v: _Vocab) -> list[tuple[_M, date]]:
    out = []
    for m in ms:
        if m.kind in ("mdy", "dmy"):
            d = _safe(int(m.g["y"]), v.months[m.g["mon"].rstrip(".").lower()], int(m.g["d"]))
        elif m.kind == "iso":
            d = _safe(int(m.g["y"]), int(m.g["m"]), int(m.g["d"]))
        else:
            continue
        if d:
            out.append((m, d))
    return out


def infer_reference(text: str, ms: list[_M], v: _Vocab) -> tuple[date | None, str]:
    """(date, basis) for a document without a publication date.

    basis ``"full"``: the latest explicit full date in the text (becomes the inferred
    publication date); ``"bound"``: a reference from a lower bound plus yearless
    day-months (used to resolve, not published); ``""``: none."""
    full = [(m, d) for m, d in _full_dates(ms, v)
            if not _preceded_by(text, m.start, v.future)]
    if full:
        return max(d for _, d in full), "full"
    text_l = text.lower()
    bounds: list[date] = []
    yearless: list[tuple[int, int]] = []
    for m in ms:
        s = text[m.start:m.end]
        lm = _landmark_for(v, text_l, s)
        if lm:
            bounds.append(lm)
            continue
        if m.kind == "my":
            bounds.append(date(int(m.g["y"]), v.months[m.g["mon"].rstrip(".").lower()], 1))
        elif m.kind in ("md", "dm") and not m.g.get("rel"):
            yearless.append((v.months[m.g["mon"].rstrip(".").lower()], int(m.g["d"])))
    if not bounds or not yearless:
        return None, ""
    lb = max(bounds)
    cands = [d for d in (_safe(lb.year, mm, dd) for mm, dd in yearless) if d and d >= lb]
    if not cands:
        return None, ""
    return max(cands), "bound"


# ---------------------------------------------------------------- resolving

def _resolve(m: _M, text: str, v: _Vocab, anchor: date | None, text_l: str):
    """(date_start, date_end, precision, kind) or None: the resolver of the match's kind (``_RESOLVERS``)."""
    fn = _RESOLVERS.get(m.kind)
    return fn(m, text, v, anchor, text_l) if fn else None


def _month(v: _Vocab, g: dict) -> int:
    return v.months[g["mon"].rstrip(".").lower()]


def _resolve_full(m: _M, text, v, anchor, text_l):
    """"14 March 2019", "March 14, 2019", "2019-03-14": the day itself."""
    g = m.g
    if m.kind == "iso":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
    else:
        d = _safe(int(g["y"]), _month(v, g), int(g["d"]))
    return (d, d, "day", "point") if d else None


def _resolve_numeric(m: _M, text, v, anchor, text_l):
    return _dateparser_leftover(text[m.start:m.end], anchor)


def _resolve_day_range(m: _M, text, v, anchor, text_l):
    return _day_range(m.g, v, anchor)


def _resolve_month_day(m: _M, text, v, anchor, text_l):
    """"March 14", "14 March": a landmark ("26 March Square" is no date), else the day nearest the anchor
    ("this/last/next March 14"; after it when the sentence looks ahead)."""
    lm = _landmark_for(v, text_l, text[m.start:m.end])
    if lm:
        return lm, lm, "day", "point"
    g = m.g
    mo, dd = _month(v, g), int(g["d"])
    if anchor is None:
        return None
    rel = g.get("rel")
    if rel == "this":
        d = _safe(anchor.year, mo, dd)
    elif rel == "last":
        d = _safe(anchor.year - 1, mo, dd)
    elif rel == "next":
        d = _safe(anchor.year + 1, mo, dd)
    elif _preceded_by(text, m.start, v.future):
        d = _md_after(anchor, mo, dd)
    else:
        d = _md_near(anchor, mo, dd)
    return (d, d, "day", "point") if d else None


def _resolve_month_year(m: _M, text, v, anchor, text_l):
    a, b = _month_range(int(m.g["y"]), _month(v, m.g))
    return a, b, "month", "point"


def _resolve_month(m: _M, text, v, anchor, text_l):
    """"in March", "by March", "last March": the month of the anchor's year, or of the year before/after."""
    if anchor is None:
        return None
    g = m.g
    mo = _month(v, g)
    pre = re.sub(r"\s+", " ", g.get("pre", "").lower())
    if pre in ("by", "until", "till", "before", "next"):
        y = anchor.year if mo >= anchor.month else anchor.year + 1
        if pre == "next" and mo <= anchor.month:
            y = anchor.year + 1
    elif pre == "last":
        y = anchor.year if mo < anchor.month else anchor.year - 1
    else:
        y = anchor.year if mo <= anchor.month else anchor.year - 1
    a, b = _month_range(y, mo)
    return a, b, "month", "point"


def _resolve_year(m: _M, text, v, anchor, text_l):
    y = int(m.g["y"])
    return date(y, 1, 1), date(y, 12, 31), "year", "point"


def _resolve_weekday(m: _M, text, v, anchor, text_l):
    """"on Tuesday": the last such day on or before the anchor; "next Tuesday" or a sentence that looks
    ahead: the next one; "over the weekend"-style "over Tuesday": the night before too."""
    if anchor is None:
        return None
    g = m.g
    wd = v.weekdays[g["wd"].lower()]
    pre = (g.get("pre") or "").lower()
    if pre in ("next", "coming"):
        d = anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
    elif pre == "last":
        d = anchor - timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
    elif v.rx.get("future_cue") is not None and v.rx["future_cue"].search(text, max(0, m.start - 80), m.start):
        d = anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
    else:
        d = _weekday_on_or_before(anchor, wd)
    if g.get("over"):
        return d - timedelta(days=1), d, "day", "range"
    return d, d, "day", "point"


def _resolve_relative(m: _M, text, v, anchor, text_l):
    """"yesterday", "last night", "this week", "in recent days", "the past 48 hours": relative to the anchor."""
    if anchor is None:
        return None
    g, a = m.g, anchor
    if "ybd" in g:
        return a - timedelta(2), a - timedelta(2), "day", "point"
    if "yest" in g:
        return a - timedelta(1), a - timedelta(1), "day", "point"
    if "today" in g:
        return a, a, "day", "point"
    if "lastnight" in g or "overnight" in g:
        return a - timedelta(1), a, "day", "range"
    monday = a - timedelta(days=a.weekday())
    if "tw" in g:
        return monday, a, "week", "range"
    if "lw" in g:
        if g["lw"].lower().endswith("weekend"):
            sat = monday - timedelta(days=2)
            return sat, sat + timedelta(1), "day", "range"
        return monday - timedelta(7), monday - timedelta(1), "week", "range"
    if "nw" in g:
        return monday + timedelta(7), monday + timedelta(13), "week", "range"
    if "tm" in g:
        return a.replace(day=1), a, "month", "range"
    if "lm" in g:
        prev = a.replace(day=1) - timedelta(1)
        return prev.replace(day=1), prev, "month", "range"
    if "ty" in g:
        return date(a.year, 1, 1), a, "year", "range"
    if "ly" in g:
        return date(a.year - 1, 1, 1), date(a.year - 1, 12, 31), "year", "point"
    if "recent" in g:
        days = {"days": 7, "weeks": 28, "months": 120}[g["runit"].lower()]
        return a - timedelta(days), a, ("week" if days <= 7 else "month"), "range"
    if "past" in g:
        n = _num(v, g.get("pn"))
        unit = g["punit"].lower().rstrip("s")
        days = {"hour": math.ceil(n / 24), "day": n, "week": 7 * n, "month": 30 * n}[unit]
        prec = "day" if days <= 2 else "week" if days <= 14 else "month"
        return a - timedelta(max(days, 1)), a, prec, "range"
    return None


# one resolver per kind of match (scan's ``_ORDER``); "duration" and "following" resolve to no date
_RESOLVERS = {"mdy": _resolve_full, "dmy": _resolve_full, "iso": _resolve_full, "numeric": _resolve_numeric,
              "dd_mon": _resolve_day_range, "mon_dd": _resolve_day_range, "md": _resolve_month_day,
              "dm": _resolve_month_day, "my": _resolve_month_year, "mon": _resolve_month, "year": _resolve_year,
              "weekday": _resolve_weekday, "relative": _resolve_relative}


def _day_range(g: dict, v: _Vocab, anchor: date | None):
    """"27-28 July (2020)": the first to the last day; without a year, the days nearest the anchor."""
    mo, d0, d1 = v.months[g["mon"].rstrip(".").lower()], int(g["d1"]), int(g["d"])
    if d0 >= d1:
        return None
    if g.get("y"):
        b = _safe(int(g["y"]), mo, d1)
    else:
        b = _md_near(anchor, mo, d1) if anchor else None
    a = b.replace(day=d0) if b else None
    return (a, b, "day", "range") if a else None


def _dateparser_leftover(s: str, anchor: date | None):
    """Numeric dates ("03/07/2023"): the only place dateparser is used."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
    if anchor:
        from datetime import datetime
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        dt = dateparser.parse(s, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds
        return None
    if dt is None:
        return None
    d = dt.date()
    return d, d, "day", "point"


def _duration_days(m: _M, v: _Vocab) -> int:
    n = _num(v, m.g.get("n"))
    unit = m.g["unit"].lower()
    return {"hour": max(1, math.ceil(n / 24)), "day": n, "week": 7 * n, "month": 30 * n}[unit]


def resolve_text(text: str, published: str | None, ctx=None, *, offset: int = 0,
                 sentences: list[tuple[int, int]] | None = None):
    """Resolve every date expression in ``text``.

    Returns ``(mentions, anchor, basis)`` where basis is ``"published"``, ``"full"``
    (inferred from a full date in the body), ``"bound"`` or ``""``."""
    return _resolve_text(text, published, ctx, offset=offset, sentences=sentences)[:3]


def _resolve_text(text: str, published: str | None, ctx=None, *, offset: int = 0,
                  sentences: list[tuple[int, int]] | None = None, ms: list | None = None):
    v = vocab(ctx)
    ms = scan(text, v) if ms is None else ms
    anchor = date.fromisoformat(published[:10]) if published else None
    basis = "published" if anchor else ""
    if anchor is None:
        anchor, basis = infer_reference(text, ms, v)
    text_l = text.lower()
    sents = sentences or [(0, len(text))]

    def sent_of(pos: int) -> tuple[int, int]:
        for a, b in sents:
            if a <= pos < b:
                return a, b
        return 0, len(text)

    out: list[DateMention] = []
    durations: list[_M] = []
    following: list[_M] = []
    for m in ms:
        if m.kind == "duration":
            durations.append(m)
            continue
        if m.kind == "following":
            following.append(m)
            continue
        r = _resolve(m, text, v, anchor, text_l)
        if m.kind == "weekday" and not r and anchor is None:
            r = None
        if r is None:
            # keep unresolved mentions: events learn the date is unknown
            out.append(DateMention(m.start + offset, m.end + offset, text[m.start:m.end], None, None,
                                   "unknown", "point"))
            continue
        a, b, prec, kind = r
        if _is_since(text, m.start):
            kind = "since"
            b = max(b, anchor) if anchor else None
        out.append(DateMention(m.start + offset, m.end + offset, text[m.start:m.end], a.isoformat(),
                               b.isoformat() if b else None, prec, kind))
    # "X into Y" / "from X to Y" -> one range
    out = _join_ranges(text, out, offset)
    for m in durations:
        s0, s1 = sent_of(m.start)
        near = [d for d in out if s0 + offset <= d.start < s1 + offset and d.date_end and d.kind != "since"]
        near.sort(key=lambda d: abs(d.start - offset - m.start))
        end = date.fromisoformat(near[0].date_end) if near else anchor
        if end is None:
            out.append(DateMention(m.start + offset, m.end + offset, text[m.start:m.end], None, None, "unknown", "range"))
            continue
        days = _duration_days(m, v)
        start = end - timedelta(days=max(days - 1, 0))
        out.append(DateMention(m.start + offset, m.end + offset, text[m.start:m.end], start.isoformat(),
                               end.isoformat(), "day" if days <= 3 else "week", "range"))
    for m in following:
        prev = [d for d in out if d.start < m.start + offset and d.date_start and d.kind != "since"]
        if not prev:
            continue
        p = max(prev, key=lambda d: d.start)
        which = (m.g.get("which") or m.g.get("before") or "").lower()
        delta = -1 if which in ("previous", "preceding", "before") else 1
        base = date.fromisoformat(p.date_end if delta > 0 and p.date_end else p.date_start)
        d = base + timedelta(days=delta)
        out.append(DateMention(m.start + offset, m.end + offset, text[m.start:m.end], d.isoformat(), d.isoformat(),
                               "day", "point"))
    out.sort(key=lambda d: d.start)
    return out, anchor, basis, ms


def _join_ranges(text: str, ms: list[DateMention], offset: int) -> list[DateMention]:
    out: list[DateMention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        if i + 1 < len(ms):
            b = ms[i + 1]
            gap = text[a.end - offset:b.start - offset]
            if (a.date_start and b.date_end and re.fullmatch(r"\s*(?:into|to|through|until|till|and|[-–—])\s*(?:early|late)?\s*(?:on\s+)?", gap)
                    and a.date_start <= b.date_end and a.kind != "since"
                    and (gap.strip() != "and" or re.search(r"(?i)between\s+$", text[max(0, a.start - offset - 9):a.start - offset]))):
                out.append(DateMention(a.start, b.end, text[a.start - offset:b.end - offset], a.date_start, b.date_end,
                                       a.precision if a.precision == b.precision else "week", "range"))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# the reference date found while resolving a document, for later components (small, per process)
_REF: "dict[int, tuple]" = {}


def component(doc: Document, ctx) -> Document:
    if len(_REF) > 64:
        _REF.clear()
    sents = [(s.start, s.end) for s in doc.sentences] or None
    mentions, anchor, basis, ms = _resolve_text(doc.text, doc.published, ctx, sentences=sents)
    doc.dates = mentions
    _REF[id(doc)] = (doc.text, doc.published, anchor if basis in ("full", "bound", "published") else None)
    if not doc.published and basis == "full" and anchor:
        doc.published = anchor.isoformat()
        doc.published_basis = "inferred"
    elif doc.published and anchor:
        v = vocab(ctx)
        full = [d for _, d in _full_dates(ms, v)]
        far = [d for d in full if abs((d - anchor).days) > 366]
        if full and len(far) == len(full):
            doc.warnings.append(
                f"header date {anchor.isoformat()} contradicts the dates in the body "
                f"({', '.join(sorted({d.isoformat() for d in far}))})")
    return doc


def reference_date(doc: Document, ctx=None) -> date | None:
    """The anchor relative expressions were resolved against (published or inferred)."""
    if doc.published:
        return date.fromisoformat(doc.published[:10])
    hit = _REF.get(id(doc))
    if hit is not None and hit[0] is doc.text and hit[1] is None:
        return hit[2]
    v = vocab(ctx)
    d, _ = infer_reference(doc.text, scan(doc.text, v), v)
    return d
