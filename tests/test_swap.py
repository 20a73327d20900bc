"""Side-swap (neutrality) test: exchange the parties' names in an article, analyse both versions, swap the
names back in the second ledger and compare. A neutral ledger depends on what the text says, not on which
side says it. (The same idea as ../shared/tools/swaptest.py, run in-process on the analysis components.)

The pairs come from each conflict's ``swap`` names in data/framing_sides.yaml. A multi-word registry name
that holds a party's word but has no counterpart in the registry ("Palestinian Islamic Jihad" has no
"Israeli Islamic Jihad") is left as it is in both directions: the swap does not reach it, on purpose.

Differences the swap itself causes are listed in EXPECTED, each a named, general explanation; every other
difference is a bug in a rule or lexicon. Run ``python3 tests/test_swap.py DIR [DIR...]`` to print the
score and every difference on a corpus (the seeds and the development articles).
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from newsledger import lexicon
from newsledger.analyse import Context, analyse
from newsledger.analyse.actors import ActorRegistry
from newsledger.records import Document

# the shared data beside the repository (as in conftest), or where NEWSLEDGER_SHARED says
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


# -- the swap ------------------------------------------------------------------------------------

def swap_pairs() -> list[tuple[str, str]]:
    """Each conflict's two sides' names, paired in order (data/framing_sides.yaml ``swap``)."""
    out = []
    for conflict in lexicon.load("framing_sides.yaml", ())["conflicts"].values():
        a, b = [side.get("swap") or [] for side in conflict["sides"].values()]
        out += list(zip(a, b))
    return out


def canonical_pairs(reg: ActorRegistry, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of canonical names: where both names of a pair are registry actors ("SAF", "RSF"), the
    ledger writes their canonical names, and swapping back must exchange those."""
    def canonical(name):
        found = reg.find_all(name)
        return found[0].canonical if len(found) == 1 and found[0].text == name else None
    words = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for p in pairs for n in p) + r")(?![\w-])")
    out = {}
    for a, b in pairs:
        ca, cb = canonical(a), canonical(b)
        # a canonical name holding a swapped word ("Military Forces of Israel") is swapped back word by word
        inner = lambda c: any(m.group() != c for m in words.finditer(c))
        if ca and cb and ca != cb and ca not in out and cb not in out and not inner(ca) and not inner(cb):
            out[ca], out[cb] = cb, ca
    return [(a, b) for a, b in out.items() if a < b]


class Swapper:
    """Exchange the paired names, leaving alone registry names the swap cannot mirror. Swapping a ledger
    back (``back=True``) exchanges the canonical pairs first ("Military Forces of Sudan" for "RSF")."""

    def __init__(self, pairs: list[tuple[str, str]], registry_names: set[str],
                 canonical: list[tuple[str, str]] = ()):
        both = lambda ps: {**{a: b for a, b in ps}, **{b: a for a, b in ps}}
        self.map = {**both(canonical), **both(pairs)}           # text: the written names win
        self.back_map = {**both(pairs), **both(canonical)}      # a ledger: the canonical names win
        words = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, self.map), key=len, reverse=True)) +
                           r")(?![\w-])")
        self.words = words
        known = {n.casefold() for n in registry_names}
        self.protected = sorted({n for n in registry_names if " " in n and words.search(n)
                                 and self._plain(n).casefold() not in known}, key=len, reverse=True)
        alts = [re.escape(p) for p in self.protected] + ["(?:" + words.pattern + ")"]
        self.pattern = re.compile("|".join(f"(?:{a})" if i < len(self.protected) else a for i, a in enumerate(alts)))

        self.folded_map = {k.casefold(): v.casefold() for k, v in self.back_map.items()}
        self.folded_pattern = re.compile(self.pattern.pattern, re.I)

    def folded(self, text: str) -> str:
        """The swap on case-folded text (signature fields are compared case-folded)."""
        return self.folded_pattern.sub(lambda m: self.folded_map[m.group(1).casefold()] if m.group(1) else m.group(0),
                                       text or "")

    def _plain(self, text: str) -> str:
        return self.words.sub(lambda m: self.map[m.group(1)], text)

    def __call__(self, text: str | None, back: bool = False) -> str:
        if not text:
            return text or ""
        table = self.back_map if back else self.map
        return self.pattern.sub(lambda m: table[m.group(1)] if m.group(1) else m.group(0), text)


@lru_cache(maxsize=1)
def swapper() -> Swapper:
    reg = ActorRegistry.from_data(lexicon.load("actors.yaml", ()))
    names = {n for e in reg.entries for n in [e["name"], *(e.get("aliases") or []), *(e.get("labels") or [])]}
    return Swapper(swap_pairs(), names, canonical_pairs(reg, swap_pairs()))


# -- signatures of one ledger --------------------------------------------------------------------

def _side_swap() -> dict[str, str]:
    out = {}
    for conflict in lexicon.load("framing_sides.yaml", ())["conflicts"].values():
        a, b = conflict["sides"]
        if conflict["sides"][a].get("swap"):          # only the conflicts whose names the swap exchanges
            out[a], out[b] = b, a
    return out


def signatures(doc: Document, back: bool = False) -> dict[str, Counter]:
    s = (lambda t: swapper()(t, back=True)) if back else (lambda t: t or "")
    sides = _side_swap()
    side = (lambda x: sides.get(x, x)) if back else (lambda x: x)
    low = lambda t: s(t).casefold()
    sig = {k: Counter() for k in ("figure", "claim", "event", "framing")}
    for f in doc.figures:
        sig["figure"][(f.measure, f.value, f.low, f.qualifier, low(f.victims), low(f.claimant))] += 1
    for c in doc.claims:
        sig["claim"][(low(c.speaker_canonical), c.mode, c.cue.casefold(), low(c.content)[:80])] += 1
    for e in doc.events:
        sig["event"][(e.event_type, e.sub_event_type, e.date_start, low(e.actor1), low(e.actor2))] += 1
    for f in doc.framing:
        sig["framing"][(f.category, low(f.term), low(f.neutral), side(f.side), f.usage)] += 1
    return sig


# -- expected differences: what the swap itself changes --------------------------------------------

def only_names_differ(a: tuple, b: tuple) -> bool:
    """Same record except for names that the swap did not change in the swapped ledger: the swapped-back
    value is the original with the party names exchanged, so the swapped article still produced the
    original's name (e.g. "Gaza Health Ministry", untouched by the swap, read as the Palestinian ministry).
    Only name fields can differ so; numbers, dates, types and modes never."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return bool(diff) and all(isinstance(x, str) and isinstance(y, str) and swapper().folded(x) == y
                              for x, y in diff)


def unreached_actor_added(a: tuple, b: tuple) -> bool:
    """The swapped article names, through a name the swap does not reach ("occupation army"), an actor the
    original record already holds: one empty name field is filled with that actor, swapped back."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and diff[0][0] == "" and isinstance(diff[0][1], str) and \
        swapper().folded(diff[0][1]) in a


EXPECTED = {
    # name: (why the swap itself causes it, predicate on a pair (original, swapped-back) of signatures)
    "unreached_name": ("a field holds a name the swap reached on one side only (a label such as 'occupation "
                       "army', a ministry named after a place)", only_names_differ),
    "unreached_actor_added": ("an unreached name adds, in the swapped article, the actor the original already "
                              "had", unreached_actor_added),
}


def compare(orig: dict[str, Counter], back: dict[str, Counter]) -> tuple[int, int, list, list]:
    """(identical, total, explained differences, unexplained differences) over all kinds."""
    same = total = 0
    explained, unexplained = [], []
    for k in orig:
        a, b = orig[k] - back[k], back[k] - orig[k]
        s = sum((orig[k] & back[k]).values())
        t = max(sum(orig[k].values()), sum(back[k].values()))
        left_a, left_b = list(a.elements()), list(b.elements())
        for x in list(left_a):
            for name, (_, pred) in EXPECTED.items():
                y = next((y for y in left_b if pred(x, y)), None)
                if y is not None:
                    left_a.remove(x)
                    left_b.remove(y)
                    explained.append((k, name, x, y))
                    s += 1
                    break
        unexplained += [(k, "original", x) for x in left_a] + [(k, "swapped", y) for y in left_b]
        same, total = same + s, total + t
    return same, total, explained, unexplained


def analyse_text(text: str, source: str = "t.txt", published: str | None = "2030-03-02") -> Document:
    doc = Document(doc_id="t", source=source, text=text, published=published)
    return analyse(doc, Context(use_model="rules"))


def swap_run(text: str, **kw) -> tuple[int, int, list, list]:
    a = signatures(analyse_text(text, **kw))
    b = signatures(analyse_text(swapper()(text), **kw), back=True)
    return compare(a, b)


# -- invented fixtures, one per conflict ---------------------------------------------------------

FIXTURES = {
    "israel_palestine": "Israeli troops raided the village of Kafr Dan near Tubas on Monday. The Palestinian "
                        "health ministry said three Palestinians were killed. Benjamin Netanyahu said the operation "
                        "was needed. Mahmoud Abbas called it a massacre.",
    "russia_ukraine": "Russian forces shelled Kupiansk on Tuesday, killing four civilians, Ukrainian officials said. "
                      "Kyiv called it a terrorist attack; Moscow said its troops struck military targets.",
    "sudan_saf_rsf": "The RSF attacked the market in Um Ruwaba on Friday, killing 11 people, local activists said. "
                     "The SAF said it repelled the attack.",
    "myanmar": "The Tatmadaw bombed a school in Pale on Sunday, killing seven children, residents said. "
               "The PDF said it shot down a drone.",
    "sahel": "JNIM fighters attacked an army post near Bamako on Wednesday, killing 14 soldiers, a security source said.",
}


def test_swap_pairs_cover_every_conflict():
    assert len(swap_pairs()) >= 5 and all(a != b for a, b in swap_pairs())


def test_swap_exchanges_names_both_ways_and_leaves_unmirrored_names():
    s = swapper()
    assert s("Israeli troops met Palestinian envoys") == "Palestinian troops met Israeli envoys"
    assert s("The RSF and the SAF") == "The SAF and the RSF"
    assert s(s("Russian and Ukrainian officials")) == "Russian and Ukrainian officials"
    assert s("Palestinian Islamic Jihad said") == "Palestinian Islamic Jihad said"


def test_expected_differences_are_narrow():
    assert only_names_differ(("killed", "ministry of health of palestine"), ("killed", "ministry of health of israel"))
    assert not only_names_differ(("killed", "military forces of israel"), ("killed", ""))
    assert not only_names_differ(("Battles", "2030-01-01"), ("Battles", None))
    assert unreached_actor_added(("Battles", "military forces of israel", ""),
                                 ("Battles", "military forces of israel", "military forces of palestine"))
    assert not unreached_actor_added(("Battles", "military forces of israel", ""),
                                     ("Battles", "military forces of israel", "hamas"))


@pytest.mark.parametrize("conflict", sorted(FIXTURES))
def test_swapped_fixture_gives_the_mirrored_ledger(conflict):
    same, total, explained, unexplained = swap_run(FIXTURES[conflict])
    assert total > 0 and unexplained == [], unexplained


def test_surname_only_mentions_resolve_alike_on_both_sides():
    same, total, _, unexplained = swap_run("Netanyahu said the strikes would go on. Abbas said they must stop.")
    assert unexplained == []


def test_a_country_named_as_speaker_resolves_alike_on_both_sides():
    same, total, _, unexplained = swap_run("Israel said the talks in Cairo would resume on Sunday.")
    assert unexplained == []


def _corpus(dirs: list[Path]) -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8", errors="replace")) for d in dirs for p in sorted(d.iterdir()) if p.is_file()]


def corpus_score(dirs: list[Path]) -> tuple[float, list, list]:
    """Swap the names in every file of ``dirs`` (read as the txt reader does) and pool the comparison."""
    from newsledger.ingest.txt_reader import split_header
    same = total = 0
    explained, unexplained = [], []
    for name, raw in _corpus(dirs):
        body, published, _ = split_header(raw)
        s, t, e, u = swap_run(body, source=name, published=published)
        same, total = same + s, total + t
        explained += [(name, *x) for x in e]
        unexplained += [(name, *x) for x in u]
    return (same / total if total else 1.0), explained, unexplained


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the shared seeds are not here (the fixtures above still run)")
def test_swap_on_seeds_and_development_articles():
    dirs = [d for d in (SHARED / "seeds", SHARED / "dev" / "articles") if d.is_dir()]
    score, _, unexplained = corpus_score(dirs)
    assert score >= 0.95, unexplained


if __name__ == "__main__":
    score, explained, unexplained = corpus_score([Path(a) for a in sys.argv[1:]])
    for x in explained:
        print("  expected:", x)
    for x in unexplained:
        print("  UNEXPLAINED:", x)
    print(f"score: {score:.3f}  ({len(explained)} expected differences, {len(unexplained)} unexplained)")
