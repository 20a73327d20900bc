"""Batched dependency parses: analyse_many gives what analyse gives, with fewer model calls."""
import threading

import pytest

from newsledger.analyse import COMPONENTS, analyse, analyse_many
from newsledger.analyse import batchparse
from newsledger.analyse.context import Context
from newsledger.pipeline import _analyse_items
from newsledger.records import Document, Quarantined

# invented reports; the speakers need the parse (no simple "X said" subject)
TEXTS = [
    "A senior commander of the northern brigade, speaking from the front near Orlova, said the line held overnight. "
    "The regional governor, whose office is in the port, told reporters that three villages had lost power.",
    "Residents of the river district who fled on foot said the bridge was shelled twice before dawn.",
    "The head of the hospital's surgical ward in the capital said eleven wounded men had arrived since Tuesday. "
    "Aid workers from two agencies based across the border said the convoy was turned back.",
    "Nothing was said about the talks. The market reopened.",
    "An elderly farmer from the hills above the valley, interviewed at a shelter, said his house was burned.",
]


def _docs():
    return [Document(f"d{i}", f"t{i}.txt", t, published="2025-02-11") for i, t in enumerate(TEXTS)]


def _claims(doc):
    return [(c.speaker, c.speaker_canonical, c.cue, c.mode, c.content, c.rule) for c in doc.claims]


@pytest.fixture(scope="module")
def model_ctx():
    ctx = Context(use_model="auto")
    if ctx.nlp is None:
        pytest.skip("no spaCy model installed")
    return ctx


def test_batched_parses_give_the_same_claims_as_one_document_at_a_time(model_ctx):
    alone = [_claims(analyse(d, model_ctx)) for d in _docs()]
    together = [_claims(d) for d in analyse_many(_docs(), model_ctx)]
    assert together == alone
    assert sum(len(c) for c in alone) >= 5


def test_batched_parses_call_the_model_fewer_times(model_ctx):
    calls = {"single": 0, "pipe": 0}
    nlp = model_ctx.nlp

    class Counting:
        def __call__(self, text):
            calls["single"] += 1
            return nlp(text)

        def pipe(self, texts):
            calls["pipe"] += 1
            return nlp.pipe(texts)

    ctx = Context(use_model="auto")
    ctx.__dict__["nlp"] = Counting()            # the cached_property's slot
    analyse_many(_docs(), ctx)
    assert calls["single"] == 0
    assert 1 <= calls["pipe"] < 5               # fewer calls than the sentences parsed


def test_rules_path_analyse_many_equals_analyse():
    ctx = Context(use_model="rules")
    assert [_claims(d) for d in analyse_many(_docs(), ctx)] == [_claims(analyse(d, ctx)) for d in _docs()]


def _claims_fail_for(monkeypatch, doc_id, exc):
    """The claims component raises ``exc`` for one document, as a rule bug would."""
    import newsledger.analyse as A
    claims_fn = dict(COMPONENTS)["claims"]

    def flaky(doc, ctx):
        if doc.doc_id == doc_id:
            raise exc
        return claims_fn(doc, ctx)

    monkeypatch.setattr(A, "COMPONENTS", [(n, flaky if n == "claims" else f) for n, f in COMPONENTS])


def test_a_failing_document_does_not_stop_the_others(model_ctx, monkeypatch):
    _claims_fail_for(monkeypatch, "d2", RuntimeError("rule bug"))
    out = analyse_many(_docs(), model_ctx)
    assert isinstance(out[2], RuntimeError)
    assert [isinstance(r, Document) for r in out] == [True, True, False, True, True]
    assert _claims(out[0]) == _claims(analyse(_docs()[0], model_ctx))


def test_pipeline_batch_quarantines_only_the_failing_document(model_ctx, monkeypatch):
    _claims_fail_for(monkeypatch, "d1", ValueError("bad span"))
    items = [(d, "new") for d in _docs()] + [(Quarantined("x.txt", "read", "unreadable"), "quarantined")]
    out = _analyse_items(items, model_ctx)
    assert [s for _, s, _ in out] == ["new", "quarantined", "new", "new", "new", "quarantined"]
    assert out[1][0].reason == "analysis" and "ValueError" in out[1][0].detail
    assert out[5][0].reason == "read"


def test_batch_parser_waits_for_every_thread_then_parses_once():
    seen = []

    class Fake:
        def __call__(self, text):
            raise AssertionError("single calls are not expected")

        def pipe(self, texts):
            seen.append(list(texts))
            return [t.upper() for t in texts]

    barrier = threading.Barrier(3)

    def fn(word):
        barrier.wait()                             # all three ask at about the same time
        return batchparse.current().parse(word) + batchparse.current().parse(word + "!")

    out = batchparse.run_batched(fn, ["a", "b", "c"], Fake())
    assert out == ["AA!", "BB!", "CC!"]
    assert sorted(map(sorted, seen)) == [["a", "b", "c"], ["a!", "b!", "c!"]]


def test_batch_parser_falls_back_to_single_parses_when_the_batch_fails():
    class Fake:
        def __call__(self, text):
            if text == "bad":
                raise ValueError("cannot parse")
            return text.upper()

        def pipe(self, texts):
            raise ValueError("batch failed")

    out = batchparse.run_batched(lambda w: batchparse.current().parse(w), ["ok", "bad", "fine"], Fake())
    assert out[0] == "OK" and out[2] == "FINE"
    assert isinstance(out[1], ValueError)
