"""Checks on raw bytes and decoded text before anything is parsed."""
from __future__ import annotations

import codecs
import re
import zlib

MAX_BYTES = 20 * 1024 * 1024          # one input file; a news page is well under 5 MB
MAX_TEXT_CHARS = 2_000_000            # cleaned text of one document
MIN_TEXT_CHARS = 40                   # shorter than a headline + a sentence: nothing to analyse

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def check_bytes(data: bytes) -> tuple[str, str] | None:
    """(reason, detail) when the bytes are not worth decoding, else None."""
    if not data.strip():
        return ("empty", "the input holds no text")
    if data[:2] == b"\x1f\x8b":
        return None                    # gzip: a reader decides (warc.gz)
    sample = data[:65536]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("binary", "NUL bytes: this looks like a binary file, not text")
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        return ("binary", "too many control characters for text")
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason detail). UTF-8 (BOM aware) unless a charset is declared."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), None
    if declared:
        try:
            return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, (f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
                      "and no charset declared; re-encode the file as UTF-8")


def gunzip(data: bytes) -> tuple[bytes, tuple[str, str] | None]:
    """Decompress a gzip file, at most ``MAX_BYTES`` of output (a small file may inflate hugely)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, MAX_BYTES + 1)
    except zlib.error as exc:
        return b"", ("unreadable", f"broken gzip data: {exc}")
    if len(out) > MAX_BYTES or d.unconsumed_tail:
        return b"", ("too_large", f"decompresses to over the {MAX_BYTES} byte limit")
    return out, None
