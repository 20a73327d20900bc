"""Figures: every number somebody reported (casualties, arrests, displacement, homes), with claimant.

Per sentence: numbers (numbers.py) -> measure from a trigger right before the number
("killing at least five") or after it ("eight people were martyred"), victims from the noun
after it, claimant from an "according to" in the sentence (claims.py later links figures
that fall inside a claim), period for cumulative tallies. Rules and vocabularies live in
data/numbers.yaml and data/measures.yaml.

Each figure names its measure rule (``Figure.rule``): ``trigger_before_number``,
``trigger_after_number`` (``MEASURE_RULES``, in order), ``coordinated_with_next`` ("three women and
one child were killed"), ``coordinated_with_previous`` ("killing 3 soldiers and 2 civilians") or
``subset_of_previous`` ("..., including 3 children"). One person named without a number counts 1
(``SINGULAR_RULES``: ``singular_victim_object`` "killed a farmer", ``singular_victim_subject`` "the mayor
was shot dead", ``singular_victim_clipped`` "one attacker killed", ``singular_victim_pronoun`` "killing
him"), plus coordinated companions ("a man and his two sons" = 3); a victim named twice stays one figure.
"""
from __future__ import annotations

import re

from .. import ids
from ..records import Document, Figure
from .numbers import NumberFinder, NumberSpan

_ACCORDING = re.compile(r"\baccording to\s+(?P<src>[^,.;:]+)", re.IGNORECASE)
# words that end the source noun phrase of "according to X ..." when it runs on
_SRC_STOP = re.compile(r"\s+(?:killed|said|says|were|was|is|are|have|has|had|which|who|that|in which|after|as|"
                       r"on|at|during|when|while|died|injured|wounded|\d)\b.*$", re.IGNORECASE)
_INHERIT = re.compile(r"\b(?:of whom|of them|out of them|among them|among whom|of those)\b", re.IGNORECASE)
_DEFAULT_VICTIMS = {"others", "more", "other", "individuals"}
# a sentence cut short ("... two people died and seven were injured in the attack...") is a teaser
# excerpt of another story on a web page: its numbers are not reported by this document
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
# pronoun-like counts ("one", "another") need a victim noun or a trigger right after them
_WEAK_NUMBERS = {"one", "another"}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


class FigureRules:
    """Compiled vocabularies (built once per lexicon directory set)."""

    def __init__(self, numbers: dict, measures: dict):
        self.numbers = NumberFinder(numbers)
        self.order = list((measures.get("measures") or {}).keys())
        self.after = {}
        self.before = {}
        for name, trig in (measures.get("measures") or {}).items():
            if trig.get("after"):
                self.after[name] = re.compile(rf"\b(?:{_alt(trig['after'])})\b", re.IGNORECASE)
            if trig.get("before"):
                self.before[name] = re.compile(rf"\b(?:{_alt(trig['before'])})\s+(?:the\s+|of\s+)?$", re.IGNORECASE)
        self.home_nouns = re.compile(rf"^\s*(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:{_alt(measures.get('home_nouns') or [])})\b",
                                     re.IGNORECASE)
        self.period = re.compile(rf"\b(?:{_alt(measures.get('period_cues') or [])})\b", re.IGNORECASE)
        nouns = _alt(measures.get("victim_nouns") or [])
        self.victims = re.compile(
            rf"\s*(?:of\s+)?(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
            rf"(?P<v>(?:(?!(?:were|was|are|is|have|has|had|and|in|on|at|who|which)\b)[\w’'-]+\s+){{0,3}}?"
            rf"(?:{nouns})(?:\s+and\s+(?:{nouns}))?)\b", re.IGNORECASE)
        self.any_trigger = re.compile("|".join(r.pattern for r in self.after.values()), re.IGNORECASE)
        self.any_before = re.compile("|".join(rf"\b(?:{_alt(t['before'])})\b" for t in
                                              (measures.get("measures") or {}).values() if t.get("before")), re.IGNORECASE)
        grv = measures.get("grievance_before_count") or []
        self.grievance = re.compile(rf"\b(?:{_alt(grv)})\s+(?:the\s+|a\s+)?$", re.IGNORECASE) if grv else None
        self.singular = SingularRules(measures.get("singular") or {}) if measures.get("singular") else None


# a capitalised demonym standing alone as the victim ("killed a Palestinian in ...", "an Israeli was killed")
_DEMONYM = (r"(?-i:[A-Z][a-z]+(?:an|ian|i|ese|ish))(?=\s*(?:[,.;:()\[\]]|$|\s+(?:in|at|near|on|who|as|while|"
            r"during|after|from|and|with|when|by|inside|outside|was|has|had|is|died)\b))")


class SingularRules:
    """Compiled patterns for one named victim: "killed a farmer", "the mayor was shot dead" (value 1)."""

    def __init__(self, lex: dict):
        person = _alt(lex.get("person_nouns") or [])
        self.persons = {w.lower() for w in lex.get("person_nouns") or []}
        det = r"(?P<det>an?|one|the|another)"
        np = (rf"{det}\s+(?P<v>(?:(?!(?:was|were|is|are|has|have|had|and|or|who|which|in|on|at|of|by|number|"
              rf"unknown|unspecified|unidentified\s+number)\b)[\w’'-]+\s+){{0,3}}?(?:(?-i:[a-z]*)(?:{person})(?![\w-])|{_DEMONYM}))")
        pp = r"(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+)?"
        adv = r"(?:\s+(?:\w+ly|later|also|then|subsequently))?"
        self.object = re.compile(rf"\b(?:{_alt(lex.get('before') or [])})\s+{np}", re.IGNORECASE)
        # "a woman and two children were killed": the companions are counted by _companions
        coord = (rf"(?:\s+(?:and|along\s+with|together\s+with)\s+(?:(?:his|her|their)\s+)?(?:[\w’'-]+\s+){{0,2}}?"
                 rf"(?:{_alt(lex.get('companions') or [])}|(?:{person})s?)(?![\w-]))?")
        self.subject = re.compile(
            rf"\b{np}{pp}{coord}(?:\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|got){adv}\s+"
            rf"(?:{_alt(lex.get('passive') or [])})|{adv}\s+(?:(?:has|have|had)\s+)?(?:{_alt(lex.get('intransitive') or [])}))\b",
            re.IGNORECASE)
        self.clipped = re.compile(
            rf"\b(?P<det>one)\s+(?P<v>(?:[\w’'-]+\s+){{0,2}}?(?:{person}))\s+(?:{_alt(lex.get('clipped') or [])})"
            rf"(?![\w-])(?!\s+(?:by|in|at|on|during)\b)", re.IGNORECASE)
        self.pronoun = re.compile(r"\b(?:killing|killed|shooting\s+dead|shot\s+dead)\s+(?P<det>him|her)\b",
                                  re.IGNORECASE)
        self.companion = re.compile(
            rf"(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?[\w’'-]+)?"
            rf"\s+(?:and|along\s+with|together\s+with)\s+(?:(?:his|her|their)\s+)?(?P<rest>(?:[\w’'-]+\s+){{0,2}}?)"
            rf"(?P<h>(?:{_alt(lex.get('companions') or [])}|(?:{person})s?)(?![\w-]))", re.IGNORECASE)
        words = [*(lex.get("before") or []), *(lex.get("passive") or []), *(lex.get("intransitive") or [])]
        self.any_kill = re.compile(rf"\b(?:{_alt(words)})\b", re.IGNORECASE)
        self.grievance = re.compile(rf"\b(?:{_alt(lex.get('grievance') or [])})\s+(?:in\s+|of\s+|for\s+)?"
                                    rf"(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)


def rules(ctx) -> FigureRules:
    """The Context's compiled figure rules (cached on the Context object)."""
    return ctx.cached("figures", lambda: FigureRules(ctx.lexicon("numbers.yaml"), ctx.lexicon("measures.yaml")))


def trigger_before_number(R: FigureRules, text: str, sent_start: int, num: NumberSpan, stop: int) -> str | None:
    """"killing at least five", "the arrest of 30": a verb or noun trigger right before the number."""
    left = text[max(sent_start, num.start - 40):num.start]
    for name in R.order:
        rx = R.before.get(name)
        m = rx.search(left) if rx is not None else None
        if m:
            if R.grievance is not None and R.grievance.search(left, 0, m.start()):
                return None     # "protest against the deaths of four", "accused of murdering two": not this event

            if name == "homes_destroyed" and not R.home_nouns.match(text[num.end:num.end + 40]):
                continue
            return name
    return None


def trigger_after_number(R: FigureRules, text: str, sent_start: int, num: NumberSpan, stop: int) -> str | None:
    """"eight people were killed", "2 million displaced": the nearest trigger after the number."""
    window = text[num.end:stop]
    best = None
    for name in R.order:
        rx = R.after.get(name)
        m = rx.search(window) if rx is not None else None
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


# measure rules, in order: the first that names a measure wins (the record's ``rule``)
MEASURE_RULES = [trigger_before_number, trigger_after_number]


def _measure(R: FigureRules, text: str, sent_start: int, num: NumberSpan, stop: int) -> tuple[str, str] | None:
    for rule in MEASURE_RULES:
        name = rule(R, text, sent_start, num, stop)
        if name is not None:
            return name, rule.__name__
    return None


def _companions(R: FigureRules, text: str, end: int) -> tuple[int, int]:
    """How many more victims a coordinated phrase after a singular victim names, and where it ends:
    "a farmer and his two sons" -> 2, "the mayor and his driver" -> 1, "a man and his children" -> 0."""
    S = R.singular
    m = S.companion.match(text, end)
    if not m:
        return 0, end
    rest = m.group("rest").split()
    if any(R.any_trigger.search(w) or re.search(r"(?:ed|ing)$", w, re.IGNORECASE) for w in rest):
        return 0, end          # "killed a soldier and wounded two others": another measure
    n = next((R.numbers.value(w) for w in rest if R.numbers.value(w) is not None), None)
    if n is None:
        n = 1 if re.sub(r"\s+", " ", m.group("h").lower()) in S.persons else 0
    return (n, m.end()) if n else (0, end)


def singular_victim_object(R: FigureRules, text: str, s0: int, s1: int):
    """"shot dead a farmer", "killed the village chief", "the killing of an aid worker": one person."""
    return R.singular.object.finditer(text, s0, s1)


def singular_victim_subject(R: FigureRules, text: str, s0: int, s1: int):
    """"a woman was killed", "the mayor was shot dead", "one guard died": one person."""
    return R.singular.subject.finditer(text, s0, s1)


def singular_victim_clipped(R: FigureRules, text: str, s0: int, s1: int):
    """"one assailant killed, two wounded": a clipped report of one death."""
    return R.singular.clipped.finditer(text, s0, s1)


def singular_victim_pronoun(R: FigureRules, text: str, s0: int, s1: int):
    """"opened fire on a motorist, killing him": the pronoun names one person."""
    return R.singular.pronoun.finditer(text, s0, s1)


# singular rules, in order (the record's ``rule``); a victim phrase found by an earlier rule is not counted again
SINGULAR_RULES = [singular_victim_object, singular_victim_subject, singular_victim_clipped, singular_victim_pronoun]


def _singular_figures(R: FigureRules, doc: Document, s0: int, s1: int, taken: list[tuple[int, int]],
                      claimant: str, src, killed_at: set[int] = frozenset()) -> list[Figure]:
    """Figures of value 1 (or 1 + companions) for victims named with an article, "one" or a pronoun."""
    if R.singular is None:
        return []
    text = doc.text
    out = []
    for rule in SINGULAR_RULES:
        for m in rule(R, text, s0, s1):
            a, b = m.start("det"), m.end("v") if "v" in m.groupdict() and m.group("v") else m.end("det")
            if any(x < b and a < y for x, y in taken):
                continue
            if R.singular.grievance.search(text, max(s0, m.start() - 40), m.start()):
                continue                  # "protest against the killing of a student": not this event's toll
            if rule is not singular_victim_object and re.search(r"\bof\s+$", text[max(s0, a - 6):a]):
                continue                  # "one of the brothers of the commander was killed": not the victim
            extra, end = _companions(R, text, b)
            if any(b <= x < end for x in killed_at):
                extra, end = 0, b         # "a woman and two children": the two are a figure already
            companions = (b, end) if extra else None
            victims = re.sub(r"\s+", " ", m.group("v")).strip() if m.groupdict().get("v") else "person"
            if victims.split()[-1].lower() in R.singular.persons or not victims[:1].isupper():
                victims = victims.lower()     # "Director" is a role; "Armenian" stays a demonym
            taken.append((a, end))
            fig = Figure(
                figure_id=ids.span_id("f", doc.doc_id, a, end, "killed"),
                doc_id=doc.doc_id, measure="killed", value=1 + extra, low=1 + extra, high=1 + extra,
                qualifier="exact", victims=victims, claimant=claimant, evidence=doc.evidence(s0, s1),
                period=None, number_text=text[a:end], segment=doc.segment_of(a), rule=rule.__name__)
            fig.source_explicit = bool(src)  # type: ignore[attr-defined]
            fig.companions = companions  # type: ignore[attr-defined]
            out.append(fig)
    return out


# a noun phrase of one to three words closing a list item: " herders and ", " women, "
_LIST_ITEM = re.compile(r"\s+(?!(?:were|was|are|is|have|has|had|who|which)\b)(?:[A-Za-z’'-]+\s+){0,2}[A-Za-z’'-]+"
                        r"(?:,\s*(?:and\s+)?|\s+and\s+)")


def _coordinated(R: FigureRules, text: str, s0: int, s1: int, nums: list[NumberSpan], i: int):
    """"three women and one child were killed": a count joined by "and" or a comma to the next one
    shares its trigger (rule ``coordinated_with_next``)."""
    for j in range(i + 1, len(nums)):
        between = text[nums[j - 1].end:nums[j].start]
        if not _LIST_ITEM.fullmatch(between) or R.any_trigger.search(between) \
                or not R.victims.match(text, nums[j].end, min(len(text), nums[j].end + 60)):
            return None         # both counts name their victims: "three women and one child"
        found = _measure(R, text, s0, nums[j], _stop(R, text, nums, j, s1))
        if found:
            return found[0], "coordinated_with_next"
    return None


def _coordinated_with_previous(R: FigureRules, text: str, nums: list[NumberSpan], i: int, prev: Figure) -> str | None:
    """"killing 3 soldiers and 2 civilians": a count listed after one read by its verb shares the verb
    (rule ``coordinated_with_previous``); both counts must name their victims."""
    if prev.rule not in ("trigger_before_number", "coordinated_with_previous"):
        return None
    between = text[nums[i - 1].end:nums[i].start]
    if not _LIST_ITEM.fullmatch(between) or R.any_trigger.search(between) or R.any_before.search(between) \
            or not R.victims.match(text, nums[i].end, min(len(text), nums[i].end + 60)):
        return None
    return prev.measure


def _stop(R: FigureRules, text: str, nums: list[NumberSpan], i: int, sent_end: int) -> int:
    """Where the right-hand context of number i ends: the next number not in an "including" aside."""
    limit = min(sent_end, nums[i].end + 110)
    for j in range(i + 1, len(nums)):
        between = text[nums[i].end:nums[j].start]
        if re.search(r"\b(?:including|among them|among whom)\s*$", between, re.IGNORECASE):
            comma = text.find(",", nums[j].end, limit)
            if comma != -1:
                continue
        return min(limit, nums[j].start)
    m = re.search(r"[;]|\s+(?:while|but|whereas)\s+", text[nums[i].end:limit])
    return nums[i].end + m.start() if m else limit


def _victims(R: FigureRules, text: str, num: NumberSpan) -> str:
    m = R.victims.match(text, num.end, min(len(text), num.end + 60))
    if not m:
        return ""
    v = re.sub(r"\s+", " ", m.group("v")).strip()
    return v if v.split()[0][0].isupper() and not v.islower() and v.split()[0].lower() not in ("of",) else v.lower()


def _source(text: str, s0: int, s1: int) -> tuple[str, int, int] | None:
    m = _ACCORDING.search(text, s0, s1)
    if not m:
        return None
    src = _SRC_STOP.sub("", m.group("src")).strip()
    return (src, m.start(), m.end("src")) if src else None


# "1,400 deaths up to 12 October", "as of Monday": a count running to a date is a tally, not one event's
_UNTIL_DATE = re.compile(r"\b(?:up\s?to|until|till|as\s+of|as\s+at|through)\s*$", re.IGNORECASE)


def _tally_until_date(doc: Document, s0: int, s1: int) -> bool:
    return any(s0 <= d.start < s1 and _UNTIL_DATE.search(doc.text, max(s0, d.start - 12), d.start)
               for d in doc.dates or [])


def _period(R: FigureRules, doc: Document, s0: int, s1: int) -> dict | None:
    if not R.period.search(doc.text, s0, s1) and not _tally_until_date(doc, s0, s1):
        return None
    start = None
    for d in doc.dates or []:
        if s0 <= d.start < s1 and d.date_start:
            start = d.date_start
            if getattr(d, "kind", "") == "since":
                break
    return {"start": start, "end": doc.published}


def component(doc: Document, ctx) -> Document:
    R = rules(ctx)
    text = doc.text
    default_claimant = doc.outlet or "unattributed"
    sents = doc.sentences or [type("S", (), {"start": 0, "end": len(text)})()]
    figures: list[Figure] = []
    seen: dict[tuple, Figure] = {}
    for s in sents:
        s0, s1 = s.start, s.end
        if _TRUNCATED.search(text, s0, s1):
            continue
        nums = [n for n in R.numbers.find(text, s0, s1) if not R.numbers.is_non_count(text, n)]
        if not nums and (R.singular is None or not R.singular.any_kill.search(text, s0, s1)):
            continue
        src = _source(text, s0, s1)
        claimant = default_claimant
        if src:
            hit = ctx.actors.resolve(src[0])
            claimant = hit.canonical if hit else ctx.actors.strip_titles(src[0])
        period = None
        prev_in_sentence: Figure | None = None
        prev_whole: Figure | None = None        # the last figure that is not an "including" subset
        taken: list[tuple[int, int]] = []       # spans of the counts already read as figures
        last: tuple[int, Figure] | None = None  # the previous number's figure
        killed_at: set[int] = set()             # where the counts read as deaths start
        num_at: dict[str, int] = {}             # figure id -> where its number starts
        for i, num in enumerate(nums):
            inherits = bool(re.search(r"\b(?:including|among them|among whom)\s*$", text[s0:num.start], re.IGNORECASE))
            found = _measure(R, text, s0, num, _stop(R, text, nums, i, s1)) \
                or (None if inherits else _coordinated(R, text, s0, s1, nums, i))
            measure, rule = found if found else (None, "")
            if measure is None and inherits and prev_in_sentence is not None:
                measure, rule = prev_in_sentence.measure, "subset_of_previous"   # "..., including 3 children"
            if measure is None and not inherits and last is not None and last[0] == i - 1:
                measure = _coordinated_with_previous(R, text, nums, i, last[1])
                rule = "coordinated_with_previous" if measure else ""
            if measure is None:
                continue
            if num.text.lower() in _WEAK_NUMBERS and not _victims(R, text, num) and rule != "trigger_before_number" \
                    and not R.any_trigger.match(text, num.end + 1, num.end + 40) \
                    and not re.match(r"\s+(?:was|were|has been|had been|is)\s+", text[num.end:num.end + 20]):
                continue
            victims = _victims(R, text, num)
            if not victims or victims.lower() in _DEFAULT_VICTIMS or _INHERIT.search(text, num.end, num.end + 12):
                base = (prev_whole if not inherits else prev_in_sentence) \
                    or (figures[-1] if figures and _INHERIT.search(text, s0, num.start + 14) else None)
                victims = base.victims if base is not None and (not victims or victims.lower() in _DEFAULT_VICTIMS
                                                                or _INHERIT.search(text, num.end, num.end + 12)) \
                    else (victims or "people")
            if victims.lower() in _DEFAULT_VICTIMS:
                victims = "people"
            value, low, high = num.bounds
            key = (measure, num.n, victims.lower(), claimant, s0)
            taken.append((num.start, num.end))
            if measure == "killed":
                killed_at.add(num.start)
            if key in seen:
                prev_in_sentence = seen[key]
                continue
            if period is None:
                period = _period(R, doc, s0, s1) or False
            fig = Figure(
                figure_id=ids.span_id("f", doc.doc_id, num.start, num.end, measure),
                doc_id=doc.doc_id, measure=measure, value=value, low=low, high=high,
                qualifier=num.qualifier, victims=victims, claimant=claimant,
                evidence=doc.evidence(s0, s1), period=period or None,
                number_text=num.text, segment=doc.segment_of(num.start), rule=rule)
            fig.source_explicit = bool(src)  # type: ignore[attr-defined]
            seen[key] = fig
            num_at[fig.figure_id] = num.start
            figures.append(fig)
            prev_in_sentence = fig
            last = (i, fig)
            if not inherits:
                prev_whole = fig
        singles = _singular_figures(R, doc, s0, s1, taken, claimant, src, killed_at)
        if period is None and singles:
            period = _period(R, doc, s0, s1) or False
        for fig in singles:
            fig.period = period or None
            figures.append(fig)
            span = getattr(fig, "companions", None)
            if span:        # "killed a pastor and three other worshippers, and wounded two": three were killed
                figures[:] = [f for f in figures if not (f.measure != "killed" and f.evidence.start == s0
                                                         and span[0] <= num_at.get(f.figure_id, -1) < span[1])]
    doc.figures = _drop_repeated_singles(figures)
    merge_repeats(doc, explicit_only=True)
    return doc


def _drop_repeated_singles(figures: list[Figure]) -> list[Figure]:
    """A victim named twice ("a student died ... one student was declared dead") stays one figure:
    a singular-victim figure gives way to another death figure of the same count and compatible victims."""
    kept: list[Figure] = []
    for f in figures:
        if f.rule.startswith("singular_victim") and any(
                g is not f and g.measure == "killed" and _num_of(g) == f.value and _compatible_victims(g.victims, f.victims)
                and (not g.rule.startswith("singular_victim") or g in kept) for g in figures):
            continue
        kept.append(f)
    return kept


def _compatible_victims(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a in ("people", "persons") or b in ("people", "persons") or a in b or b in a


def _in_headline(doc: Document, f: Figure) -> bool:
    titles = {t.strip() for t in [doc.title or "", *(getattr(s, "title", "") or "" for s in doc.segments or [])] if t}
    return f.evidence.text.strip() in titles


def merge_repeats(doc: Document, explicit_only: bool = False) -> None:
    """Repeated mentions of one number (headline, lead, recap) become one figure.

    Same measure, same number, compatible victims: the same claimant keeps the first mention; a
    mention that only the outlet carries (no source) or a headline mention (headlines compress
    attribution: "..., experts say" need not be the source of the number) gives way to a body
    mention with an explicit source. Two explicit sources stay two figures. With
    ``explicit_only`` (before claims are linked) only same-claimant explicit mentions merge.
    """
    default = {doc.outlet or "unattributed", "unattributed"}
    kept: list[Figure] = []
    for f in doc.figures:
        n = _num_of(f)
        hit = None
        for i, g in enumerate(kept):
            if g.measure != f.measure or _num_of(g) != n or n is None \
                    or not _compatible_victims(g.victims, f.victims):
                continue
            if g.claimant == f.claimant:
                if explicit_only and not (getattr(g, "source_explicit", False) and getattr(f, "source_explicit", False)):
                    continue
                hit = (i, g)
                break
            if explicit_only:
                continue
            f_src, g_src = f.claimant not in default, g.claimant not in default
            if f_src and (not g_src or _in_headline(doc, g) and not _in_headline(doc, f)):
                hit = (i, f)
                break
            if g_src and (not f_src or _in_headline(doc, f) and not _in_headline(doc, g)):
                hit = (i, g)
                break
        if hit is None:
            kept.append(f)
        else:
            i, winner = hit
            if winner is f and len(f.victims.split()) < len(kept[i].victims.split()) and f.victims in ("people",):
                f.victims = kept[i].victims
            kept[i] = winner
    doc.figures = kept


def _num_of(f: Figure) -> int | None:
    if f.value is not None:
        return f.value
    if f.qualifier == "more_than" and f.low is not None:
        return f.low - 1
    return f.low if f.low is not None else f.high
