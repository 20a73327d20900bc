"""Paths that exist only for speed give the same results as the plain ones."""
import subprocess
import sys

from newsledger.pipeline import prefetch_reconcile


def test_prefetch_reconcile_imports_the_tfidf_vectorizer():
    thread = prefetch_reconcile()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "sklearn.feature_extraction.text" in sys.modules
    assert "newsledger.reconcile" in sys.modules


def test_stop_words_are_read_without_importing_spacy():
    code = ("import sys; from newsledger.analyse.places import _english_stop_words; w = _english_stop_words(); "
            "print(len(w), 'spacy' in sys.modules); from spacy.lang.en.stop_words import STOP_WORDS; "
            "print(w == set(STOP_WORDS))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1:] == ["False", "True"]
    assert int(out[0]) > 300


def test_warm_loads_what_analysis_uses_and_keeps_the_timings():
    from newsledger.analyse import Context
    from newsledger.pipeline import warm

    ctx = Context(use_model="rules")
    ctx.timings["earlier"] = 1.5
    assert warm(ctx) is ctx
    assert ctx.timings == {"earlier": 1.5}
    assert {"gazetteer", "actors", "nlp"} <= set(vars(ctx))      # loaded (nlp: None, rules only)
    assert ctx.nlp is None
    assert "cues" in ctx._built and "framing" in ctx._built       # the components' compiled rules


def test_lexicons_parse_the_same_with_either_yaml_loader():
    import glob
    import os

    import yaml

    import newsledger
    from newsledger import lexicon

    files = sorted(glob.glob(os.path.join(os.path.dirname(newsledger.__file__), "data", "*.yaml")))
    assert len(files) >= 10
    for f in files:
        text = open(f, encoding="utf-8").read()
        assert lexicon._yaml(text) == yaml.safe_load(text), f

