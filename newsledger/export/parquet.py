"""Parquet: one file per kind in the directory PATH (``documents.parquet``, ``events.parquet``,
``claims.parquet``, ``figures.parquet``). Scalars keep their types; nested values (evidence,
location, lists) are JSON text, as in the CSV export, and the file's metadata names those
columns under ``newsledger:json_columns``."""
from __future__ import annotations

import json
import os

from . import register, records
from .csv_export import flat

JSON_COLUMNS_KEY = b"newsledger:json_columns"


def _nested_columns(rows: list[dict]) -> list[str]:
    return sorted({k for r in rows for k, v in r.items() if isinstance(v, (dict, list))})


@register("parquet")
def write(store, path: str, with_text: bool = True) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.makedirs(path, exist_ok=True)
    counts = {}
    for kind, fields, rows in records.tables(store, with_text):
        table = pa.Table.from_pylist([{k: flat(r).get(k) for k in fields} for r in rows])
        meta = {JSON_COLUMNS_KEY: json.dumps(_nested_columns(rows)).encode()}
        pq.write_table(table.replace_schema_metadata(meta), os.path.join(path, f"{kind}s.parquet"))
        counts[kind] = len(rows)
    return counts
