"""A text that is one text repeated several times (a file written in a loop, a feed that
repeated its item): kept once, and the document says so in its ``warnings``.

Rule ``whole_text_repeated``: after collapsing whitespace, the text is ``unit (sep unit)*``
with two or more exact copies of ``unit`` (``sep``: whitespace, or a short line such as the
date header a reader took from the first copy only). Found with plain string search (the first
characters of the text must occur again where the second copy starts), so the usual text,
with no second copy of its opening, costs one ``str.find``.
"""
from __future__ import annotations

import re

RULE = "whole_text_repeated"
_PROBE = 120                     # characters of the opening looked for again
_WORD = re.compile(r"\S+")


def repetitions(text: str) -> tuple[int, int]:
    """(copies, words in one copy); (1, 0) when the text is not one text repeated.

    With whitespace collapsed the text must read ``A S A S ... A``: a unit ``A S`` repeated (its
    length the text's period) and ending with a whole ``A``, where the separator ``S`` (a space,
    or a line the reader kept from each later copy, such as a date header) is shorter than ``A``.
    """
    flat = " ".join(text.split())
    n = len(flat)
    probe = flat[:min(_PROBE, n // 2)]
    at = flat.find(probe, 1) if probe else -1
    while at != -1 and 2 * at <= n + 1:
        if flat[at - 1] == " " and flat[at:] == flat[:n - at]:       # period ``at``
            full, rest = divmod(n, at)
            one = rest or at
            if (2 * one >= at and (one == n or flat[one] == " ")) and full + (rest > 0) >= 2:
                return full + (rest > 0), len(flat[:one].split())
        at = flat.find(probe, at + 1)
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
