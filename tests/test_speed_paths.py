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
