"""JSON Lines: the public contract, one record per line with its ``kind``."""
from __future__ import annotations

import json
import sys
from collections import Counter

from . import register, records


@register("jsonl")
def write(store, path: str, with_text: bool = True) -> dict:
    counts: Counter = Counter()
    fh = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
    try:
        for rec in records.ledger(store, with_text):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[rec["kind"]] += 1
    finally:
        if fh is not sys.stdout:
            fh.close()
    return dict(counts)
