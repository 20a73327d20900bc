"""Parquet: one file per kind of record, because pandas and pyarrow read one table per file.

``PATH`` a directory: ``PATH/documents.parquet``, ``events.parquet``, ``claims.parquet``,
``figures.parquet``. ``PATH`` ending in ``.parquet`` (``ledger.parquet``): the files are written
beside it as ``ledger.documents.parquet``, ``ledger.events.parquet``, ... and nothing is written
at ``ledger.parquet`` itself, so ``pd.read_parquet("ledger.events.parquet")`` is the way in and a
read of ``ledger.parquet`` fails loudly instead of returning one kind. Scalars keep their types;
nested values (evidence, location, lists) are JSON text, as in the CSV export, and the file's
metadata names those columns under ``newsledger:json_columns``."""
from __future__ import annotations

import json
import os

from . import register, records
from .csv_export import flat

JSON_COLUMNS_KEY = b"newsledger:json_columns"
SUFFIX = ".parquet"


def file_of_kind(path: str, kind: str) -> str:
    if path.endswith(SUFFIX):
        return f"{path[:-len(SUFFIX)]}.{kind}s{SUFFIX}"
    return os.path.join(path, f"{kind}s{SUFFIX}")


def _nested_columns(rows: list[dict]) -> list[str]:
    return sorted({k for r in rows for k, v in r.items() if isinstance(v, (dict, list))})


@register("parquet", file_of_kind)
def write(store, path: str, with_text: bool = True) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.endswith(SUFFIX):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    else:
        os.makedirs(path, exist_ok=True)
    counts = {}
    for kind, fields, rows in records.tables(store, with_text):
        table = pa.Table.from_pylist([{k: flat(r).get(k) for k in fields} for r in rows])
        meta = {JSON_COLUMNS_KEY: json.dumps(_nested_columns(rows)).encode()}
        pq.write_table(table.replace_schema_metadata(meta), file_of_kind(path, kind))
        counts[kind] = len(rows)
    return counts
