"""What analysis components share, loaded once per process."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from .. import lexicon


@dataclass
class Context:
    """Loaded-once resources for the analyse components.

    ``use_model``: ``"auto"`` loads an installed spaCy English pipeline if there is
    one and falls back to rules otherwise; ``"rules"`` never loads a model.
    """

    lexicon_dirs: tuple[str, ...] | None = None
    use_model: str = "auto"
    timings: dict[str, float] = field(default_factory=dict)
    _built: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """What ``build()`` returns, built once per Context (compiled rules, indexes)."""
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    def lexicon(self, name: str) -> Any:
        return lexicon.load(name, self.lexicon_dirs)

    @cached_property
    def nlp(self):
        """An installed spaCy pipeline, or ``None`` (rules only)."""
        if self.use_model == "rules":
            return None
        from .nlp import load_model
        return load_model()

    def preload(self) -> "Context":
        """Load the model (unless rules only), the gazetteer and the actor registry now: before forking
        workers that then share them."""
        self.nlp, self.gazetteer, self.actors      # noqa: B018  (cached properties, loaded on access)
        return self

    def parse(self, text: str):
        """The dependency parse of ``text`` (``None`` without a model); batched with other
        documents' when the caller runs under :func:`newsledger.analyse.batchparse.run_batched`."""
        if self.nlp is None:
            return None
        from .batchparse import current
        batch = current()
        return batch.parse(text) if batch is not None else self.nlp(text)

    @cached_property
    def actors(self):
        from .actors import ActorRegistry
        return ActorRegistry.from_data(self.lexicon("actors.yaml"))

    @cached_property
    def gazetteer(self):
        from .places import Gazetteer
        return Gazetteer.load(self)

    @contextmanager
    def timer(self, name: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t
