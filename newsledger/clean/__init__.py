"""Clean: raw text → cleaned text with boilerplate removed, paragraphs kept, title,
outlet, language and segments.

The document id is a hash of the text cleaned by the document's own rules only: lines that
recur across an outlet's pages (learnt from the batch the document arrives with) are stripped
*after* hashing, so one story has one id however it is ingested (alone, or with other pages of
its outlet)."""
from __future__ import annotations

import logging
import re
import unicodedata

from ..ids import doc_id_for
from ..ingest import guard
from ..records import Document, Quarantined, RawDocument
from . import boilerplate, language, repeats, segments

log = logging.getLogger(__name__)
# zero-width characters, soft hyphens and C0 controls other than newline (NUL cannot be stored in PostgreSQL)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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
    rules = boilerplate.rules(dirs)
    text, copies = repeats.keep_once(normalise(raw.text or ""))
    own = normalise(boilerplate.strip_lines(text, rules))          # what the id is computed from
    text = normalise(boilerplate.strip_lines(text, rules, repeated)) if repeated else own
    if len(text) < guard.MIN_TEXT_CHARS:
        return Quarantined(raw.source, "too_short", f"only {len(text)} characters of text after cleaning")
    if len(text) > guard.MAX_TEXT_CHARS:
        return Quarantined(raw.source, "too_large", f"{len(text)} characters of text: over the "
                                                     f"{guard.MAX_TEXT_CHARS} limit for one article")
    lang = language.detect(text, dirs)
    warnings = []
    if copies > 1:
        warnings.append(f"the text was one text repeated {copies} times: stored once ({repeats.RULE})")
        log.warning("%s: the text is one text repeated %d times; stored once", raw.source, copies)
    if lang == "und":
        warnings.append("language undetermined: analysed as English")
    elif lang != "en":
        warnings.append(f"not analysed: the text is in another language ({lang}); only English is analysed")
    title = raw.title or segments.first_title(text)
    title, outlet = split_title_outlet(title)
    doc_id = doc_id_for(own)
    return Document(doc_id=doc_id, source=raw.source, text=text, title=title, outlet=raw.outlet or outlet,
                    url=raw.url, published=raw.published, published_basis=raw.published_basis,
                    language=lang, segments=segments.segment(doc_id, text, title), sources=[raw.source],
                    warnings=warnings)
