"""Events: incidents and operations, typed in ACLED's taxonomy, with date, place and actors.

Per sentence, triggers from ``data/events.yaml`` make *mentions*; a mention takes the
dates, places and actors of its sentence. Mentions of one incident inside a document
become one :class:`Event`:

1. *anchored* mentions (their own place or an absolute/resolvable date) merge when
   their type families agree, their places are the same or near (same name, parent,
   or within 20 km) and their dates overlap (1 day tolerance); otherwise they found a
   new event — a listing page with raids on three dates gives three events;
2. *referring* mentions ("the raid", "the operation", "its withdrawal", or no place
   and no date of their own) join the nearest compatible event, preferring the same
   segment and an earlier one; only when none exists do they found an event at the
   document's main place.

Then figures (not cumulative tallies) and claims are linked to the event whose
evidence shares their sentence, or else their paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .. import ids
from ..records import Document, Event, Location, PlaceMention
from .places import km

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_DET = re.compile(r"(?i)(?:^|[\s“\"(])(?:the|this|that|these|those|its|their|his|her|our|[A-Z][\w-]*['’]s)\s+(?:[\w'’-]+\s+){0,3}$")
_ABS = re.compile(r"\d{4}|January|February|March|April|May|June|July|August|September|October|November|December|"
                  r"Jan\b|Feb\b|Mar\b|Apr\b|Jun\b|Jul\b|Aug\b|Sept?\b|Oct\b|Nov\b|Dec\b")


@dataclass
class _Trig:
    rx: re.Pattern
    type: str
    sub: str
    priority: int
    role: str
    refine: list


@dataclass
class _Lex:
    triggers: list
    rx: re.Pattern
    skip_before: re.Pattern
    skip_sentence: re.Pattern
    skip_phrases: re.Pattern


_LEX: dict[int, _Lex] = {}


def lex(ctx) -> _Lex:
    data = ctx.lexicon("events.yaml")
    v = _LEX.get(id(data))
    if v is None:
        trigs = []
        for t in data["triggers"]:
            refine = [(re.compile(r"(?i)\b(?:" + r["if"] + r")"), r["type"], r["sub"]) for r in t.get("refine") or []]
            trigs.append(_Trig(re.compile(r"(?i)\b(?:" + t["pattern"] + r")\b"), t["type"], t["sub"],
                               int(t.get("priority", 1)), t.get("role", "event"), refine))
        union = re.compile(r"(?i)\b(?:" + "|".join(f"(?:{t['pattern']})" for t in data["triggers"]) + r")\b")
        words = lambda xs: "|".join(re.escape(str(x)).replace(r"\ ", r"\s+") for x in xs)  # noqa: E731
        v = _Lex(trigs, union,
                 re.compile(r"(?i)\b(?:" + words(data.get("skip_before") or ["\x00"]) + r")\s+(?:[\w'’-]+\s+){0,2}$"),
                 re.compile(r"(?i)\b(?:" + words(data.get("skip_sentence") or ["\x00"]) + r")\b"),
                 re.compile(r"(?i)\b(?:" + "|".join(data.get("skip_phrases") or ["\x00"]) + r")"))
        _LEX[id(data)] = v
    return v


@dataclass
class _Mention:
    start: int
    end: int
    sent: tuple[int, int]
    para: tuple[int, int]
    segment: int
    type: str
    sub: str
    priority: int
    role: str
    trigger: str
    place: PlaceMention | None
    d0: date | None
    d1: date | None
    precision: str
    own_date: bool
    referring: bool
    actor1: str | None = None
    actor2: str | None = None


@dataclass
class _Ev:
    mentions: list = field(default_factory=list)
    place: PlaceMention | None = None
    d0: date | None = None
    d1: date | None = None
    precision: str = "unknown"

    @property
    def head(self) -> _Mention:
        weight: dict[str, int] = {}
        for m in self.mentions:
            if m.role == "event":
                weight[m.type] = weight.get(m.type, 0) + m.priority * (1 if m.referring else 2)
        best = max(weight, key=lambda t: (weight[t], -min(m.start for m in self.mentions if m.type == t)), default=None)
        pool = [m for m in self.mentions if m.type == best] or self.mentions
        return max(pool, key=lambda m: (m.role == "event", m.priority, -m.start))

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)


def _family(t: str) -> str:
    return "violent" if t in VIOLENT else t


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _within(spans, pos):
    for a, b in spans:
        if a <= pos < b:
            return (a, b)
    return (pos, pos + 1)


def _place_ok(a: PlaceMention | None, b: PlaceMention | None, loose: bool = False) -> bool:
    if a is None or b is None:
        return True
    if a.name == b.name or a.parent == b.name or b.parent == a.name or (a.parent and a.parent == b.parent):
        return True
    d = km(a.lat, a.lon, b.lat, b.lon)
    if d <= 20:
        return True
    if loose and (a.precision == 3 or b.precision == 3) and a.country == b.country:
        return True
    return False


def _dates_ok(m: _Mention, e: _Ev, tol: int = 1) -> bool:
    if m.d0 is None or e.d0 is None:
        return True
    t = timedelta(days=tol)
    return m.d0 <= (e.d1 or e.d0) + t and (m.d1 or m.d0) >= e.d0 - t


def _specific(a: PlaceMention | None, b: PlaceMention | None) -> PlaceMention | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if b.precision < a.precision else a


def _add(e: _Ev, m: _Mention, take_date: bool = True) -> None:
    e.mentions.append(m)
    e.place = _specific(e.place, m.place)
    if take_date and m.own_date and m.d0:
        if e.d0 is None:
            e.d0, e.d1, e.precision = m.d0, m.d1 or m.d0, m.precision
        else:
            e.d0, e.d1 = min(e.d0, m.d0), max(e.d1 or e.d0, m.d1 or m.d0)
            if m.precision == "day" or e.precision != "day":
                e.precision = min(e.precision, m.precision, key=["day", "week", "month", "year", "unknown"].index)


def _mentions(doc: Document, ctx) -> list[_Mention]:
    L = lex(ctx)
    text = doc.text
    sents = [(s.start, s.end) for s in doc.sentences] or [(0, len(text))]
    paras = _paragraphs(text)
    gz = ctx.gazetteer
    anchor_is_real = bool(doc.published)
    out: list[_Mention] = []
    for s0, s1 in sents:
        sent = text[s0:s1]
        if not L.rx.search(sent):
            continue
        if L.skip_sentence.search(sent):
            continue
        places = [p for p in doc.places if s0 <= p.start < s1]
        if not places:
            places = [p for p in gz.target_country(sent)]
            for p in places:
                p.start += s0
                p.end += s0
        dates = [d for d in doc.dates if s0 <= d.start < s1 and d.kind != "since"]
        actors = [a for a in doc.actors if s0 <= a.start < s1]
        taken: list[tuple[int, int]] = []
        for t in sorted(L.triggers, key=lambda t: -t.priority):
            for m in t.rx.finditer(sent):
                a, b = s0 + m.start(), s0 + m.end()
                if any(not (b <= x or a >= y) for x, y in taken):
                    continue
                ctx_before = sent[max(0, m.start() - 40):m.start()]
                if L.skip_before.search(ctx_before):
                    continue
                window = sent[max(0, m.start() - 20):m.end() + 20]
                ph = L.skip_phrases.search(window)
                if ph and not (ph.end() + max(0, m.start() - 20) <= m.start() or ph.start() + max(0, m.start() - 20) >= m.end()):
                    continue
                taken.append((a, b))
                typ, sub = t.type, t.sub
                for rx, rt, rs in t.refine:
                    if rx.search(sent):
                        typ, sub = rt, rs
                        break
                out.append(_make(doc, a, b, (s0, s1), _within(paras, a), typ, sub, t, places, dates, actors,
                                 anchor_is_real, ctx))
    out.sort(key=lambda m: m.start)
    return out


def _make(doc, a, b, sent, para, typ, sub, t, places, dates, actors, anchor_is_real, ctx) -> _Mention:
    text = doc.text
    # place: the most specific, nearest to the trigger (after it preferred)
    place = None
    # "Israel's forces", "Russia's army": a country as the agent is not the place
    places = [p for p in places if not (p.feature == "country" and re.match(r"['’]s\b", text[p.end:p.end + 2])
                                        and not re.search(r"(?i)\b(?:on|in|at|across|targeting|against|into|of)\s+$",
                                                          text[max(0, p.start - 14):p.start]))]
    if places:
        best_prec = min(p.precision for p in places)
        cands = [p for p in places if p.precision == best_prec]
        place = min(cands, key=lambda p: (abs(p.start - b) if p.start >= b else (a - p.end) * 1.5))
    # date: a duration right before the trigger, else the nearest resolved mention
    d0 = d1 = None
    precision = "unknown"
    own = False
    usable = [d for d in dates if d.date_start and (anchor_is_real or _ABS.search(d.text))]
    dur = [d for d in usable if d.kind == "range" and d.end <= a and a - d.end <= 25 and re.search(r"\d|-", d.text)
           and re.search(r"(?i)hour|day|week|month", d.text)]
    pick = dur[0] if dur else (min(usable, key=lambda d: abs(d.start - a)) if usable else None)
    if pick:
        d0, d1 = date.fromisoformat(pick.date_start), date.fromisoformat(pick.date_end or pick.date_start)
        precision, own = pick.precision, True
    before = text[max(sent[0], a - 40):a]
    absolute = bool(pick and _ABS.search(pick.text))
    indefinite = re.search(r"(?i)\b(?:a|an)\s+(?:[\w'’-]+\s+){0,2}$", before) is not None
    referring = bool(_DET.search(before)) and not absolute and not indefinite
    if referring and not absolute:
        d0 = d1 = None              # a deictic date near a back-reference dates the report, not the incident
        own = False
        precision = "unknown"
    if not own and (place is None or place.feature == "country"):
        referring = True            # a bare country ("Israel killed ...") names a party more often than a place
    if t.role == "attach":
        referring = True
    # actors: before the trigger -> actor1, after -> actor2
    act1 = act2 = None
    strong = [x for x in actors if x.type in ("military", "armed_group", "government", "police", "unknown")]
    pre = [x for x in strong if x.end <= a]
    post = [x for x in strong if x.start >= b]
    if pre:
        act1 = pre[-1].canonical
    if post:
        cand = next((x.canonical for x in post if x.canonical != act1), None)
        if act1 is None:
            act1 = cand
            cand = next((x.canonical for x in post if x.canonical not in (act1,)), None)
        act2 = cand
    if act1 is None:
        dm = re.search(r"\b([A-Z][a-z]+)\s+(?:[\w-]+\s+){0,2}$", text[max(sent[0], a - 40):a])
        if dm:
            for x in ctx.actors.find_all(f"{dm.group(1)} forces"):
                if x.canonical:
                    act1 = x.canonical
                    break
    if typ == "Protests" and act1 and any(x.canonical == act1 and x.type in ("military", "police") for x in actors):
        act1 = None
    if act1 is None and typ in ("Protests", "Riots"):
        country = place.country if place else None
        act1 = f"{'Protesters' if typ == 'Protests' else 'Rioters'} ({country})" if country else None
    return _Mention(a, b, sent, para, doc.segment_of(a), typ, sub, t.priority, t.role, text[a:b], place, d0, d1,
                    precision, own, referring, act1, act2)


def _compatible_type(m: _Mention, e: _Ev) -> bool:
    h = e.head
    if m.role == "attach":
        return _family(h.type) == "violent"
    fm, fe = _family(m.type), _family(h.type)
    if fm != fe:
        return False
    if fm == "Strategic developments":
        return m.sub == h.sub
    return True


def build(doc: Document, ctx) -> list[_Ev]:
    ms = _mentions(doc, ctx)
    events: list[_Ev] = []
    # 1. anchored mentions
    for m in ms:
        if m.referring:
            continue
        hit = None
        for e in events:
            if _compatible_type(m, e) and _place_ok(m.place, e.place) and _dates_ok(m, e):
                if m.place is None or e.place is None:
                    if not (m.own_date and e.d0):
                        continue
                hit = e
                break
        if hit:
            _add(hit, m)
        else:
            e = _Ev()
            _add(e, m)
            events.append(e)
    # 2. referring mentions join the nearest compatible event
    leftovers = []
    for m in ms:
        if not m.referring:
            continue
        mp = None if (m.place is not None and m.place.feature == "country") else m.place
        cands = [e for e in events if _compatible_type(m, e) and _place_ok(mp, e.place, loose=True)
                 and _dates_ok(m, e)]
        if not cands:
            leftovers.append(m)
            continue
        def rank(e: _Ev):
            same_seg = any(x.segment == m.segment for x in e.mentions)
            prev = [x.start for x in e.mentions if x.start <= m.start]
            dist = (m.start - max(prev)) if prev else (min(x.start for x in e.mentions) - m.start) * 3
            return (not same_seg, dist)
        _add(min(cands, key=rank), m, take_date=False)
    # 3. referring mentions with nothing to join found their own event, merged among themselves
    for m in leftovers:
        hit = next((e for e in events if e.mentions[0].referring and _compatible_type(m, e)
                    and _place_ok(m.place, e.place, loose=True) and _dates_ok(m, e)), None)
        if hit:
            _add(hit, m)
        else:
            e = _Ev()
            _add(e, m)
            events.append(e)
    events.sort(key=lambda e: e.start)
    return events


def _main_place(doc: Document) -> PlaceMention | None:
    """The place the document is mostly about: most mentioned specific place, headline first."""
    if not doc.places:
        return None
    counts: dict[str, list] = {}
    for p in doc.places:
        counts.setdefault(p.name, []).append(p)
    first = doc.places[0].start
    return max(counts.values(), key=lambda ps: (len(ps) + (ps[0].start == first) * 0.5 - (ps[0].precision - 1) * 0.7,
                                                -ps[0].start))[0]


def component(doc: Document, ctx) -> Document:
    from .dates import reference_date
    evs = build(doc, ctx)
    anchor = reference_date(doc, ctx)
    main = _main_place(doc)
    events: list[Event] = []
    for e in evs:
        h = e.head
        place = e.place or main
        d0, d1, prec = e.d0, e.d1, e.precision
        if d0 is None:
            # nearest earlier date in the paragraph, else the publication (or inferred reference) date
            para_dates = [d for d in doc.dates if h.para[0] <= d.start < h.start and d.date_start and d.kind != "since"
                          and (doc.published or _ABS.search(d.text))]
            if para_dates:
                p = para_dates[-1]
                d0, d1, prec = date.fromisoformat(p.date_start), date.fromisoformat(p.date_end or p.date_start), p.precision
            elif anchor and doc.published:
                d0 = d1 = anchor
                prec = "week"
        if d0 and anchor and doc.published and d0 > anchor + timedelta(days=1) and h.type in VIOLENT:
            continue                      # future incidents are not reports
        first = min(e.mentions, key=lambda m: m.start)
        eid = ids.span_id("e", doc.doc_id, first.start, first.end)
        sents = sorted({m.sent for m in e.mentions})
        order = sorted(e.mentions, key=lambda m: (m.type != h.type, m.referring, m.start))
        act1 = next((m.actor1 for m in order if m.actor1), None)
        act2 = next((m.actor2 for m in order if m.actor2 and m.actor2 != act1), None)
        loc = Location(place.name, place.admin1, place.country, place.lat, place.lon, place.precision) if place else Location()
        events.append(Event(
            event_id=eid, doc_ids=[doc.doc_id], event_type=h.type, sub_event_type=h.sub,
            date_start=d0.isoformat() if d0 else None, date_end=(d1 or d0).isoformat() if d0 else None,
            date_precision=prec if d0 else "unknown", location=loc, actor1=act1, actor2=act2,
            evidence=[doc.evidence(a, b) for a, b in sents], trigger=h.trigger, segment=h.segment))
    doc.events = events
    _link(doc, events)
    return doc


def _link(doc: Document, events: list[Event]) -> None:
    paras = _paragraphs(doc.text)
    spans = {e.event_id: [(x.start, x.end) for x in e.evidence] for e in events}
    by_id = {e.event_id: e for e in events}

    def find(start: int, end: int, violent_only: bool, own_dates: list) -> str | None:
        def date_ok(e: Event) -> bool:
            if not own_dates or not e.date_start:
                return True
            return any(d.date_start <= e.date_end and (d.date_end or d.date_start) >= e.date_start for d in own_dates)
        pool = [e for e in events if (not violent_only or e.event_type in VIOLENT) and date_ok(e)]
        same = [e for e in pool if any(a <= start < b or a < end <= b or (start <= a and b <= end) for a, b in spans[e.event_id])]
        if same:
            return same[0].event_id
        pa, pb = _within(paras, start)
        near = [(e, min(abs(a - start) for a, b in spans[e.event_id] if pa <= a < pb)) for e in pool
                if any(pa <= a < pb for a, b in spans[e.event_id])]
        if near:
            return min(near, key=lambda x: x[1])[0].event_id
        return None

    for f in doc.figures:
        if f.period:
            continue
        own = [d for d in doc.dates if f.evidence.start <= d.start < f.evidence.end + 60 and d.date_start
               and d.kind != "since"]
        ev = find(f.evidence.start, f.evidence.end, f.measure in ("killed", "injured", "critically_injured", "missing"), own)
        if ev:
            f.event_id = ev
            if f.figure_id not in by_id[ev].figures:
                by_id[ev].figures.append(f.figure_id)
    for c in doc.claims:
        ev = find(c.evidence.start, c.evidence.end, False, [])
        if ev:
            c.event_id = ev
