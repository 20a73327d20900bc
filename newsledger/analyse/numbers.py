"""Numbers as written: digits, number words, vague counts and their qualifiers.

``NumberFinder(lexicon).find(text, start, end)`` yields :class:`NumberSpan` with the
low/high bounds the export contract asks for ("at least 5" -> low 5, "dozens" -> low 24).
Built once per Context (see ``figures.finders``), never per document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class NumberSpan:
    start: int            # including the qualifier
    end: int
    num_start: int        # the number itself
    text: str
    n: int | None         # the number as written (None for vague counts without a bound)
    qualifier: str        # exact, at_least, about, more_than, nearly, up_to, vague

    @property
    def bounds(self) -> tuple[int | None, int | None, int | None]:
        """(value, low, high) following the export contract."""
        n, q = self.n, self.qualifier
        if q == "exact":
            return n, n, n
        if q == "at_least":
            return n, n, None
        if q == "more_than":
            return None, (n + 1 if n is not None else None), None
        if q == "about":
            return n, None, None
        if q == "nearly":
            return n, None, n
        if q == "up_to":
            return None, None, n
        return None, n, None          # vague: the implied lower bound


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


# a month right before a number ("March 5", "Sept. 5"); a full month name ending a sentence ("... in July. One
# killed.") does not make the next sentence's number a day
_MONTH_BEFORE = (r"\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|(?:january|february|march|april|may|"
                 r"june|july|august|september|october|november|december))\s+$")
# a label noun right before digits: "level 2", "phase 3", "precision 2", "sector 5" are names, not counts
_LABEL_BEFORE = re.compile(r"\b(?:level|phase|precision|grade|category|stage|sector|block|ward|zone|gate|platform|"
                           r"route|highway|road|street|room|floor|unit|camp|checkpoint|kilometre|km)\s+$", re.I)


class NumberFinder:
    def __init__(self, lex: dict):
        self.units = {k.lower(): v for k, v in (lex.get("units") or {}).items()}
        self.scales = {k.lower(): v for k, v in (lex.get("scales") or {}).items()}
        self.vague = {k.lower(): v for k, v in (lex.get("vague") or {}).items() if v is not None}
        self.quals = {k.lower(): v for k, v in (lex.get("qualifiers") or {}).items()}
        self.non_count = {w.lower() for w in lex.get("non_count_units") or []}
        unit = _alt(k for k in self.units if k not in ("a", "an"))
        scale = _alt(self.scales)
        word_num = rf"(?:(?:{unit})(?:[-\s](?:{unit}))?|an?(?=\s+(?:{scale})))(?:\s+(?:{scale}))*"
        digit_num = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+(?:{scale}))?"
        self._rx = re.compile(
            rf"(?<![\w.,-])(?:(?P<q>{_alt(self.quals)})\s+)?"
            rf"(?:(?P<v>{_alt(self.vague)})|(?P<n>{digit_num}|{word_num}))(?![\w-]|,\d)",
            re.IGNORECASE)

    def value(self, text: str) -> int | None:
        t = text.lower().replace(",", "")
        total, cur = 0, 0
        for tok in re.split(r"[-\s]+", t):
            if not tok:
                continue
            if re.fullmatch(r"\d+(?:\.\d+)?", tok):
                cur += float(tok)
            elif tok in self.units:
                cur += self.units[tok]
            elif tok in self.scales:
                cur = (cur or 1) * self.scales[tok]
                if self.scales[tok] >= 1000:
                    total, cur = total + cur, 0
            else:
                return None
        return int(total + cur)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[NumberSpan]:
        out = []
        for m in self._rx.finditer(text, start, len(text) if end is None else end):
            q = self.quals.get(re.sub(r"\s+", " ", (m.group("q") or "").lower()), "exact")
            if m.group("v"):
                n = self.vague[re.sub(r"\s+", " ", m.group("v").lower())]
                q = "vague" if q in ("exact", "about") else q
                num_start = m.start("v")
            else:
                n = self.value(m.group("n"))
                num_start = m.start("n")
                if n is None:
                    continue
                if m.group("n").lower() == "another" and self._rx.match(text, m.end() + 1):
                    continue             # "another 30 Pakistanis": the count is the number that follows
            out.append(NumberSpan(m.start(), m.end(), num_start, m.group(), n, q))
        return out

    def is_non_count(self, text: str, span: NumberSpan) -> bool:
        """Ages, years, dates, durations, percentages, money, weapons: not a figure."""
        after = text[span.end:span.end + 24]
        before = text[max(0, span.start - 14):span.start]
        word = re.match(r"\s*(?:of\s+)?([\w%'’-]+)", after)
        if after[:1] in ("-", "%", "°", "‑", "–", "‐") or (word and word.group(1).lower() in self.non_count):
            return True
        raw = text[span.num_start:span.end]
        if re.fullmatch(r"(1[89]|20)\d\d", raw):
            return True
        if re.search(_MONTH_BEFORE, before, re.I) \
                or re.match(r"\s+(?:jan|feb|mar|apr|may|june?|july?|aug|sep|oct|nov|dec)[a-z]*\b", after, re.I):
            return True
        if re.search(r"(?:aged|age|No\.|number|list|\$|€|£|US\$)\s*$", before, re.I) or raw.startswith("0") \
                or (raw.isdigit() and _LABEL_BEFORE.search(before)) \
                or (raw.isdigit() and after[:1] == ")" and not before.rstrip().endswith("(")):
            # "(at level 3)": a number closing a parenthesis is a label; "five (5)" keeps its count
            return True
        if re.search(r"[A-Z][\w’'-]+,\s*$", before) and re.match(r",", after) and re.fullmatch(r"\d{1,2}", raw):
            return True          # "Sergeant X, 23, was shot": an age
        return False
