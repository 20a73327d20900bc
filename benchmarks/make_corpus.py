"""Generate a scale corpus of distinct ~800-word news articles for the throughput benchmark.

    python benchmarks/make_corpus.py 10000            # → benchmarks/_work/corpus-10000/
    python benchmarks/make_corpus.py 800 --out DIR

Paragraphs come from the data beside the repository (``shared/seeds``, ``shared/dev/articles``,
the English ground-truth bodies of ``shared/bench/article-extraction``) and from the demo
articles shipped in ``newsledger/demo``. Each article takes a base story (conflict stories
more often than general news), shuffles its paragraphs past the lead, tops it up with
paragraphs from other conflict stories to a length drawn around 800 words, then varies
place names, numbers, dates and adds a spokesperson line with a made-up name. Texts are
checked for distinctness (no two identical), and the output is deterministic for a seed.
Only the generator is committed; the corpus is written under the ignored ``benchmarks/_work``.
Without the shared data the demo articles alone feed it (fine for smoke tests).
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", HERE.parents[1] / "shared"))
VERSION = 4                      # bump when the recipe changes: cached corpora are rebuilt

# Made-up substitution tables (not from any article).
PLACES = ["Kharkiv", "Kherson", "Zaporizhzhia", "Donetsk", "Odesa", "Sumy", "Gaza City", "Khan Younis", "Rafah",
          "Jenin", "Nablus", "Aleppo", "Idlib", "Homs", "Deir ez-Zor", "Mosul", "Kirkuk", "Sanaa", "Aden", "Marib",
          "Hodeidah", "Goma", "Bunia", "Beni", "Khartoum", "El Fasher", "Nyala", "Mogadishu", "Kismayo",
          "Maiduguri", "Kaduna", "Mopti", "Gao", "Dhaka", "Chittagong", "Kabul", "Kandahar", "Herat", "Tripoli",
          "Benghazi", "Sittwe", "Lashio", "Bamako", "Ouagadougou", "Tillaberi", "Juba", "Malakal", "Port-au-Prince"]
FIRST = ["Amina", "Oleksandr", "Fatima", "Yusuf", "Maria", "Ahmed", "Olena", "Samuel", "Layla", "Ibrahim", "Nadia",
         "Kofi", "Mariam", "Dmytro", "Hassan", "Grace", "Omar", "Iryna", "Joseph", "Salma", "Tariq", "Ruth"]
LAST = ["Haddad", "Kovalenko", "Okafor", "Rahman", "Mensah", "Petrenko", "Nasser", "Diallo", "Hossain", "Mwangi",
        "Shevchenko", "Karimi", "Abebe", "Toure", "Farouk", "Bondarenko", "Osei", "Qureshi", "Nkosi", "Saleh"]
ROLES = ["a spokesperson for the regional administration", "a local official", "a spokesperson for the health ministry",
         "the head of the district council", "a police spokesperson", "a spokesperson for the armed forces",
         "a coordinator with an aid group working in the area", "the mayor"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on social media", "told a news conference"]
LINES = ["The situation remains tense and we are asking residents to stay indoors",
         "Rescue teams are still searching the damaged buildings",
         "We have not been able to confirm the number of casualties independently",
         "Hospitals in the area are struggling to cope with the wounded",
         "Talks are expected to resume later this week",
         "Several families have left the neighbourhood since the fighting began"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
OUTLETS = ["Wire", "Herald", "Monitor", "Tribune", "Observer", "Daily", "News Agency", "Post"]

_NUMBER = re.compile(r"(?<![\w.,:/-])\d{1,3}(?:,\d{3})*(?![\w:/-]|[.,]\d)")
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b")
_PLACE = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)) + r")\b")
_HEADER = re.compile(r"\A\s*date[:\s]+\d{4}-\d{2}-\d{2}\b\s*")
_WORDS = re.compile(r"\S+")


@dataclass
class Story:
    title: str
    paragraphs: list[str]
    conflict: bool


def _paragraphs(text: str) -> list[str]:
    """Body paragraphs: lines of at least eight words that end like a sentence."""
    out = []
    for line in re.split(r"\n", text):
        s = " ".join(line.split())
        if len(s.split()) >= 8 and s[-1:] in ".!?\"”’'":
            out.append(s)
    return out


def _story(text: str, conflict: bool) -> Story | None:
    text = _HEADER.sub("", text).strip()
    first = text.split("\n", 1)[0].strip()
    title = first if 3 <= len(first.split()) <= 25 and first[-1:] not in ".:" else ""
    paras = [p for p in _paragraphs(text) if p != title]
    if len(paras) < 2:
        return None
    return Story(title or " ".join(paras[0].split()[:10]).rstrip(",;:"), paras, conflict)


def load_stories(shared: Path = SHARED) -> list[Story]:
    stories: list[Story] = []
    import newsledger.pipeline     # newsledger itself is a namespace package: locate it by a module

    for f in sorted((Path(newsledger.pipeline.__file__).parent / "demo").glob("*.txt")):
        s = _story(f.read_text("utf-8"), True)
        if s:
            stories.append(s)
    for d in (shared / "seeds", shared / "dev" / "articles"):
        if d.is_dir():
            for p in sorted(d.glob("*.txt")):
                s = _story(p.read_text("utf-8"), True)
                if s:
                    stories.append(s)
    gt = shared / "bench" / "article-extraction" / "ground-truth.json"
    if gt.exists():
        from newsledger.clean import language

        for key, rec in sorted(json.loads(gt.read_text("utf-8")).items()):
            body = rec.get("articleBody") or ""
            if language.detect(body) == "en":
                s = _story(body, False)
                if s:
                    stories.append(s)
    return stories


def _vary(text: str, rng: random.Random, places: dict[str, str]) -> str:
    def num(m: re.Match) -> str:
        v = int(m.group(0).replace(",", ""))
        if 1900 <= v <= 2100 and "," not in m.group(0):
            return str(rng.randint(2019, 2025))             # a year stays a year
        w = max(1, int(v * rng.uniform(0.5, 2.0))) if v > 1 else rng.randint(2, 9)
        return f"{w:,}" if "," in m.group(0) else str(w)

    text = _PLACE.sub(lambda m: places.setdefault(m.group(0), rng.choice(PLACES)), text)
    text = _DATE.sub(lambda m: f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", text)
    return _NUMBER.sub(num, text)


def article(i: int, stories: list[Story], seed: int = 0, words: int = 800) -> str:
    """Article ``i`` of the corpus: deterministic for (i, seed)."""
    rng = random.Random(seed * 1_000_003 + i)
    conflict = [s for s in stories if s.conflict] or stories
    base = rng.choice(conflict if rng.random() < 0.6 else stories)
    paras = list(base.paragraphs)
    lead, rest = paras[:1], paras[1:]
    rng.shuffle(rest)
    paras = lead + rest
    target = rng.randint(int(words * 0.75), int(words * 1.15))   # ends near words on average: the top-up overshoots
    n = sum(len(p.split()) for p in paras)
    while n < target:
        p = rng.choice(rng.choice(conflict).paragraphs)
        paras.insert(rng.randint(1, len(paras)), p)
        n += len(p.split())
    while n > target * 1.05 and len(paras) > 3:
        n -= len(paras.pop(rng.randint(1, len(paras) - 1)).split())
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    quote = f"\u201c{rng.choice(LINES)},\u201d {name}, {rng.choice(ROLES)}, {rng.choice(VERBS)} on {rng.choice(MONTHS)} {rng.randint(1, 28)}."
    paras.insert(rng.randint(1, len(paras)), quote)
    places: dict[str, str] = {}
    title = _vary(base.title, rng, places)
    body = "\n\n".join(_vary(p, rng, places) for p in paras)
    date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    outlet = f"{rng.choice(PLACES)} {rng.choice(OUTLETS)}"
    return f"date {date}\n\n{title}\n\n{body}\n\n\u00a9 {outlet}\n"


def build(n: int, out: Path | None = None, seed: int = 0, words: int = 800, shared: Path = SHARED,
          quiet: bool = True) -> list[Path]:
    """Write ``n`` distinct articles as ``NNNNNN.txt`` under ``out`` (default
    ``benchmarks/_work/corpus-N-sSEED``) and return their paths; an existing complete
    corpus of the same recipe is reused."""
    out = Path(out or WORK / f"corpus-{n}-s{seed}")
    manifest = out / "MANIFEST.json"
    recipe = {"version": VERSION, "n": n, "seed": seed, "words": words, "shared": str(shared)}
    paths = [out / f"{i:06d}.txt" for i in range(n)]
    if manifest.exists() and json.loads(manifest.read_text()).get("recipe") == recipe and all(p.exists() for p in paths):
        return paths
    stories = load_stories(shared)
    out.mkdir(parents=True, exist_ok=True)
    seen: set[bytes] = set()
    total_words = 0
    for i, p in enumerate(paths):
        text = article(i, stories, seed, words)
        h = hashlib.blake2b(text.encode(), digest_size=16).digest()
        k = 1
        while h in seen:                    # a re-roll with another draw
            text = article(i + k * 10_000_019, stories, seed, words)
            h = hashlib.blake2b(text.encode(), digest_size=16).digest()
            k += 1
        seen.add(h)
        total_words += len(_WORDS.findall(text))
        p.write_text(text, encoding="utf-8")
    manifest.write_text(json.dumps({"recipe": recipe, "stories": len(stories), "words": total_words,
                                    "mean_words": round(total_words / max(n, 1), 1)}, indent=1))
    if not quiet:
        print(f"wrote {n} articles ({total_words / max(n, 1):.0f} words each on average) from "
              f"{len(stories)} stories to {out}", file=sys.stderr)
    return paths


def stats(paths: list[Path]) -> dict:
    words = sum(len(_WORDS.findall(p.read_text("utf-8"))) for p in paths)
    return {"articles": len(paths), "words": words, "mean_words": round(words / max(len(paths), 1), 1)}


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--words", type=int, default=800)
    a = ap.parse_args()
    build(a.n, Path(a.out) if a.out else None, a.seed, a.words, quiet=False)
