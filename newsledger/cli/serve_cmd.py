"""The ``serve`` sub-command (the web view issue fills it)."""
from __future__ import annotations
