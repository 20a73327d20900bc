"""newsledger: news articles about armed conflict → a neutral, sourced ledger of events,
claims, figures and framing.

The stages follow the data flow: :mod:`newsledger.ingest` → :mod:`newsledger.clean` →
:mod:`newsledger.analyse` → :mod:`newsledger.store` → :mod:`newsledger.reconcile` →
:mod:`newsledger.export` / :mod:`newsledger.serve`; :func:`newsledger.pipeline.ingest` runs them.
"""
__version__ = "0.1.0"
