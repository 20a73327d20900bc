"""What the pages and the API ask of a snapshot: event filters and the figures-by-claimant table."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# the contract's measures, in the order the table shows them
MEASURES = ("killed", "injured", "critically_injured", "arrested", "displaced", "missing", "homes_destroyed", "other")


@dataclass(frozen=True)
class EventFilter:
    place: str | None = None          # part of the place name, admin1 or country (any case)
    date_from: str | None = None      # "YYYY-MM-DD": events ending on or after it
    date_to: str | None = None        # events starting on or before it
    event_type: str | None = None     # exact event_type
    actor: str | None = None          # part of actor1, actor2 or an associated actor

    def active(self) -> bool:
        return any(v for v in vars(self).values())

    def match(self, e: dict) -> bool:
        loc = e.get("location") or {}
        if self.place and not _contains((loc.get("name"), loc.get("admin1"), loc.get("country")), self.place):
            return False
        if self.actor and not _contains((e.get("actor1"), e.get("actor2"), *(e.get("assoc_actors") or [])),
                                        self.actor):
            return False
        if self.event_type and e.get("event_type") != self.event_type:
            return False
        start = e.get("date_start")
        end = e.get("date_end") or start
        if (self.date_from or self.date_to) and not start:
            return False
        if self.date_from and end < self.date_from:
            return False
        if self.date_to and start > self.date_to:
            return False
        return True

    def apply(self, events: Iterable[dict]) -> list[dict]:
        return [e for e in events if self.match(e)]


@dataclass(frozen=True)
class ClaimFilter:
    speaker: str | None = None        # part of the speaker's canonical name (or the words as reported)
    outlet: str | None = None         # part of the reporting outlet's name
    event_id: str | None = None       # the event the claim is linked to, exactly

    def active(self) -> bool:
        return any(v for v in vars(self).values())

    def match(self, c: dict, documents: dict[str, dict]) -> bool:
        if self.speaker and not _contains((c.get("speaker_canonical"), c.get("speaker")), self.speaker):
            return False
        if self.outlet and not _contains(((documents.get(c.get("doc_id")) or {}).get("outlet"),), self.outlet):
            return False
        return not self.event_id or c.get("event_id") == self.event_id

    def apply(self, claims: Iterable[dict], documents: dict[str, dict]) -> list[dict]:
        """Matching claims, newest report first, each report's claims in reading order."""
        found = sorted((c for c in claims if self.match(c, documents)), key=lambda c: c["evidence"]["start"])
        return sorted(found, key=lambda c: ((documents.get(c["doc_id"]) or {}).get("published") or "", c["doc_id"]),
                      reverse=True)


def _contains(values: Iterable[str | None], needle: str) -> bool:
    n = needle.strip().casefold()
    return any(n in v.casefold() for v in values if v)


_QUALIFIER = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "nearly": "nearly ",
              "up_to": "up to "}


def figure_label(f: dict) -> str:
    """A figure's number as a reader would say it: "12", "at least 5", "10–15", "dozens (24+)"."""
    value, low, high = f.get("value"), f.get("low"), f.get("high")
    if value is not None:
        return _QUALIFIER.get(f.get("qualifier"), "") + f"{value:,}"
    if low is not None and high is not None:
        return f"{low:,}–{high:,}"
    if low is not None:
        return f"{low:,}+"
    if high is not None:
        return f"up to {high:,}"
    return "unspecified"


def _amount(f: dict) -> tuple:
    return (f.get("value"), f.get("low"), f.get("high"))


@dataclass
class FigureTable:
    measures: list[str]                        # columns
    rows: list[tuple[str, dict[str, list[dict]]]]   # (claimant, {measure: figures})
    conflicts: set[str]                        # measures on which claimants disagree


def figure_table(figures: list[dict], flagged: Iterable[str] = ()) -> FigureTable:
    """Figures by claimant and measure; a measure is in conflict when claimants report different
    numbers for it (or reconcile flagged it: ``flagged`` names such measures)."""
    by_claimant: dict[str, dict[str, list[dict]]] = {}
    for f in figures:
        cells = by_claimant.setdefault(f.get("claimant") or "unattributed", {})
        cells.setdefault(f.get("measure") or "other", []).append(f)
    present = {m for cells in by_claimant.values() for m in cells}
    measures = [m for m in MEASURES if m in present] + sorted(present - set(MEASURES))
    conflicts = set(flagged) & present
    for m in measures:
        amounts = {frozenset(_amount(f) for f in cells[m]) for cells in by_claimant.values() if m in cells}
        if len(amounts) > 1:
            conflicts.add(m)
    return FigureTable(measures, sorted(by_claimant.items()), conflicts)


def flagged_measures(event: dict) -> list[str]:
    """Measures reconcile marked as in conflict on an event."""
    return [m for m, key in (("killed", "fatalities"), ("injured", "injured"))
            if (event.get(key) or {}).get("conflict")]
