"""Sub-commands that read reconciled events: events, show, tallies (the reconcile issue fills them)."""
from __future__ import annotations
