"""The regex gate skips only scans that would find nothing."""
import re

import pytest

from newsledger.analyse.regexgate import gate, lowered, may_match

PATTERNS = [
    r"\b(?:shell(?:ed|ing|s)?)\b",
    r"(?i)\b(?:Ambush(?:es|ed)?|stormed)\b",
    r"\b(?:(?:river|hill) crossings?)\b",
    r"(?<!\w)(?:Flood|Drought)(?!\w)",
    r"\b(?:blockade|cordon(?:ed)?)\s+(?:of|around)\b",
    r"(?i)\bstrikes?\b|\bsalvos?\b",
    r"\b(?:x(?:y|z){2}|q)w",
    r"(?<![\w-])(?:[A-Z][a-z]+ian [Mm]ilitias?)(?![\w-])",
    r"\d+ (?:were )?(?:killed|hurt)",
]
TEXTS = [
    "Rebels shelled the ridge above Tarvo at dawn.",
    "An AMBUSHED convoy was stormed near the ford.",
    "Two river crossings were closed; hill crossing guards left.",
    "Floods and a drought hit the valley; the Flood of Drought Creek.",
    "The army kept a cordoned blockade of   the port.",
    "A salvo of STRIKES was reported.",
    "xyzw and qw and xyyw",
    "Nothing of the kind happened in Lorvik today.",
    "The Norvian Militia and a Dovian militias unit; 12 were hurt, 3 killed.",
    "The ſtrike was a typo; Kırık crossings too.",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_gate_never_skips_a_text_the_pattern_matches(pattern):
    rx = re.compile(pattern)
    prefixes = gate(rx)
    matched = [text for text in TEXTS if rx.search(text) is not None]
    assert matched                                   # every pattern matches some text here
    assert all(may_match(prefixes, lowered(text)) for text in matched), pattern


def test_gate_reads_literal_beginnings():
    assert gate(re.compile(r"\b(?:shell(?:ed|ing|s)?)\b")) == frozenset({"shell"})
    assert gate(re.compile(r"(?i)\b(?:Ambush(?:es|ed)?|stormed)\b")) == frozenset({"ambush", "stormed"})
    assert gate(re.compile(r"\b(?:(?:river|hill) crossings?)\b")) == frozenset({"river crossing", "hill crossing"})


def test_a_later_part_gates_a_pattern_that_opens_with_a_class_or_an_option():
    assert gate(re.compile(r"\d+ (?:killed|dead)")) == frozenset({" killed", " dead"})
    assert gate(re.compile(r"(?:the )?raid")) == frozenset({"raid"})
    assert gate(re.compile(r"[A-Z][a-z]+ [Mm]ilitia")) == frozenset({"ilitia"})


def test_patterns_without_literals_are_not_gated():
    assert gate(re.compile(r"\d+\s+\w+")) is None
    assert gate(re.compile(r"[A-Z]\w+")) is None
    assert gate(re.compile(r"(?:a|\d)x?")) is None           # one branch begins with a class


def test_a_text_without_the_literals_is_skipped():
    prefixes = gate(re.compile(r"\b(?:shell(?:ed|ing|s)?)\b"))
    text = "The council debated the budget in Lorvik."
    assert may_match(prefixes, lowered(text)) is False


def test_special_case_folds_and_length_changes_always_scan():
    prefixes = gate(re.compile(r"(?i)strike"))
    assert may_match(prefixes, lowered("The ſtrike")) is True      # (?i)s matches "ſ"
    text = "İstanbul strike"
    assert lowered(text) is None and may_match(prefixes, lowered(text)) is True
