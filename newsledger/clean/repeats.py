"""A text that is one text repeated several times (a file written in a loop, a feed that
repeated its item): kept once, and the document says so in its ``warnings``.

Rule ``whole_text_repeated``: after collapsing whitespace, the text is ``unit (sep unit)*``
with two or more exact copies of ``unit``. Found with plain string search (the first
characters of the text must occur again where the second copy starts), so the usual text,
with no second copy of its opening, costs one ``str.find``.
"""
from __future__ import annotations

import re

RULE = "whole_text_repeated"
_PROBE = 120                     # characters of the opening looked for again
_WORD = re.compile(r"\S+")


def repetitions(text: str) -> tuple[int, int]:
    """(copies, words in one copy); (1, 0) when the text is not one text repeated."""
    flat = " ".join(text.split())
    if not flat:
        return 1, 0
    whole = flat + " "
    probe = whole[:min(_PROBE, len(flat))]
    at = whole.find(probe, 1)
    while at != -1:
        if whole[at - 1] == " " and len(whole) % at == 0 and whole == whole[:at] * (len(whole) // at):
            return len(whole) // at, len(whole[:at].split())
        at = whole.find(probe, at + 1)
    return 1, 0


def keep_once(text: str) -> tuple[str, int]:
    """The text cut after its first copy, and the number of copies (1: unchanged)."""
    copies, words = repetitions(text)
    if copies < 2:
        return text, 1
    end = 0
    for k, m in enumerate(_WORD.finditer(text), 1):
        if k == words:
            end = m.end()
            break
    return text[:end].strip(), copies
