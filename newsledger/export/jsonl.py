"""JSON Lines: the public contract, one record per line with its ``kind``."""
from __future__ import annotations

import json
from collections import Counter

from . import output, register, records


@register("jsonl")
def write(store, path: str, with_text: bool = True) -> dict:
    counts: Counter = Counter()
    with output(path) as fh:
        for rec in records.ledger(store, with_text):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[rec["kind"]] += 1
    return dict(counts)
