"""Scale-out on Dask distributed: the ingest job's stages on a cluster.

    newsledger --db postgresql://... ingest --dask local:2 articles/
    newsledger --db postgresql://... ingest --dask tcp://scheduler:8786 s3://bucket/news/

The client plans the parts (:mod:`.plan`), workers read, clean, analyse and store them
(:mod:`.worker`, one transaction per document), and the client reconciles once every
document is stored (:func:`ingest_dask`). Needs the ``scale`` extra (``dask[distributed]``,
``fsspec``).
"""
from __future__ import annotations

from .driver import connect, ingest_dask, store_url_for_workers, warm_workers

__all__ = ["connect", "ingest_dask", "store_url_for_workers", "warm_workers"]
