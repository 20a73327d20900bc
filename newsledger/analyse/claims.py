"""Claims: who said what (direct quotes, indirect speech, "according to" attributions).

Rules (data/cues.yaml) find a cue per sentence and split the sentence into speaker and
content: post-posed (`"...," the ministry said.`), inverted (`"...," said X.`), pre-posed
(`X said that ...`, `X told Reuters ...`) and source phrases (`according to X`). With a spaCy
pipeline the subject of the cue verb gives the speaker span; without one the clause before
the cue does. Pronouns and generic heads ("he added", "the movement said") refer back to
the last compatible speaker. Figures inside a claim get its claimant and claim_id.
"""
from __future__ import annotations

import re

from .. import ids
from ..records import ActorMention, Claim, Document

_QUOTES = re.compile(r"“[^“”\"]{2,}?”|[“\"][^“”\"\n]{2,}?[”\"]|(?<![\w’])‘[^‘]{2,}?’(?![\w])")
_SPEAKER_TYPES = {"person", "organization", "government", "armed_group", "media", "ngo"}
_MAX_SPEAKER_WORDS = 16      # longer pre-cue spans are clauses, not speakers (tuned on seeds + dev)
_FINITE = re.compile(r"\b(?:is|are|was|were|has been|have been|had|did|does)\b")


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


class CueRules:
    def __init__(self, lex: dict):
        verbs, parts = lex.get("verbs") or [], lex.get("participles") or []
        self.participles = {p.lower() for p in parts}
        self.cue = re.compile(rf"\b(?P<cue>{_alt(verbs + parts)})\b", re.IGNORECASE)
        self.source = re.compile(rf"\b(?P<cue>{_alt(lex.get('source_phrases') or [])})\s+(?P<src>[^,;:.“\"‘]+)",
                                 re.IGNORECASE)
        self.adverbs = re.compile(rf"(?:\s*,?\s*\b(?:{_alt(lex.get('adverbs') or [])}))+\s*$", re.IGNORECASE)
        self.intro = re.compile(rf"^(?:(?:{'|'.join(lex.get('intro') or [])}),\s*)+")
        self.nouns = re.compile(rf"\b(?:{_alt(lex.get('nouns') or [])})\b", re.IGNORECASE)
        pr = lex.get("pronouns") or {}
        self.person_pron = {w.lower() for w in pr.get("person", [])}
        self.org_pron = {w.lower() for w in pr.get("organization", [])}
        self.generic = {w.lower() for w in lex.get("generic_heads") or []}
        self.channels = [(re.compile(c["rx"], re.IGNORECASE if "name" not in c["rx"] else 0), c["channel"])
                         for c in lex.get("channels") or []]


def rules(ctx) -> CueRules:
    r = getattr(ctx, "_cue_rules", None)
    if r is None:
        r = CueRules(ctx.lexicon("cues.yaml"))
        try:
            ctx._cue_rules = r
        except AttributeError:
            pass
    return r


class _Speakers:
    """What earlier claims said about who is speaking, for pronoun and title follow-ups."""

    def __init__(self, doc: Document, R: CueRules, reg):
        self.doc, self.R, self.reg = doc, R, reg
        self.history: list[tuple[int, ActorMention]] = []

    def _last(self, pos: int, want) -> ActorMention | None:
        for p, m in reversed(self.history):
            if p <= pos and want(m):
                return m
        for m in reversed(self.doc.actors or []):
            if m.start < pos and want(m):
                return m
        return None

    def resolve(self, span: str, pos: int) -> tuple[str, str, str | None]:
        """(canonical, type, affiliation) for a speaker span written at ``pos``."""
        clean = span.strip(" ,.;:").lower()
        clean = re.sub(r"^(?:the|a|an|this|that)\s+", "", clean)
        ref = None
        if clean in self.R.person_pron:
            ref = self._last(pos, lambda m: m.type == "person")
        elif clean in self.R.org_pron:
            ref = self._last(pos, lambda m: m.type != "person" and m.type != "media") \
                or self._last(pos, lambda m: True)
        elif len(clean.split()) <= 2 and clean.split() and clean.split()[-1] in self.R.generic \
                and not re.search(r"[A-Z]", re.sub(r"^(?:the|a|an|this|that)\s+", "", span.strip(), flags=re.I)):
            head = clean.split()[-1].rstrip("s")
            ref = self._last(pos, lambda m: m.type != "person" and head in m.canonical.lower()) \
                or (self._last(pos, lambda m: m.type not in ("person", "media"))
                    if head in ("group", "movement", "organisation", "organization", "faction", "wing") else None)
        if ref is not None:
            return ref.canonical, ref.type, ref.affiliation
        m = self.reg.resolve(span)
        if m is not None:
            if m.type == "person" and not _looks_named(m.canonical):
                # "a senior Hamas official": the last named person of that organisation, if any
                same = self._last(pos, lambda x: x.type == "person" and x.affiliation == m.affiliation
                                  and _looks_named(x.canonical))
                if same is not None:
                    return same.canonical, "person", same.affiliation
            return m.canonical, m.type, m.affiliation
        name = self.reg.strip_titles(span)
        if re.fullmatch(r"[A-Z][\w’'-]+", name) and name.lower() not in self.R.generic:
            return name, "person", None       # a surname standing alone ("Jabarin said")
        return name, "unknown", None

    def push(self, pos: int, canonical: str, typ: str, affiliation: str | None, span: str) -> None:
        self.history.append((pos, ActorMention(pos, pos, span, canonical, typ, affiliation)))


def _looks_named(name: str) -> bool:
    toks = name.split()
    return bool(toks) and all(t[:1].isupper() for t in toks)


def _quotes(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTES.finditer(text):
        out.append((m.start(), m.end()))
    return out


def _inside(pos: int, quotes) -> tuple[int, int] | None:
    for a, b in quotes:
        if a < pos < b:
            return a, b
    return None


def _channel(R: CueRules, text: str, cue_text: str, reg) -> tuple[str | None, str | None]:
    m = re.match(r"told\s+(.+)", cue_text, re.IGNORECASE)
    if m:
        hit = reg.resolve(m.group(1))
        return "interview", hit.canonical if hit and hit.type == "media" else m.group(1)
    for rx, ch in R.channels:
        mm = rx.search(text)
        if mm:
            name = mm.groupdict().get("name")
            return ch, name
    return None, None


def _speaker_before(R: CueRules, text: str, s0: int, cue_start: int, quotes) -> tuple[int, int] | None:
    """The clause before the cue, trimmed to its subject noun phrase."""
    left_start = s0
    for a, b in quotes:
        if s0 <= b <= cue_start and len(text[a:b].split()) >= 4:
            left_start = max(left_start, b)
    left = text[left_start:cue_start]
    adv = R.adverbs.search(left)
    if adv:
        left = left[:adv.start()]
    lead = R.intro.match(left)
    off = lead.end() if lead else 0
    for m in re.finditer(r"\b(?:that|as|while|when|after|because|but|which|where|if)\s+|[;:]\s*", left):
        if m.start() >= off and not re.search(r"\b(?:who|which)\s*$", left[:m.start()]):
            off = m.end()
    span = left[off:].strip(" ,")
    if not span:
        return None
    words = span.split()
    if len(words) > _MAX_SPEAKER_WORDS:
        return None
    body = re.sub(r",\s*(?:who|which)\b[^,]*,?", ",", span)
    if _FINITE.search(body) or re.search(r"\b(?:I|we|you)\b", span) and len(words) == 1:
        return None
    if not (re.search(r"[A-Z]", span) or span.lower().split()[-1] in R.generic
            or span.lower() in R.person_pron | R.org_pron or len(words) <= 3):
        return None
    a = left_start + left.index(span, off)
    return a, a + len(span)


def _spacy_subject(nlp, text: str, s0: int, s1: int, cue_start: int):
    """Speaker span from the dependency parse: the subject of the cue verb."""
    sdoc = nlp(text[s0:s1])
    for tok in sdoc:
        if s0 + tok.idx == cue_start:
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    sub = list(child.subtree)
                    return s0 + sub[0].idx, s0 + sub[-1].idx + len(sub[-1])
            return None
    return None


def component(doc: Document, ctx) -> Document:
    R = rules(ctx)
    reg = ctx.actors
    text = doc.text
    nlp = ctx.nlp
    quotes = _quotes(text)
    used_quotes: set[tuple[int, int]] = set()
    speakers = _Speakers(doc, R, reg)
    claims: list[Claim] = []
    sents = doc.sentences or [type("S", (), {"start": 0, "end": len(text)})()]

    def add(sp0, sp1, speaker, cue, mode, c0, c1, ev0, ev1, sent):
        if sp1 <= sp0 or c1 <= c0:
            return None
        content = text[c0:c1].strip(" ,.;:“”\"‘’")
        if len(content.split()) < 2:
            return None
        canonical, typ, aff = speakers.resolve(speaker.strip(" ,.;:"), sp0)
        speakers.push(sp0, canonical, typ, aff, speaker)
        ch, chn = _channel(R, text[sent.start:sent.end], cue, reg)
        date = next((d.date_start for d in doc.dates or [] if sent.start <= d.start < sent.end and d.date_start), None)
        stype = {"military": "government"}.get(typ, typ)
        cid = ids.span_id("c", doc.doc_id, ev0, ev1, cue, sp0, c0)
        if any(x.claim_id == cid for x in claims):
            return None
        c = Claim(claim_id=cid, doc_id=doc.doc_id,
                  speaker=speaker.strip(" ,.;:"), speaker_canonical=canonical,
                  speaker_type=stype if stype in _SPEAKER_TYPES else "unknown", cue=cue, mode=mode,
                  content=content, evidence=doc.evidence(ev0, ev1), affiliation=aff if typ == "person" else None,
                  channel=ch, channel_name=chn, date=date, segment=doc.segment_of(ev0))
        claims.append(c)
        return c

    for s in sents:
        s0, s1 = s.start, s.end
        sentence = text[s0:s1]
        done_finite = False
        # "according to X", "citing X"
        for m in R.source.finditer(text, s0, s1):
            if _inside(m.start(), quotes):
                continue
            src = re.split(r"\s+(?:killed|said|were|was|is|are|have|has|who|which|that|in which|on|during)\b",
                           m.group("src"))[0].strip()
            if not src or m.group("cue").lower() == "citing" and done_finite:
                continue
            c0, c1 = (s0, m.start()) if m.start() - s0 > 10 else (m.end("src"), s1)
            add(m.start("src"), m.start("src") + len(src), src, m.group("cue").lower(), "indirect", c0, c1, s0, s1, s)
            done_finite = True
        for m in R.cue.finditer(text, s0, s1):
            cue_start, cue_end = m.start(), m.end()
            if _inside(cue_start, quotes):
                continue
            word = m.group("cue").lower()
            if re.search(r"(?:\b(?:the|its|his|her|their|such|these|those|a|an|our|your)|\w['’]s?)\s+$", text[s0:cue_start],
                         re.IGNORECASE):
                continue       # a noun ("the former's claims", "their reports"), not a speech verb
            participle = word in R.participles
            if participle and done_finite:
                continue
            if done_finite and any(c.evidence.start >= s0 and c.evidence.start < s1 for c in claims) \
                    and len(re.sub(r"[^\w ]", "", text[cue_end:s1]).split()) > 4:
                continue       # reported speech nested in a claim already taken from this sentence
            if re.search(r"\b(?:what|whom|to be|been|is|was)\s+$", text[s0:cue_start]) and word != "said":
                continue
            if re.search(r"\bwhat\s+[\w\s]{0,30}$", text[s0:cue_start]):
                continue
            cue = m.group("cue")
            tail_start = cue_end
            told = re.match(r"\s+((?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,5}(?:(?:state\s+)?(?:news agency|satellite channel|"
                            r"newspaper|channel|radio|television|TV))?|reporters|journalists|state media|local media)",
                            text[cue_end:s1]) if word in ("told", "tells") else None
            if told:
                cue = f"{cue} {told.group(1).strip()}"
                tail_start = cue_end + told.end()
            rest = text[tail_start:s1]
            rest_words = re.sub(r"\b(?:on|in|at|late|early)\s+\w+(?:\s+\w+)?|\b(?:in an? \w+(?: \w+)?)|when asked.*", "",
                                rest).strip(" .,”\"’")
            q_before = next(((a, b) for a, b in quotes if b <= cue_start and text[b:cue_start].strip(" ,") == ""
                             or (b <= cue_start and re.fullmatch(r"[\s,]*[\w’'.\- ]{0,80}?\s*", text[b:cue_start])
                                 and len(text[b:cue_start].split()) <= 9)), None)
            q_before = next(((a, b) for a, b in reversed(quotes) if b <= cue_start and b >= s0 - 1 and
                             len(text[b:cue_start].split()) <= 9 and "," not in text[b:cue_start].strip(" ,")[1:]),
                            None)
            adjacent = q_before is not None and text[q_before[1]:cue_start].strip(" ,") == ""
            if (len(rest_words.split()) <= 3 or adjacent and len(rest_words.split()) <= 10) \
                    and (q_before or cue_start - s0 > 25) and not participle:
                # post-posed: "..., X said." or inverted "...," said X.
                if q_before and text[q_before[1]:cue_start].strip(" ,") == "":
                    sp = re.match(r"\s*((?:[\w’'.-]+\s*){1,8}?)(?=\s*(?:on|in|at|when|after)\b|[.,]|$)", text[tail_start:s1])
                    if not sp:
                        continue
                    sp0 = tail_start + sp.start(1)
                    sp1 = sp0 + len(sp.group(1).rstrip())
                    if told:     # "," told X -> X is the addressee, no speaker
                        continue
                    c0, c1, mode = q_before[0], q_before[1], "direct"
                    used_quotes.add(q_before)
                    ev0 = min(q_before[0], s0)
                else:
                    left = text[s0:cue_start]
                    cut = max(left.rfind(","), left.rfind("”"), left.rfind("\""), left.rfind("’ "))
                    if cut < 0:
                        span = _speaker_before(R, text, s0, cue_start, quotes)
                        if span is None:
                            continue
                        sp0, sp1 = span
                        c0, c1 = tail_start, s1
                        mode = "indirect"
                        ev0 = s0
                    else:
                        sp0 = s0 + cut + 1
                        adv = R.adverbs.search(text[sp0:cue_start])
                        sp1 = sp0 + adv.start() if adv else cue_start
                        if len(text[sp0:sp1].split()) > 9 or not text[sp0:sp1].strip():
                            continue
                        if q_before and q_before[1] <= sp0 + 1:
                            c0, c1, mode = q_before[0], q_before[1], "direct"
                            used_quotes.add(q_before)
                            ev0 = min(q_before[0], s0)
                        else:
                            c0, c1, mode = s0, s0 + cut, "indirect"
                            ev0 = s0
                            if any(c0 <= a and b <= c1 for a, b in quotes):
                                mode = "mixed"
                add(sp0, sp1, text[sp0:sp1], cue, mode, c0, c1, ev0, s1, s)
                done_finite = True
                continue
            # pre-posed: "X said (that) ...", "X told Reuters: '...'"
            if participle:
                lead = re.match(r"\s*((?:The|A|An|[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*|\s+(?:man|woman|group|police|"
                                r"army|military|ministry|movement|official|source))*)", text[s0:cue_start])
                span = (s0 + lead.start(1), s0 + lead.end(1)) if lead and lead.group(1).split()[0].lower() not in \
                    ("to", "in", "on", "at", "for", "with", "from", "by", "as", "after", "under", "over") else None
            else:
                span = None
                if nlp is not None:
                    span = _spacy_subject(nlp, text, s0, s1, cue_start)
                    if span is not None and len(text[span[0]:span[1]].split()) > _MAX_SPEAKER_WORDS:
                        span = None
                if span is None:
                    span = _speaker_before(R, text, s0, cue_start, quotes)
            if span is None:
                continue
            c0 = tail_start
            mthat = re.match(r"\s*(?::|,)?\s*(?:that\s+)?", text[c0:s1])
            c0 += mthat.end() if mthat else 0
            c1 = s1
            mode = "indirect"
            q_after = next(((a, b) for a, b in quotes if c0 <= a <= c0 + 2), None)
            if q_after:
                c0, c1 = q_after
                mode = "direct"
                used_quotes.add(q_after)
            elif any(c0 <= a and b <= c1 for a, b in quotes):
                mode = "mixed"
                for a, b in quotes:
                    if c0 <= a < c1 < b:
                        c1 = b
            add(span[0], span[1], text[span[0]:span[1]], cue, mode, c0, c1, s0, max(s1, c1), s)
            done_finite = True

    _orphan_quotes(doc, quotes, used_quotes, claims, speakers, add, sents, R)
    claims.sort(key=lambda c: c.evidence.start)
    doc.claims = claims
    _link_figures(doc)
    return doc


def _orphan_quotes(doc, quotes, used, claims, speakers, add, sents, R):
    """A quote with no cue of its own continues the claim just before it (same or next paragraph)."""
    text = doc.text
    for a, b in quotes:
        if (a, b) in used or len(text[a:b].split()) < 4:
            continue
        if any(c.evidence.start <= a and b <= c.evidence.end for c in claims):
            continue
        prev = [c for c in claims if c.evidence.end <= a and text[c.evidence.end:a].count("\n") <= 2
                and len(text[c.evidence.end:a].split()) <= 12]
        sent = next((s for s in sents if s.start <= a < s.end), None)
        if sent is None:
            continue
        if prev:
            p = prev[-1]
            add(a, b, p.speaker, p.cue, "direct", a, b, a, b, sent)
            claims[-1].speaker_canonical, claims[-1].speaker_type = p.speaker_canonical, p.speaker_type
            claims[-1].affiliation = p.affiliation
            continue
        # "his promises of '...'": a speech noun and a named person earlier in the sentence
        before = text[sent.start:a]
        if R.nouns.search(before):
            people = [m for m in speakers.reg.find_all(before) if m.type == "person"]
            if people:
                m = people[-1]
                add(sent.start + m.start, sent.start + m.end, m.text, R.nouns.search(before).group(0), "direct",
                    a, b, sent.start, sent.end, sent)


def _link_figures(doc: Document) -> None:
    """A figure inside a claim is reported by its speaker."""
    default = {doc.outlet or "unattributed", "unattributed"}
    for f in doc.figures:
        pos = f.evidence.start
        for c in doc.claims:
            if c.evidence.start <= pos < c.evidence.end or c.evidence.start <= f.evidence.end - 1 < c.evidence.end:
                if f.claimant in default or c.cue in ("according to", "in the words of") \
                        or f.claimant == c.speaker_canonical:
                    f.claimant = c.speaker_canonical
                    f.claim_id = c.claim_id
                    break
