"""Lexicons as data: built-in YAML files under ``newsledger/data`` extended by a user's own.

The built-ins load through the same registry a user's files extend, so adding an
alias, a cue verb or a place needs a file, not a patch::

    newsledger --lexicon-dir my_lexicons/ ingest articles/

A user file with the same name as a built-in (``actors.yaml``, ``cues.yaml``...)
is merged into it: lists are appended, mappings updated key by key.
The directory can also be given with the ``NEWSLEDGER_LEXICON_DIR`` environment variable.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml

ENV_VAR = "NEWSLEDGER_LEXICON_DIR"


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra if extra is not None else base


def user_dirs() -> tuple[str, ...]:
    env = os.environ.get(ENV_VAR, "")
    return tuple(p for p in env.split(os.pathsep) if p)


# libyaml's parser when PyYAML was built with it (ten times faster), with the same safe constructors
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506  (a safe loader)


@lru_cache(maxsize=None)
def _load(name: str, dirs: tuple[str, ...]) -> Any:
    data = _yaml(resources.files("newsledger.data").joinpath(name).read_text("utf-8"))
    for d in dirs:
        p = Path(d) / name
        if p.is_file():
            data = _merge(data, _yaml(p.read_text("utf-8")))
    return data


def load(name: str, dirs: tuple[str, ...] | None = None) -> Any:
    """Load data file ``name`` (e.g. ``"actors.yaml"``) merged with the user's directories."""
    return _load(name, tuple(dirs) if dirs is not None else user_dirs())


@lru_cache(maxsize=None)
def _derived(name: str, dirs: tuple[str, ...], build: Callable[[Any], Any]) -> Any:
    return build(_load(name, dirs))


def derived(name: str, build: Callable[[Any], Any], dirs: tuple[str, ...] | None = None) -> Any:
    """``build(data)`` for data file ``name``, built once per file, user directories and builder
    (compiled patterns, indexes): what the analysis components share across Contexts."""
    return _derived(name, tuple(dirs) if dirs is not None else user_dirs(), build)


def clear_cache() -> None:
    _load.cache_clear()
    _derived.cache_clear()
