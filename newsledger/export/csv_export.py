"""CSV: one file per kind (``PATH/documents.csv``, ``events.csv``, ``claims.csv``, ``figures.csv``).
Nested values (evidence, location, lists) are written as JSON text in their cell."""
from __future__ import annotations

import csv
import json
import os

from . import register, records


def flat(rec: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v) for k, v in rec.items()}


def file_of_kind(path: str, kind: str) -> str:
    return os.path.join(path, f"{kind}s.csv")


@register("csv", file_of_kind)
def write(store, path: str, with_text: bool = True) -> dict:
    os.makedirs(path, exist_ok=True)
    counts = {}
    for kind, fields, rows in records.tables(store, with_text):
        with open(file_of_kind(path, kind), "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(flat(r) for r in rows)
        counts[kind] = len(rows)
    return counts
