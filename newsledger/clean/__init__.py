"""Clean: raw text → cleaned text with boilerplate removed, paragraphs kept, title,
outlet, language and segments; the document id is a hash of the cleaned text."""
from __future__ import annotations

import re
import unicodedata

from ..ids import doc_id_for
from ..ingest import guard
from ..records import Document, Quarantined, RawDocument
from . import boilerplate, language, segments

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_EMPH = re.compile(r"\*{2,}")
_TITLE_OUTLET = re.compile(r"\s+[:|–—-]\s+([A-Z][\w.&' ]{1,30})\s*$")


def normalise(text: str) -> str:
    """NFC, unified newlines, no zero-width characters or markdown emphasis, tidy blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = _MD_EMPH.sub("", text)
    lines = [re.sub(r" {2,}", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def split_title_outlet(title: str | None) -> tuple[str | None, str | None]:
    """"Headline : NPR" → ("Headline", "NPR")."""
    if not title:
        return title, None
    m = _TITLE_OUTLET.search(title)
    if m and len(title[:m.start()].split()) >= 4:
        return title[:m.start()].strip(), m.group(1).strip()
    return title, None


def clean(raw: RawDocument, repeated: frozenset[str] = frozenset(),
          dirs: tuple[str, ...] | None = None) -> Document | Quarantined:
    """Clean one raw document, or say why it cannot be ingested.

    A text in another language is kept (its text is still worth storing and exporting) but marked
    in ``warnings``; the ingest job then stores it without analysis and records why in the quarantine.
    """
    text = normalise(raw.text or "")
    text = normalise(boilerplate.strip_lines(text, boilerplate.rules(dirs), repeated))
    if len(text) < guard.MIN_TEXT_CHARS:
        return Quarantined(raw.source, "too_short", f"only {len(text)} characters of text after cleaning")
    if len(text) > guard.MAX_TEXT_CHARS:
        return Quarantined(raw.source, "too_large", f"{len(text)} characters of text: over the "
                                                     f"{guard.MAX_TEXT_CHARS} limit for one article")
    lang = language.detect(text, dirs)
    warnings = []
    if lang == "und":
        warnings.append("language undetermined: analysed as English")
    elif lang != "en":
        warnings.append(f"not analysed: the text is in another language ({lang}); only English is analysed")
    title = raw.title or segments.first_title(text)
    title, outlet = split_title_outlet(title)
    doc_id = doc_id_for(text)
    return Document(doc_id=doc_id, source=raw.source, text=text, title=title, outlet=raw.outlet or outlet,
                    url=raw.url, published=raw.published, published_basis=raw.published_basis,
                    language=lang, segments=segments.segment(doc_id, text, title), sources=[raw.source],
                    warnings=warnings)
