"""Claims: who said what (direct quotes, indirect speech, "according to" attributions).

Rules (data/cues.yaml) find a cue per sentence and split the sentence into speaker and
content: post-posed (`"...," the ministry said.`), inverted (`"...," said X.`), pre-posed
(`X said that ...`, `X told Reuters ...`) and source phrases (`according to X`). With a spaCy
pipeline the subject of the cue verb gives the speaker span; without one the clause before
the cue does. Pronouns and generic heads ("he added", "the movement said") refer back to
the last compatible speaker. Figures inside a claim get its claimant and claim_id.

Every claim names the rule that produced it (``Claim.rule``): document rules run first
(``DOCUMENT_RULES``: ``quote_then_dash_speaker`` "“...” ― Name", ``transcript_turns`` "NAME: ..."),
then per sentence ``colon_quote`` ("X gave a warning: “...”"), ``source_phrase`` ("according to X"),
``quote_name_apposition``, ``inverted_speaker``, ``quote_then_speaker``, ``clause_then_speaker``,
``speaker_before_cue``, the participle rules and ``citing_*``, ``passive_by_agent`` ("... was first
reported by X"), ``parenthetical_speaker`` ("..., said X, a ..., would ..."); last the quotes no cue took:
``quote_then_speaker_verb`` ('“...,” X fumed.'), ``speaker_verb_then_quote`` ('She answered, “...”'),
``cue_sentence_then_quote`` ("X disagreed." then a quote), ``embedding_subject`` (a quoted phrase inside a
sentence that opens on a person and a verb: 'She mocked the plan as “...” and left'; with no such subject a quoted
phrase is the writer's, no continuation), ``orphan_quote_continues`` (a quote standing alone continues the nearest
claim before it; right after it, it extends that claim: rule ``...+continued``).
Beliefs and intentions ("X believes ...", "X hopes to ...") are attributions too: their claims carry the rule
name prefixed ``belief_`` / ``intention_`` and need the verb's own third-person subject. A speaker is a noun
phrase (``speaker_is_noun_phrase``): no leading conjunction or preposition, no function-word tail, no object
pronoun, not a lone adverb.
"""
from __future__ import annotations

import re
from functools import cached_property

from .. import ids
from ..records import ActorMention, Claim, Document
from .regexgate import lowered

# “curly”, "straight", ‘single’ and ''doubled apostrophe'' quotes (the last as some newspapers' archives print them)
_QUOTES = re.compile(r"“[^“”\"]{2,}?”|[“\"][^“”\"\n]{2,}?[”\"]|''(?:(?!'')[^\n]){2,}?''|(?<![\w’])‘[^‘]{2,}?’(?![\w])")
_SPEAKER_TYPES = {"person", "organization", "government", "armed_group", "media", "ngo"}
_MAX_SPEAKER_WORDS = 16      # longer pre-cue spans are clauses, not speakers (tuned on seeds + dev)
_FINITE = re.compile(r"\b(?:is|are|was|were|has been|have been|had|did|does)\b")
_GENERIC_REACH = 1200      # characters a generic head ("the ministry", "the group") may refer back over
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
_SRC_SPLIT = re.compile(r"\s+(?:killed|said|were|was|is|are|have|has|who|which|that|in which|on|during)\b")
# a cue right after a preposition is an adjective or noun ("deportations of rejected asylum seekers")
_PREP_BEFORE = re.compile(r"\b(?:of|for|with|by|from|about|against|into|among|between|than|amid|despite)\s+$",
                          re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:also|not|widely|often|now|still|"
                             r"already|\w+ly)\s+)?$", re.IGNORECASE)
# what may follow a post-posed cue: nothing, a time or place, a channel, a participle clause
_ADJUNCT = re.compile(r"\s*(?:[a-z]+ly\b\s*)?(?:$|[,.;:!?”\"’)]|(?:on|in|at|after|before|during|when|while|as|via|through|from|late|"
                      r"early|earlier|later|last|this|yesterday|today|tonight|overnight)\b)", re.IGNORECASE)
# "..., a claim Ukraine disputes", "..., something the Kremlin confirmed": the noun refers to the clause
_REPRISE = re.compile(r"\s*(?:(?:a|an|the)\s+)?(?:claim|allegation|charge|assertion|accusation|account|version|"
                      r"position|view|figure|toll|number|step|move|decision)s?\s+(?:that\s+|which\s+)?(?=\S)|"
                      r"\s*something\s+(?=\S)", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\s*(?:though|although|whereas|because|since|unless|while|but|yet)\s+", re.IGNORECASE)
# an inverted speaker after the cue: "..., said Mohammad Rahman, chairman of the institute."
_INVERTED = re.compile(r"\s*((?:(?:the|a|an)\s+)?[A-Z][^;:“\"]*?|(?:the|a|an)\s+[^;:“\"]*?)"
                       r"(?:,?\s+(?:on|in|at)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,]*)?"
                       r"\s*[.!?]?[”\"’]?\s*$")


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


class CueRules:
    def __init__(self, lex: dict):
        verbs, parts = lex.get("verbs") or [], lex.get("participles") or []
        self.belief = {v.lower() for v in lex.get("belief_verbs") or []}
        self.intention = {v.lower() for v in lex.get("intention_verbs") or []}
        self.postposed_only = {v.lower() for v in lex.get("postposed_only") or []}
        verbs = verbs + sorted(self.belief | self.intention | self.postposed_only)
        shows = lex.get("showing_sources") or []
        self.showing = re.compile(rf"\b(?:{_alt(shows)})\s+$", re.IGNORECASE) if shows else None
        self.participles = {p.lower() for p in parts}
        self.cue = re.compile(rf"\b(?P<cue>{_alt(verbs + parts)})\b", re.IGNORECASE)
        # the same alternation in lower case, run case-sensitively on the lower-cased text (three times faster)
        self.cue_low = re.compile(rf"\b(?P<cue>{_alt([w.lower() for w in verbs + parts])})\b")
        self.source = re.compile(rf"\b(?P<cue>{_alt(lex.get('source_phrases') or [])})\s+(?P<src>[^,;:.“\"‘]+)",
                                 re.IGNORECASE)
        self.adverbs = re.compile(rf"(?:\s*,?\s*\b(?:{_alt(lex.get('adverbs') or [])}))+\s*$", re.IGNORECASE)
        self.intro = re.compile(rf"^(?:(?:{'|'.join(lex.get('intro') or [])}),\s*)+")
        self.nouns = re.compile(rf"\b(?:{_alt(lex.get('nouns') or [])})\b", re.IGNORECASE)
        pr = lex.get("pronouns") or {}
        self.person_pron = {w.lower() for w in pr.get("person", [])}
        self.org_pron = {w.lower() for w in pr.get("organization", [])}
        self.generic = {w.lower() for w in lex.get("generic_heads") or []}
        self.generic_types = {w.lower(): t for t, words in (lex.get("generic_types") or {}).items() for w in words}
        self.say_verbs = {v.lower() for v in lex.get("say_verbs") or []} | self.belief
        self.object_verbs = {v.lower() for v in lex.get("object_verbs") or []} | self.intention
        self.source_nouns = re.compile(rf"\b(?:{_alt(lex.get('source_nouns') or ['officials'])})\b", re.IGNORECASE)
        self.turn_labels = {w.lower() for w in lex.get("not_speaker_labels") or []}
        self.rubrics = {w.lower() for w in lex.get("headline_rubrics") or []}
        self.channels = [(re.compile(c["rx"], re.IGNORECASE if "name" not in c["rx"] else 0), c["channel"])
                         for c in lex.get("channels") or []]


    def cues_in(self, text: str, low: str | None, a: int, b: int):
        """The cue matches of text[a:b] (as ``cue.finditer(text, a, b)``): found on ``low``, the lower-cased
        text of the same length (None: on ``text`` itself), each re-read on ``text`` for its groups."""
        if low is None:
            yield from self.cue.finditer(text, a, b)
            return
        for m in self.cue_low.finditer(low, a, b):
            hit = self.cue.match(text, m.start(), b)      # the same match, by construction
            if hit is not None:
                yield hit


def _kind(R: CueRules, word: str, rule: str) -> str:
    """The rule name, prefixed belief_ or intention_ when the cue states a belief or an intention."""
    return f"belief_{rule}" if word in R.belief else f"intention_{rule}" if word in R.intention else rule


def rules(ctx) -> CueRules:
    return ctx.cached("cues", lambda: CueRules(ctx.lexicon("cues.yaml")))


class _Speakers:
    """What earlier claims said about who is speaking, for pronoun and title follow-ups."""

    def __init__(self, doc: Document, R: CueRules, reg):
        self.doc, self.R, self.reg = doc, R, reg
        self.history: list[tuple[int, ActorMention]] = []

    def _last(self, pos: int, want, within: int | None = None) -> ActorMention | None:
        lo = -1 if within is None else pos - within
        for p, m in reversed(self.history):
            if lo <= p <= pos and want(m):
                return m
        for m in reversed(self.doc.actors or []):
            if lo <= m.start < pos and want(m):
                return m
        return None

    def _generic_head(self, span: str) -> str | None:
        """The head of a generic speaker ("the ministry", "Officials", "the force"), else None."""
        toks = re.sub(r"^(?:the|a|an|this|that|its|their)\s+", "", span.strip(" ,.;:"), flags=re.I).split()
        if not toks or len(toks) > 2:
            return None
        head = toks[-1].lower()
        sing = head[:-1] if head.endswith("s") and head[:-1] in self.R.generic else head
        if sing not in self.R.generic:
            return None
        # capitals only count after the first word (a sentence may start "Officials said")
        if any(t[:1].isupper() for t in toks[1:]) or len(toks) == 2 and toks[0][:1].isupper() \
                and toks[0].lower() not in ("local", "state", "security", "health", "military", "regional"):
            return None
        return sing

    _STATE_ARMED = ("army", "military", "troops", "navy")
    _ARMED = ("force", "forces", "militia", "paramilitary", "brigade", "brigades", "battalion", "wing", "faction")
    _ORGS = ("group", "movement", "organisation", "organization", "faction", "wing")
    _ECHO = ("statement", "report", "communique", "communiqué", "post", "message", "release")

    def resolve(self, span: str, pos: int) -> tuple[str, str, str | None]:
        """(canonical, type, affiliation) for a speaker span written at ``pos``."""
        clean = span.strip(" ,.;:").lower()
        clean = re.sub(r"^(?:the|a|an|this|that)\s+", "", clean)
        ref = None
        head = self._generic_head(span)
        definite = bool(re.match(r"(?:the|this|its|their)\s+", span.strip(), re.I)) and len(clean.split()) == 1
        if clean in self.R.person_pron:
            ref = self._last(pos, lambda m: m.type == "person")
        elif clean in self.R.org_pron:
            ref = self._last(pos, lambda m: m.type != "person" and m.type != "media") \
                or self._last(pos, lambda m: True)
        elif head is not None:
            # a generic head refers back only to a recent mention ("the ministry" two paragraphs on)
            ref = self._last(pos, lambda m: m.type != "person" and head in m.canonical.lower(), _GENERIC_REACH)
            if ref is None and head in self._ECHO:
                # "the statement said": whoever issued the statement spoke last
                ref = next((m for p, m in reversed(self.history) if p <= pos), None)
            elif ref is None and not definite:
                pass           # "resistance group says" (a headline): a new, unnamed speaker
            elif ref is None and head in self._STATE_ARMED:
                ref = self._last(pos, lambda m: m.type == "military", _GENERIC_REACH)
            elif ref is None and head in self._ARMED:
                ref = self._last(pos, lambda m: m.type in ("military", "armed_group") and m.canonical.lower() != clean,
                                 _GENERIC_REACH)
            elif ref is None and head in self._ORGS:
                ref = self._last(pos, lambda m: m.type not in ("person", "media"), _GENERIC_REACH)
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
        low = name.lower()
        typ = self.R.generic_types.get(clean) or self.R.generic_types.get(low) \
            or self.R.generic_types.get(clean.split()[-1] if clean.split() else "")
        if re.fullmatch(r"[A-Z][\w’'-]+", name) and low not in self.R.generic and low.rstrip("s") not in self.R.generic \
                and low not in self.R.generic_types and low not in self.reg.titles:
            return name, "person", None       # a surname standing alone ("Jabarin said")
        return name, typ or "unknown", None

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
    for m in re.finditer(r"\b(?:that|as|while|when|after|because|but|which|where|if|though|although|whereas|"
                         r"since|unless)\s+|[;:]\s*", left):
        if m.start() >= off and not re.search(r"\b(?:who|which)\s*$", left[:m.start()]):
            off = m.end()
    for m in re.finditer(r",\s+(?:and|yet)\s+", left):
        if m.start() >= off and R.cue.search(left, off, m.start()):
            off = m.end()      # "X cited ..., and analysts said": a clause with its own cue, not a list of names
    span = left[off:].strip().strip(" ,").strip()
    words = span.split()
    if not words:
        return None        # only whitespace or commas before the cue (a cleaned line break)
    if len(words) > _MAX_SPEAKER_WORDS:
        return None
    body = re.sub(r",\s*(?:who|which)\b[^,]*,?", ",", span)
    if _FINITE.search(body) or re.search(r"\b(?:I|we|you)\b", span) and len(words) == 1:
        return None
    if not (re.search(r"[A-Z]", span) or span.lower().split()[-1] in R.generic
            or span.lower() in R.person_pron | R.org_pron or len(words) <= 3 or _QUANTIFIED.match(span)):
        return None
    a = left_start + left.index(span, off)
    return a, a + len(span)


# "about half of the farmers", "most of those polled", "one in three voters": a share of a group
_QUANTIFIED = re.compile(r"(?:(?:about|around|nearly|almost|roughly|at least|more than|fewer than|less than|over|"
                         r"under)\s+)?(?:\d[\d,.]*(?:\s*(?:percent|%))?|half|most|many|some|few|several|a\s+(?:third|"
                         r"quarter|majority|minority)|two|three|four|five|six|seven|eight|nine|ten|one\s+in\s+\w+)"
                         r"(?:\s+of)?\s+(?:the\s+|those\s+|these\s+)?[a-z]+s\b", re.IGNORECASE)
_GAP = re.compile(r"(?i)^(?:\s*(?:also|yesterday|today|then|later|earlier|again|further|previously|has|have|had|"
                  r"on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day))*\s*$")
_INTRO = re.compile(r"^[^,;:“\"‘]{0,80},\s*$")


# a wire dateline opening the lead ("KYIV, Ukraine (Reuters) —", "GAZA CITY —") is not what was said
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?\s*(?:\([\w .]{1,30}\)\s*)?[—–-]{1,2}\s+")


# "Lund (AFP) – ", "New York (Reuters) — ": a place and a news agency open the lead
_AGENCY_DATELINE = re.compile(r"\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\([A-Z][\w .]{1,30}\)\s*[—–-]{1,2}\s+")


# what stands between a cue and the claimed content: ": ", "that", "on Monday that", "in a statement that"
_LEAD_IN = re.compile(r"\s*(?::|,)?\s*(?:(?:(?:on|early|late)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+"
                      r"(?:morning|evening|night))?\s+(?=that\b)|(?:yesterday|today|earlier|later)\s+(?=that\b)|"
                      r"in\s+an?\s+(?:statement|interview|post|video)\s+(?=that\b))?(?:that\s+)?", re.I)


def _simple_subject(R: CueRules, text: str, s0: int, cue_start: int, quotes) -> tuple[int, int] | None:
    """The subject when the clause before the cue is only that ("Hamas said", "In its statement, the
    army said", "Officials have also said"): the parse would say the same, so none is run."""
    span = _speaker_before(R, text, s0, cue_start, quotes)
    if span is None or len(text[span[0]:span[1]].split()) > 5 or "," in text[span[0]:span[1]] \
            or not _GAP.match(text[span[1]:cue_start]):
        return None
    head = text[s0:span[0]].lstrip(" “\"‘'*")
    return span if not head or _INTRO.match(head) else None


_RELATIVE = {"who", "which", "that", "whom"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me"}


# The pipeline runs without the tagger (the parser does not need it; a third faster), so word
# classes come from the parse and the word's shape.
def _proper(t) -> bool:
    return t.is_alpha and t.text[:1].isupper() and not t.is_sent_start and t.lower_ not in _PRONOUNS


def _nominal(t) -> bool:
    return _proper(t) or t.lower_ in _PRONOUNS or t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos",
                                                            "compound", "conj", "attr") and t.is_alpha


def _np_span(s0: int, tok, stop=None) -> tuple[int, int]:
    """Character span of a token's subtree (cut before ``stop``'s subtree, trailing punctuation dropped)."""
    sub = [t for t in tok.subtree if stop is None or t.i < stop.left_edge.i]
    while sub and sub[-1].is_punct:
        sub.pop()
    return s0 + sub[0].idx, s0 + sub[-1].idx + len(sub[-1])


def _spacy_subject(sdoc, s0: int, cue_start: int, participle: bool = False):
    """Speaker span from the dependency parse: the subject of the cue verb.

    A verb without its own subject takes its head's ("X has not commented but has said ...": conj;
    "X refused ..., citing ...": a participle's advcl head); a relative pronoun subject takes the
    noun the clause hangs on ("Ukraine and its allies, who argue ..."); a name in apposition right
    after the subject belongs to it ("Russia's negotiator Kirill Dmitriev told ...").
    """
    if sdoc is None:
        return None
    tok = next((t for t in sdoc if s0 + t.idx == cue_start), None)
    if tok is None:
        return None
    t = tok
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if t is not tok and (subj is None or subj.dep_ == "nsubjpass"
                             or any(c.dep_ == "auxpass" for c in t.children)):
            return None        # "was found ... and declared dead": a passive head has no speaker
        if subj is not None:
            if subj.lower_ in _RELATIVE and t.dep_ == "relcl":
                return _predicated_subject(s0, t.head) or _np_span(s0, t.head, stop=t)
            if subj.lower_ in _RELATIVE:
                return None
            a, b = _np_span(s0, subj)
            nxt = [x for x in sdoc if s0 + x.idx >= b and s0 + x.idx < cue_start]
            if nxt and all(_proper(x) or x.is_punct and x.text == "," for x in nxt) \
                    and any(_proper(x) for x in nxt) and not nxt[-1].is_punct:
                b = s0 + nxt[-1].idx + len(nxt[-1])
            return a, b
        if t.dep_ == "conj" or participle and t.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
            if t.head is t or t is tok and tok.i > 0 and _nominal(sdoc[tok.i - 1]):
                break          # a noun right before the cue is its subject, whatever the parse says
            t = t.head
            continue
        break
    return None


def _predicated_subject(s0: int, noun):
    """"Lopes is a planner and engineer who has said ...": a relative clause on a predicate noun speaks of the
    copula's subject (span, else None)."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    if noun.dep_ != "attr":
        return None
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return _np_span(s0, subj) if subj is not None and subj.lower_ not in _RELATIVE else None


# ", said Ana Lopes, a geologist at the institute, would ...": a speaker set off by commas inside the claim
_PARENTHETICAL = re.compile(r"\s+(?P<sp>(?:(?:the|a|an)\s+)?[A-Z][^,;:“”\"()]{0,60}?|(?:the|a|an)\s+[^,;:“”\"()]{1,60}?|"
                            r"(?!(?:this|thus|was|is|has|as|its|his|us)\b)[a-z][\w-]*s\b[^,;:“”\"()]{0,60}?)"
                            r"(?:,\s+(?:a|an|the|who|which|one)\b[^,;:“”\"()]{1,120}?)?,\s+(?P<rest>[a-z][^;:]{6,})$")


def _issuer_subject(sdoc, s0: int, cue_start: int):
    """"X issued a statement saying ...": a participle hanging on the object of a verb speaks for that verb's
    subject (the statement says what X says)."""
    if sdoc is None:
        return None
    tok = next((t for t in sdoc if s0 + t.idx == cue_start), None)
    if tok is None or tok.dep_ != "acl" or tok.head.dep_ not in ("dobj", "pobj"):
        return None
    verb = tok.head.head if tok.head.dep_ == "dobj" else tok.head.head.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in _RELATIVE or subj.i > tok.i:
        return None
    return _np_span(s0, subj)


def _pronoun_antecedent(parse, text: str, sent, sp0: int, speaker: str) -> tuple[int, int] | None:
    """"Teachers have signaled that they plan to strike": a subject pronoun in a clause that hangs on another
    clause refers to that clause's subject when it comes first and agrees in number (span, else None)."""
    pron = speaker.strip(" ,.;:").lower()
    if pron not in ("he", "she", "they") or len(text[sent.start:sp0].split()) < 2:
        return None
    sdoc = parse(sent.start, sent.end)
    tok = next((t for t in sdoc if sent.start + t.idx == sp0), None) if sdoc is not None else None
    if tok is None or tok.dep_ != "nsubj":
        return None
    v = tok.head
    for _ in range(3):
        if v.dep_ not in ("ccomp", "advcl", "xcomp", "conj") or v.head is v:
            return None
        v = v.head
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if subj.i > tok.i or not subj.is_alpha or subj.lower_ in _PRONOUNS | _RELATIVE:
            return None
        plural = subj.lower_.endswith("s") and (subj.text.islower() or _proper(subj)) \
            or any(c.dep_ == "conj" for c in subj.children)
        if (pron == "they") != plural or pron != "they" and not _proper(subj):
            return None        # "they" wants a plural, "he"/"she" a name
        return _np_span(sent.start, subj)
    return None


# "... was first reported by the Courier", "... were confirmed by two officials on Monday"
_PASSIVE_AUX = re.compile(r"(?:^|\s)(?P<aux>(?:is|are|was|were|has been|have been|had been|will be|would be|be|been|being)"
                          r"\s+(?:[a-z]+\s+)?)$", re.IGNORECASE)
_BY_AGENT = re.compile(r"\s+by\s+(?P<agent>[^,;:.“\"()]{2,80}?)(?=\s*(?:[,;:.!?)]|$)|\s+(?:on|in|at|last|this|after|"
                       r"before|when|as|that|which|who|and|but|during|earlier|late|early)\b)")


# "the work will be continued by", "the result is explained by the rules", "the vote was rejected by 64 percent":
# passives whose agent carries on, causes or votes rather than says
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who)\s+$", re.IGNORECASE)
_PASSIVE_NOT_SAID = {"continued", "explained", "raised", "echoed", "rejected", "mentioned"}


# cue words that are also nouns; after an article and one more word, or a number, they are the noun
_NOUN_FORMS = {"report", "claim", "call", "question", "show", "state", "note", "estimate", "demand", "promise", "comment"}
_ARTICLE_WORD = re.compile(r"\b(?:a|an|the|this|that|one|each|every|another)\s+[\w-]*[^\Ws]\s+$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|"
                            r"several|many|few|multiple|numerous|other|some|all|most|both|various|remaining|more|"
                            r"fewer))\s+$", re.IGNORECASE)


def _noun_reading(word: str, before: str) -> bool:
    if word in _NOUN_FORMS:
        return _ARTICLE_WORD.search(before) is not None
    return word.endswith("s") and word[:-1] in _NOUN_FORMS and _NUMBER_BEFORE.search(before) is not None


def passive_by_agent(R, text, s, s0, s1, cue_start, cue_end, word, add) -> bool:
    """"News of the deal was first reported by the Courier": the agent after "by" said the subject clause."""
    if not word.endswith(("ed", "said", "told", "written")) or word in R.intention or word in _PASSIVE_NOT_SAID:
        return False
    aux = _PASSIVE_AUX.search(text, s0, cue_start)
    by = _BY_AGENT.match(text, cue_end, s1)
    if by is not None and (aux is None or aux.end() != cue_start):
        return _reduced_passive_by_agent(text, s, s0, s1, cue_start, by, word, add)
    if aux is None or by is None:
        return False
    agent = re.split(r"\s+to\s+[a-z]+\b", by.group("agent"))[0].strip()     # "advised by the WHO to wait"
    if not re.match(r"(?:the\s+|a\s+|an\s+)?[A-Z\d]|(?:the|a|an)\s", agent) or len(agent.split()) > 10:
        return False
    if _RELATIVE_BEFORE.search(text, s0, aux.start("aux")):
        return False     # "the attacks, which were claimed by X": what X claimed is the antecedent, not the clause
    a_end = by.start("agent") + len(agent)
    told = re.match(r"\s+that\s+(?=\S)", text[a_end:s1])
    if told:             # "after being warned by X that Y": X said Y (the subject is whom X told)
        return add(by.start("agent"), a_end, agent, word, "indirect", a_end + told.end(), s1, s0, s1, s,
                   rule="passive_by_agent") is not None
    lead = text[s0:aux.start("aux")]
    cut = max(lead.rfind(":"), lead.rfind(";"))      # "...'s shores: Women ... have been advised by X"
    c0 = s0 + cut + 1 if cut >= 0 else s0
    c0 += len(text[c0:aux.start("aux")]) - len(text[c0:aux.start("aux")].lstrip(" “\"‘"))
    c = add(by.start("agent"), a_end, agent, word, "indirect", c0, aux.start("aux"), s0, s1, s,
            rule="passive_by_agent")
    goal = re.match(r"\s+to\s+[a-z][^;:]*", text[a_end:s1])
    if c is not None and goal:
        c.content = c.content + " … " + goal.group(0).strip(" .")   # "advised by the board to store rain"
    return c is not None


_REDUCED_OPEN = re.compile(r",\s*(?:(?:first|originally|initially|also|later)\s+)?$")


def _reduced_passive_by_agent(text, s, s0, s1, cue_start, by, word, add) -> bool:
    """"The plan, first reported by the Courier, would close the port": the agent said the sentence around it."""
    lead = _REDUCED_OPEN.search(text, s0, cue_start)
    agent = by.group("agent").strip()
    a_end = by.start("agent") + len(agent)
    if lead is None or text[a_end:a_end + 1] != "," or not re.match(r"(?:the\s+|a\s+|an\s+)?[A-Z]", agent) \
            or len(agent.split()) > 10 or len(text[s0:lead.start()].split()) < 2:
        return False
    c = add(by.start("agent"), a_end, agent, word, "indirect", s0, lead.start(), s0, s1, s, rule="passive_by_agent")
    if c is not None:
        c.content = c.content + " … " + text[a_end + 1:s1].strip(" .")
    return c is not None


_WITH_SUBJECT = re.compile(r"\bwith\s+((?:(?!with\b)[\w’'.-]+\s+){1,12}?)$", re.IGNORECASE)


def _own_subject(sdoc, text: str, s0: int, cue_start: int) -> tuple[int, int] | None:
    """The subject of an absolute participle clause ("with critics accusing X of ..."), if it has one."""
    if sdoc is not None:
        tok = next((t for t in sdoc if s0 + t.idx == cue_start), None)
        if tok is None:
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in _RELATIVE or subj.i > tok.i:
            return None
        return _np_span(s0, subj)
    m = _WITH_SUBJECT.search(text, s0, cue_start)
    if m and "," not in m.group(1) and m.end() == cue_start:
        return m.start(1), m.start(1) + len(m.group(1).rstrip())
    return None


def _nearest_subject(sdoc, s0: int, pos: int) -> tuple[int, int] | None:
    """The closest active subject before ``pos`` ("after Hasina refused ..., citing X": Hasina)."""
    if sdoc is None:
        return None
    subs = [t for t in sdoc if t.dep_ == "nsubj" and s0 + t.idx < pos and t.lower_ not in _RELATIVE]
    return _np_span(s0, subs[-1]) if subs else None


def _source_like(R, reg, src: str) -> bool:
    """Whether "citing X" names a source (an actor, a name, officials, reports), not a reason."""
    if reg.find_all(src) or re.search(r"(?:^|\s)[A-Z]", src.strip()[1:] if src[:1].isupper() else src):
        return True
    return bool(R.source_nouns.search(src))


_SPEAKER_LEAD = re.compile(r"^\s*(?:(?:but|and|yet|so|while|whereas|although|though|as|when|if|because|after|"
                           r"before|since|meanwhile|however|still|now|then)\b,?\s+)+", re.IGNORECASE)
# a speaker never ends in a function word ("Israel refuses to", "Questions of accountability and")
_SPEAKER_TAIL = re.compile(r"\b(?:and|or|to|of|the|a|an|that|which|who|whom|whose|with|for|in|on|at|by|from|as|than|not|is|are|"
                           r"was|were|be|been|has|have|had|will|would|could|should|can|may|might|must|do|does|"
                           r"did|\w+n[’']t|cannot)\s*$",
                           re.IGNORECASE)
_OBJECT_PRONOUNS = {"them", "him", "us", "me", "whom", "themselves", "himself", "herself", "itself"}
_PREPOSITIONS = {"about", "in", "on", "at", "from", "to", "into", "with", "without", "for", "of", "by", "over",
                 "under", "after", "before", "during", "since", "until", "through", "against", "among", "between",
                 "despite", "like", "unlike", "amid", "toward", "towards", "upon", "within"}
# a lone adverb or subordinator is not a speaker ("When asked ...", "Later said ...")
# "about half of the farmers", "around 40 percent": a preposition-looking adverb before a quantity
_ABOUT_QUANTITY = re.compile(r"(?:about|around|over|under)\s+(?:\d|half\b|a\s+(?:third|quarter|fifth|dozen)\b|"
                             r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|"
                             r"seventy|eighty|ninety|a hundred)\b)", re.IGNORECASE)
_AUX_TAIL = re.compile(r"\s+(?P<aux>has|have|had|will|would|could|should|can|may|might|must|did|does|do)"
                       r"(?:\s+(?:not|never|also|long|since|already|just|often|\w+ly))*\s*$")
def _fits_auxiliary(aux: str, verb: str) -> bool:
    """Whether a cue can follow the auxiliary: a participle after has/have/had, a bare verb after a modal or do."""
    if aux in ("has", "have", "had"):
        return verb.endswith(("ed", "en")) or verb in ("said", "told", "wrote", "thought", "sought", "put", "found",
                                                       "shown", "known", "felt", "led", "read", "brought", "held")
    return not verb.endswith(("ed", "s")) or verb.endswith("ss")


# an auxiliary or modal outside a relative clause makes a clause of the span ("Mrs. Lind has quickly")
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did)\b")
_NOT_NOUNS = {"when", "later", "then", "once", "now", "also", "still", "while", "after", "before", "if", "as",
              "so", "yet", "here", "there", "today", "yesterday", "meanwhile", "however", "earlier", "again",
              "instead", "since", "because", "although", "though", "unless", "until", "whether", "where", "why", "how"}
# nor is a lone determiner, time word or auxiliary gerund ("This prompted ...", "Last month ...", "Having said ...")
_NOT_LONE_SPEAKERS = _NOT_NOUNS | {"last", "next", "having", "being", "this", "these", "those"}


_CONTRACTED_IS = re.compile(r"(?:that|it|there|here|what|this|who)[’']s\b", re.IGNORECASE)


def speaker_is_noun_phrase(speaker: str) -> bool:
    """A speaker names a person, group or institution: not a verb phrase, a cut-off phrase or an
    object pronoun ("them")."""
    words = speaker.strip(" ,.;:").split()
    if not words or words[-1].lower() in _OBJECT_PRONOUNS or _SPEAKER_TAIL.search(speaker.strip(" ,.;:")):
        return False
    if len(words) == 1 and words[0].lower() in _NOT_LONE_SPEAKERS:
        return False
    if words[0].lower() in ("says", "said", "told", "adds", "added"):
        return False           # "says she": a cue and the pronoun after it
    if words[0].lower() in _PREPOSITIONS and not _ABOUT_QUANTITY.match(speaker.strip()) or words[0].lower() == "according":
        return False
    if _CONTRACTED_IS.match(speaker.strip()):
        return False           # "That’s", "It's a plan": a pronoun and "is", a clause
    core = re.split(r"[,—–(]|\b(?:who|whose|which|whom|that)\b", speaker)[0]
    if _CLAUSE_VERB.search(core):
        return False           # "Rival candidates have long", "The party could raise new": a clause cut before a noun           # "about the verdict", "in Iowa last week": a prepositional phrase names no one
    if re.fullmatch(r"\s*[“\"‘'].*[”\"’']\s*", speaker):
        return False           # '“I disagree,”': a quotation, not who said it
    if speaker.count("(") != speaker.count(")"):
        return False           # "KYIV, Ukraine (Reuters": a dateline cut open, not a speaker
    return any(w[:1].isalpha() for w in words)


# "“...” ― Name, role": a quote attributed by a dash and a name on the same line (vox pops, lists)
_DASH_SPEAKER = re.compile(r"[ \t]*[―—–][ \t]*(?P<sp>(?:[A-Z][\w.’'-]*\.?)(?:[ \t]+(?:[A-Z][\w.’'-]*|de|da|van|von|al|"
                           r"bin|ibn|el|la|le)){0,5})(?P<role>,[^\n]{0,100})?[ \t]*(?=\n|$)")
# "NAME: what they said" at the start of a paragraph (a transcript or an interview)
_TURN = re.compile(r"(?m)^[\"“]?(?P<sp>[A-Z][A-Z.’' -]{1,30}[A-Z.]|[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){0,2}):[ \t]+"
                   r"(?P<c>\S[^\n]*)")
# "a village called ...", "so-called", "what is called": the word names something
_NAMING = re.compile(r"(?:\b(?:a|an)\s+(?:[\w-]+\s+)?[a-z][\w-]*|so-|\b(?:is|are|was|were|be|been|being))\s*$",
                     re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|this|that)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# ": “..." – a quote introduced by a colon
_COLON_QUOTE = re.compile(r":\s*(?=[“\"‘])")


def _sentence_of(sents, pos: int):
    return next((s for s in sents if s.start <= pos < s.end), None)


def quote_then_dash_speaker(R, doc, quotes, used, add, sents, parse) -> None:
    """“The water ran out on the third day.” ― Name, teacher."""
    text = doc.text
    for a, b in quotes:
        m = _DASH_SPEAKER.match(text, b)
        if m is None or (a, b) in used or len(text[a:b].split()) < 3:
            continue
        sent = _sentence_of(sents, a)
        if sent is not None and add(m.start("sp"), m.end("sp"), m.group("sp"), "―", "direct", a, b, a, m.end(),
                                    sent, rule="quote_then_dash_speaker") is not None:
            used.add((a, b))


def transcript_turns(R, doc, quotes, used, add, sents, parse) -> None:
    """PENCE: Well, look, ... – each turn of a transcript is its speaker's claim. A label counts only
    when the document has two turns or more (one "Update:" line is not a transcript)."""
    text = doc.text
    turns = [m for m in _TURN.finditer(text) if m.group("sp").strip().lower() not in R.turn_labels]
    if len(turns) < 2:
        return
    for m in turns:
        sent = _sentence_of(sents, m.start("c"))
        if sent is None:
            continue
        c1 = text.find("\n", m.start("c"))
        c1 = len(text) if c1 < 0 else c1
        add(m.start("sp"), m.end("sp"), m.group("sp"), ":", "direct", m.start("c"), c1, m.start(), c1, sent,
            rule="transcript_turn")
        for a, b in quotes:
            if m.start("c") <= a < c1:
                used.add((a, b))


def _subject_at_start(R, reg, text: str, s0: int, stop: int, sdoc) -> tuple[int, int] | None:
    """The subject that opens a sentence ("The commander", "Rebel leader Ana Ortiz", "He")."""
    if sdoc is not None:
        root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ in ("nsubj",)), None) if root is not None else None
        if subj is not None and s0 + subj.idx < stop:
            return _np_span(s0, subj)
        return None
    lead = R.intro.match(text[s0:stop])
    start = s0 + (lead.end() if lead else 0)
    m = re.match(r"\s*((?:(?:The|A|An|the|a|an|His|Her|Its|Their)\s+)?(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)"
                 r"(?=\s+(?:[a-z]+(?:ed|s)\b|gave|made|wrote|put|had|has|took|sent|issued))", text[start:stop])
    if not m:
        return None
    return start + m.start(1), start + m.end(1)


# "Ana Lopes, a fellow at the institute," / "Ana Lopes, along with two colleagues,": a name and its apposition
_LEAD_APPOSITION = re.compile(r"\s*(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w.’'-]*\s*,\s+(?:a|an|the|who|one|along|"
                              r"together|now|then|[a-z]+\s+of)\b[^;:“”\"]*,\s*")


_FIRST_SECOND = {"i", "we", "you", "me", "us", "one"}


def _mental_subject(text: str, sp0: int, sp1: int, s0: int, cue_start: int, sdoc) -> bool:
    """Whether the span names who holds a belief or an intention: not the writer or the reader ("I", "we",
    "you"), and, with a parse, the subject the verb itself has."""
    words = text[sp0:sp1].strip(" ,.;:").split()
    if not words or words[0].lower() in _FIRST_SECOND and len(words) <= 2 or len(words) > _MAX_SPEAKER_WORDS:
        return False
    if sdoc is not None:
        span = _spacy_subject(sdoc, s0, cue_start)
        return span is not None and sp0 <= span[0] < sp1
    return True


def _subject_opens_sentence(text: str, s0: int, cue_start: int, cut: int, sdoc) -> bool:
    """Whether the text before "..., said" is the cue's own subject (a name with its apposition) rather
    than the claimed clause: the parse's subject of the cue, else a name and apposition filling it."""
    if sdoc is not None:
        span = _spacy_subject(sdoc, s0, cue_start)
        return span is not None and span[1] <= s0 + cut + 1
    return _LEAD_APPOSITION.fullmatch(text, s0, s0 + cut + 1) is not None


def colon_quote(R, reg, doc, s, quotes, used, add, parse) -> bool:
    """"The commander gave a blunt warning: “...”" – the sentence's subject says the quote after the colon.
    Only when no speech verb stands before the colon (those have their own rules)."""
    text = doc.text
    m = _COLON_QUOTE.search(text, s.start, s.end)
    if m is None:
        return False
    q = next(((a, b) for a, b in quotes if a == m.end()), None)
    before = text[s.start:m.start()]
    verbs = [c for c in R.cue.finditer(before)
             if not _NOUN_BEFORE.search(before, 0, c.start())]     # "a blunt warning": a noun, not a verb
    if q is None or q in used or len(text[q[0]:q[1]].split()) < 3 or _inside(m.start(), quotes) or verbs:
        return False
    span = _subject_at_start(R, reg, text, s.start, m.start(), parse(s.start, s.end))
    if span is None:
        return False
    c = add(span[0], span[1], text[span[0]:span[1]], ":", "direct", q[0], q[1], s.start, max(s.end, q[1]), s,
            rule="colon_quote")
    if c is not None:
        used.add(q)
    return c is not None


_NAME_APPOSITION = re.compile(r"\s*,?\s*(?P<n>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*)\s*,\s*(?:[^,“”\"]{2,120},\s*){1,3}$")


# '“...,” the port's spokeswoman, Ana Lopes, said': a role, then the name in apposition
_ROLE_NAME_APPOSITION = re.compile(r"\s*,?\s*(?:the|a|an)\s+[^,;:“”\"]{2,80},\s*(?P<n>(?:[A-Z][\w.’'-]*\s+){0,4}"
                                   r"[A-Z][\w.’'-]*)\s*,\s*$")


def _quote_name_apposition(text: str, quotes, s0: int, cue_start: int):
    """'“...,” Ana Lopes, a fellow at the institute, said' or '“...,” the institute's fellow, Ana Lopes, said':
    (quote, speaker start, speaker end)."""
    for a, b in quotes:
        if s0 - 1 <= b <= cue_start:      # (the quote may open in an earlier sentence)
            m = _NAME_APPOSITION.fullmatch(text, b, cue_start) or _ROLE_NAME_APPOSITION.fullmatch(text, b, cue_start)
            if m:
                return (a, b), m.start("n"), m.end("n")
    return None


_HEADLINE_SPEAKER = re.compile(r"(?P<sp>(?!The\b)(?:[A-Z][\w.’'&-]*[ \t]+){0,3}[A-Z][\w.’'&-]*):[ \t]+(?P<c>[^\n]{10,200})")


def headline_speaker(R, doc, quotes, used, add, sents, parse) -> None:
    """"Kestrel: the blockade will be lifted" – a headline that names its speaker before a colon. The
    speaker is one to four capitalised words, not a rubric ("Live:", "Explainer:", "Week in Review:"), whose
    last word the story uses again."""
    text = doc.text
    first = text.find("\n")
    first = len(text) if first < 0 else first
    start = text.find(doc.title) if doc.title and doc.title in text[:400] else 0
    end = start + len(doc.title) if start or doc.title and text.startswith(doc.title) else first
    m = _HEADLINE_SPEAKER.fullmatch(text, start, end)
    if m is None or any(w.lower() in R.turn_labels or w.lower() in R.rubrics for w in m.group("sp").split()) \
            or m.group("sp").lower() in R.turn_labels:
        return
    if not re.search(rf"\b{re.escape(m.group('sp').split()[-1])}\b", text[end:]):
        return     # a speaker the story never names again is a rubric or an interjection ("Revealed:", "Wow:")
    sent = _sentence_of(sents, m.start("c"))
    if sent is not None:
        add(m.start("sp"), m.end("sp"), m.group("sp"), ":", "indirect", m.start("c"), m.end("c"), m.start(), m.end(),
            sent, rule="headline_speaker")


# rules over the whole document that run before the sentence-by-sentence cues
DOCUMENT_RULES = [quote_then_dash_speaker, transcript_turns, headline_speaker]


class _DocClaims:
    """One document's claim state while the rules run: the claims so far, the quotes they took, the
    speakers seen (for pronouns), the sentence parses; ``done_finite``: the current sentence already
    gave a claim from a finite cue or a source phrase."""

    def __init__(self, doc: Document, ctx):
        self.ctx, self.doc, self.text, self.nlp = ctx, doc, doc.text, ctx.nlp
        self.R, self.reg = rules(ctx), ctx.actors
        self.quotes = _quotes(doc.text)
        self.used_quotes: set[tuple[int, int]] = set()
        self.speakers = _Speakers(doc, self.R, self.reg)
        self.claims: list[Claim] = []
        self.sents = doc.sentences or [type("S", (), {"start": 0, "end": len(doc.text)})()]
        self.done_finite = False
        self._parses: dict[tuple[int, int], object] = {}
        self.low = lowered(self.text)
        self.spans: dict[str, tuple[int, int, int]] = {}   # claim id -> (speaker start, content start, end)

    def parse(self, a: int, b: int):
        """The spaCy parse of one cue sentence (parsed at most once)."""
        if self.nlp is None:
            return None
        if (a, b) not in self._parses:
            self._parses[(a, b)] = self.ctx.parse(self.text[a:b])    # batched across documents under run_batched
        return self._parses[(a, b)]

    def add(self, sp0, sp1, speaker, cue, mode, c0, c1, ev0, ev1, sent, rule=""):
        """A claim of ``speaker`` (text[sp0:sp1]) saying text[c0:c1], evidence text[ev0:ev1]; None when the
        speaker is no noun phrase, the content too short, or the same claim is already taken."""
        text, doc = self.text, self.doc
        if sp1 <= sp0 or c1 <= c0:
            return None
        dl = _DATELINE.match(text, c0, c1)
        content = text[dl.end() if dl else c0:c1].strip(" ,.;:“”\"‘’'")
        if len(content.split()) < 2:
            return None
        # the last closing quote mark: ”, " or a doubled apostrophe ('' he)
        closing = max(speaker.rfind("”"), speaker.rfind('"'), speaker.rfind("''") + 1 if "''" in speaker else -1)
        if closing >= 0 and speaker[closing + 1:].strip():
            # '“You winning?” she': the quote before the pronoun is what was said, not the speaker
            sp0 += closing + 1 + (len(speaker[closing + 1:]) - len(speaker[closing + 1:].lstrip(" ,")))
            speaker = speaker[closing + 1:].lstrip(" ,")
        if speaker.count("(") > speaker.count(")") and text[sp1:sp1 + 1] == ")":
            speaker, sp1 = speaker + ")", sp1 + 1       # "Armament Research (ARES": close the bracket
        lead = _SPEAKER_LEAD.match(speaker)
        if lead:                 # "But they", "While he": the conjunction is not part of the speaker
            speaker, sp0 = speaker[lead.end():], sp0 + lead.end()
        aux = _AUX_TAIL.search(speaker)
        if aux and aux.start() > 0:       # "Hamas has long (warned)": the auxiliary and adverb are the verb's
            if not _fits_auxiliary(aux.group("aux"), cue.split()[0].lower()):
                return None     # "The union has long questions": after "has" the word is a noun
            speaker = speaker[:aux.start()]
        dateline = _AGENCY_DATELINE.match(text, sp0)
        if not speaker_is_noun_phrase(speaker) or dateline and dateline.end() <= sp1 + 4:
            return None          # (nor is the dateline "Lund (AFP) –")
        canonical, typ, aff = self.speakers.resolve(speaker.strip(" ,.;:"), sp0)
        ante = _pronoun_antecedent(self.parse, text, sent, sp0, speaker) if self.nlp is not None else None
        if ante is not None:
            canonical, typ, aff = self.speakers.resolve(text[ante[0]:ante[1]], ante[0])
        self.speakers.push(sp0, canonical, typ, aff, speaker)
        ch, chn = _channel(self.R, text[sent.start:sent.end], cue, self.reg)
        date = next((d.date_start for d in doc.dates or [] if sent.start <= d.start < sent.end and d.date_start), None)
        stype = {"military": "government"}.get(typ, typ)
        cid = ids.span_id("c", doc.doc_id, ev0, ev1, cue, sp0, c0)
        if any(x.claim_id == cid for x in self.claims):
            return None
        c = Claim(claim_id=cid, doc_id=doc.doc_id,
                  speaker=speaker.strip(" ,.;:"), speaker_canonical=canonical,
                  speaker_type=stype if stype in _SPEAKER_TYPES else "unknown", cue=cue, mode=mode,
                  content=content, evidence=doc.evidence(ev0, ev1), affiliation=aff if typ == "person" else None,
                  channel=ch, channel_name=chn, date=date, segment=doc.segment_of(ev0), rule=rule)
        self.claims.append(c)
        self.spans[cid] = (sp0, c0, c1)
        return c

    def quotes_from(self, c0: int, c1: int) -> None:
        """The quotes opening inside text[c0:c1] are taken."""
        for a, b in self.quotes:
            if c0 <= a < c1:
                self.used_quotes.add((a, b))


def component(doc: Document, ctx) -> Document:
    st = _DocClaims(doc, ctx)
    for rule in DOCUMENT_RULES:
        rule(st.R, doc, st.quotes, st.used_quotes, st.add, st.sents, st.parse)
    taken = [(c.evidence.start, c.evidence.end) for c in st.claims]
    for s in st.sents:
        if _TRUNCATED.search(st.text, s.start, s.end):
            continue           # a teaser cut short ("... two people died in the attack...")
        if any(a <= s.start and s.end <= b for a, b in taken):
            continue           # a transcript turn or a dash-attributed quote already holds this sentence
        if colon_quote(st.R, st.reg, doc, s, st.quotes, st.used_quotes, st.add, st.parse):
            continue
        _sentence_claims(st, s)
    _orphan_quotes(doc, st.quotes, st.used_quotes, st.claims, st.speakers, st.add, st.sents, st.R)
    st.claims.sort(key=lambda c: c.evidence.start)
    doc.claims = st.claims
    _link_figures(doc)
    return doc


def _sentence_claims(st: _DocClaims, s) -> None:
    """The claims of one sentence: its source phrases, then each cue through the ``CUE_RULES`` (the
    first that answers ends that cue), then "citing X" when nothing else in the sentence spoke."""
    st.done_finite = False
    citing = _source_phrases(st, s)
    for m in st.R.cues_in(st.text, st.low, s.start, s.end):
        cue = _cue_at(st, s, m)
        if cue is None:
            continue
        for step in CUE_RULES:
            got = step(st, cue)
            if got is not None:
                st.done_finite = st.done_finite or got is DONE
                break
    _citing(st, s, citing)


def _source_phrases(st: _DocClaims, s) -> list:
    """"according to X", "in the words of X": claims now; "citing X" is returned, to wait for the sentence's
    own verb cue."""
    text, s0, s1 = st.text, s.start, s.end
    citing = []
    for m in st.R.source.finditer(text, s0, s1):
        if _inside(m.start(), st.quotes):
            continue
        src = _SRC_SPLIT.split(m.group("src"))[0].strip()
        if not src:
            continue
        if m.group("cue").lower() == "citing":
            citing.append((m, src))
            continue
        src_end = m.start("src") + len(src)
        if m.start() - s0 <= 10:
            c0, c1 = src_end, s1
        elif not text[s0:m.start()].rstrip().endswith(",") and len(text[src_end:s1].split()) >= 3:
            c0, c1 = src_end, s1        # "a strike that according to X killed 22 people"
        else:
            c0, c1 = s0, m.start()
        st.add(m.start("src"), src_end, src, m.group("cue").lower(), "indirect", c0, c1, s0, s1, s,
               rule="source_phrase")
        st.done_finite = True
    return citing


def _citing(st: _DocClaims, s, citing: list) -> None:
    """"citing X": X is a source only when nothing in the sentence said it first."""
    text, s0, s1 = st.text, s.start, s.end
    for m, src in citing:
        if st.done_finite:
            continue
        if _source_like(st.R, st.reg, src):
            src_end = m.start("src") + len(src)
            c0, c1 = (s0, m.start()) if m.start() - s0 > 10 else (src_end, s1)
            st.add(m.start("src"), src_end, src, "citing", "indirect", c0, c1, s0, s1, s, rule="citing_source")
            st.done_finite = True
        elif st.nlp is not None:
            # "Hasina refused to meet them, citing ongoing court proceedings": the clause's subject cites
            span = _nearest_subject(st.parse(s0, s1), s0, m.start())
            if span is not None and len(text[span[0]:span[1]].split()) <= _MAX_SPEAKER_WORDS:
                st.add(span[0], span[1], text[span[0]:span[1]], "citing", "indirect", m.start(), s1, s0, s1, s,
                       rule="citing_subject")
                st.done_finite = True


# ---------------------------------------------------------------- one cue in a sentence

DONE, SKIP = "done", "skip"      # what a cue rule answers: a claim was made (or taken), or this cue is no claim


class _Cue:
    """A cue verb found in sentence ``s``, with the pieces of the sentence the cue rules read (computed once,
    when first read)."""

    def __init__(self, st: _DocClaims, s, m: re.Match, word: str):
        self.st, self.s, self.m, self.word = st, s, m, word
        self.s0, self.s1 = s.start, s.end
        self.start, self.end = m.start(), m.end()
        self.before = st.text[self.s0:self.start]
        self.participle = word in st.R.participles
        self.mental = word in st.R.belief or word in st.R.intention
        self.post = None          # (reprise, post-posed?), see _postposed

    @cached_property
    def told(self):
        """"told Reuters", "told state media": the addressee after the cue."""
        if self.word not in ("told", "tells"):
            return None
        return re.match(r"\s+((?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,5}(?:(?:state\s+)?(?:news agency|satellite channel|"
                        r"newspaper|channel|radio|television|TV))?|reporters|journalists|state media|local media)",
                        self.st.text[self.end:self.s1])

    @cached_property
    def cue(self) -> str:
        return f"{self.m.group('cue')} {self.told.group(1).strip()}" if self.told else self.m.group("cue")

    @cached_property
    def tail_start(self) -> int:
        return self.end + self.told.end() if self.told else self.end

    @cached_property
    def rest(self) -> str:
        return self.st.text[self.tail_start:self.s1]

    @cached_property
    def rest_words(self) -> str:
        return re.sub(r"\b(?:on|in|at|late|early)\s+\w+(?:\s+\w+)?|\b(?:in an? \w+(?: \w+)?)|when asked.*", "",
                      self.rest).strip(" .,”\"’")

    @cached_property
    def q_before(self):
        """A quote that closes just before the cue (at most nine words and no comma between)."""
        text = self.st.text
        return next(((a, b) for a, b in reversed(self.st.quotes) if b <= self.start and b >= self.s0 - 1 and
                     len(text[b:self.start].split()) <= 9 and "," not in text[b:self.start].strip(" ,")[1:]), None)

    @cached_property
    def adjacent(self) -> bool:
        return self.q_before is not None and self.st.text[self.q_before[1]:self.start].strip(" ,") == ""

    @cached_property
    def cut(self) -> int:
        """The last comma or closing quote before the cue."""
        left = self.before
        return max(left.rfind(","), left.rfind("”"), left.rfind("\""), left.rfind("’ "),
                   left.rfind("''") + 1 if "''" in left else -1)     # '' closes a quote in some archives


_REPORTED_FROM = re.compile(r"\s+from\s+[A-Z][\w.'’-]*(?:[\s,;]+(?:[A-Z][\w.'’-]*|and|from))*[\s.]*$")


def _cue_at(st: _DocClaims, s, m: re.Match) -> _Cue | None:
    """The cue matched by ``m``, or None where the word is no speech verb here."""
    text = st.text
    cue_start, cue_end = m.start(), m.end()
    if _inside(cue_start, st.quotes):
        return None
    word = re.sub(r"\s+", " ", m.group("cue").lower())
    before = text[s.start:cue_start]
    if m.group("cue")[0].isupper() and before.strip(" *\"“‘'"):
        return None        # a capitalised word mid-sentence is a name ("the United States"), not a cue
    if re.search(r"(?:\b(?:the|its|his|her|their|such|these|those|a|an|our|your|no)|\w['’]s?)\s+$", before,
                 re.IGNORECASE):
        return None        # a noun ("the former's claims", "their reports"), not a speech verb
    if _noun_reading(word, before):
        return None        # "a new report", "the latest estimate", "two states": a noun
    if _PREP_BEFORE.search(before):
        return None        # "deportations of rejected asylum seekers": an adjective
    if word in ("called", "calls") and _NAMING.search(before):
        return None        # "a village called Deir", "so-called": naming, not a statement
    if word in ("reported", "reporting") and _REPORTED_FROM.match(text, cue_end, s.end):
        return None        # "Vik Berg reported from Lund.": a contributor's note, where the reporter was
    if re.match(r"\s+up\b", text[cue_end:cue_end + 4]):
        return None        # "showed up", "called up": a phrasal verb
    return _Cue(st, s, m, word)


def _rule_passive_by_agent(st: _DocClaims, c: _Cue):
    if passive_by_agent(st.R, st.text, c.s, c.s0, c.s1, c.start, c.end, c.word, st.add):
        return DONE
    if _PASSIVE_BEFORE.search(c.before) and c.word not in ("said", "told"):
        return SKIP        # "they are also accused of": passive, the subject is not the speaker
    return None


def _rule_participle_own_subject(st: _DocClaims, c: _Cue):
    """"..., with local administrations urging civilians to leave": the participle's own speaker."""
    own = _own_subject(st.parse(c.s0, c.s1), st.text, c.s0, c.start) if c.participle else None
    if own is None:
        return None
    c0 = c.start if c.word not in st.R.say_verbs else c.end
    mthat = _LEAD_IN.match(st.text, c0, c.s1) if c0 == c.end else None
    c0 = mthat.end() if mthat else c0
    st.add(own[0], own[1], st.text[own[0]:own[1]], c.word, "mixed" if any(c0 <= a < c.s1 for a, b in st.quotes)
           else "indirect", c0, c.s1, c.s0, c.s1, c.s, rule="participle_own_subject")
    return DONE


def _rule_participle_follow_up(st: _DocClaims, c: _Cue):
    """"..., noting that students “...”", "..., saying: “...”": more of the same speaker's words."""
    if not (c.participle and st.done_finite):
        return None
    text, s0, s1, cue_end = st.text, c.s0, c.s1, c.end
    lead = re.match(r"\s*(?::|,)?\s*(?:that\b|[“\"‘])", text[cue_end:s1])
    prev = [x for x in st.claims if s0 <= x.evidence.start < s1]
    c0 = cue_end + re.match(r"\s*(?::|,)?\s*(?:that\s+)?", text[cue_end:s1]).end()
    head = text[c0:c0 + 40].strip(" “”\"‘’")[:25]
    if lead and prev and head and not any(head in x.content for x in prev):
        p = prev[-1]
        c1 = s1
        for a, b in st.quotes:
            if c0 <= a < c1 < b:
                c1 = b
        mode = "direct" if any(a == c0 and b >= c1 - 2 for a, b in st.quotes) else (
            "mixed" if any(c0 <= a < c1 for a, b in st.quotes) else "indirect")
        st.quotes_from(c0, c1)
        claim = st.add(c.start, cue_end, p.speaker, c.word, mode, c0, c1, c.start, max(s1, c1), c.s,
                       rule="participle_follow_up")
        if claim is not None:
            claim.speaker_canonical, claim.speaker_type, claim.affiliation = \
                p.speaker_canonical, p.speaker_type, p.affiliation
    return SKIP


def _rule_nested_or_question(st: _DocClaims, c: _Cue):
    text, s0 = st.text, c.s0
    tag = _postposed_tag(st.R, text, s0, c.s1, c.start, c.end, c.word) if st.done_finite else None
    coordinate = _coordinate_clause(text, s0, c.start) if st.done_finite and tag is None else None
    if tag is not None:
        # "Polling shows that “...,” said X": the earlier cue is nested in what X said
        for x in [x for x in st.claims if s0 <= st.spans.get(x.claim_id, (-1,))[0] < tag]:
            st.claims.remove(x)
    elif coordinate is not None:
        # "X said ..., but she warned ...": a second statement; the first one ends before it
        _end_contents(text, st.claims, st.spans, s0, coordinate)
    elif st.done_finite and any(s0 <= x.evidence.start < c.s1 for x in st.claims) \
            and len(re.sub(r"[^\w ]", "", text[c.end:c.s1]).split()) > 4:
        return SKIP        # reported speech nested in a claim already taken from this sentence
    if re.search(r"\b(?:what|whom|to be|been|is|was)\s+$", c.before) and c.word != "said":
        return SKIP
    if re.search(r"\bwhat\s+[\w\s]{0,30}$", c.before):
        return SKIP
    return None


def _rule_quote_name_apposition(st: _DocClaims, c: _Cue):
    appo = _quote_name_apposition(st.text, st.quotes, c.s0, c.start) if c.word in st.R.say_verbs else None
    if appo is None:
        return None
    (qa, qb), sp0, sp1 = appo
    if st.add(sp0, sp1, st.text[sp0:sp1], c.m.group("cue"), "direct", qa, qb, min(qa, c.s0), c.s1, c.s,
              rule="quote_name_apposition") is None:
        return None
    st.used_quotes.add((qa, qb))
    return DONE


def _rule_parenthetical_speaker(st: _DocClaims, c: _Cue):
    """"Part of the problem, say experts like Ana Lopes, a geologist, is the ground itself."""
    left, cut = c.before, c.cut
    if not (cut >= 0 and not left[cut + 1:].strip() and left[cut] == "," and c.word in st.R.say_verbs
            and not c.participle and not c.told):
        return None
    paren = _PARENTHETICAL.match(st.text, c.tail_start, c.s1)
    if not (paren and left[:cut].strip() and not _FINITE.search(paren.group("sp").split(",")[0])):
        return None
    claim = st.add(paren.start("sp"), paren.end("sp"), paren.group("sp"), c.cue, "indirect", c.s0, c.s0 + cut,
                   c.s0, c.s1, c.s, rule="parenthetical_speaker")
    if claim is None:
        return None
    claim.content = claim.content + " … " + paren.group("rest").strip(" .")
    return DONE


def _rule_inverted_speaker(st: _DocClaims, c: _Cue):
    """"..., said Mohammad Rahman, chairman of the institute."""
    left, cut, rest = c.before, c.cut, c.rest
    if not (cut >= 0 and not left[cut + 1:].strip() and not c.q_before and not c.participle
            and c.word in st.R.say_verbs and c.word not in st.R.object_verbs and len(left[:cut].split()) >= 4):
        return None
    inverted = _INVERTED.match(rest)
    if not inverted:
        return None
    # "..., said a spokesman for X, blaming Y": the participle clause is not part of the speaker
    ing = re.search(r",\s+[a-z]+ing\b", inverted.group(1))
    inv_end = inverted.start(1) + ing.start() if ing else inverted.end(1)
    inv_text = rest[inverted.start(1):inv_end]
    if _FINITE.search(inv_text) or st.R.cue.search(inv_text) or len(inv_text.split()) > 25:
        return None
    if _subject_opens_sentence(st.text, c.s0, c.start, cut, st.parse(c.s0, c.s1)):
        return None        # "Ana Lopes, a fellow at the institute, said the ...": pre-posed after all
    sp0, sp1 = c.tail_start + inverted.start(1), c.tail_start + inv_end
    st.add(sp0, sp1, st.text[sp0:sp1], c.cue, "indirect", c.s0, c.s0 + cut, c.s0, c.s1, c.s,
           rule=_kind(st.R, c.word, "inverted_speaker"))
    return DONE


def _postposed(st: _DocClaims, c: _Cue):
    """Whether the cue ends its clause ("..., X said." or '"...," said X'): (reprise, yes), read once per cue."""
    if c.post is None:
        c.post = _read_postposed(st, c)
    return c.post


_TAG_REST = re.compile(r"\s*(?:(?:to|of|about|into|with|for|toward|towards|outside|near|over|amid|as|while)\b|"
                       r",\s*[a-z]+ing\b)(?![^“”\"]*\bthat\b)[^“”\"]*$")


# '“...,” Lopes told a crowd in Lund on Tuesday.': whom the speaker told, and no "that" clause or quote after it
_TOLD_REST = re.compile(r"(?![^“”\"]*\bthat\b)[^“”\"]*$")


def _read_postposed(st: _DocClaims, c: _Cue):
    R, text, left, cut, rest = st.R, st.text, c.before, c.cut, c.rest
    q_before, s0 = c.q_before, c.s0
    reprise = _REPRISE.match(left[cut + 1:]) if cut >= 0 else None
    intro = R.intro.match(left[:cut + 1]) if cut >= 0 else None
    clause_left = cut >= 0 and len(left[:cut].split()) >= 4 and not (intro and intro.end() >= cut)
    post_ok = not c.participle and (c.word not in R.object_verbs or reprise)
    adjunct = clause_left and _ADJUNCT.match(rest) and len(left[cut + 1:].split()) <= 9 \
        and left[cut + 1:].strip() and not _FINITE.search(left[cut + 1:])
    # '“... Could be longer,” he told Radio Nord, to cheers ...': a quote that opened in an earlier
    # sentence, a short speaker and the cue
    adjunct = adjunct or q_before is not None and cut >= 0 and _ADJUNCT.match(rest) \
        and 0 < len(left[cut + 1:].split()) <= 4 and "," not in left[cut + 1:] \
        and not _FINITE.search(left[cut + 1:]) and q_before[1] >= s0 + cut
    # '“...,” Lopes said to a crowd of 500.' / '..., clutching the lectern': after a quote, its speaker and the
    # cue, a prepositional phrase or a participle that says nothing more
    adjunct = adjunct or q_before is not None and cut >= 0 and q_before[1] >= s0 + cut \
        and 0 < len(left[cut + 1:].split()) <= 6 and "," not in left[cut + 1:] \
        and not _FINITE.search(left[cut + 1:]) and (_TAG_REST.match(rest) or c.word in ("told", "tells")
                                                    and _TOLD_REST.match(rest))
    # '"...," said X, a retired admiral who ...': a quote right before the cue, the speaker after it
    # (with however long an apposition)
    inverted_after_quote = c.adjacent and c.word in R.say_verbs and not c.told \
        and len(text[q_before[0]:q_before[1]].split()) >= 4 and re.match(r"\s+(?:(?:the|a|an)\s+)?[A-Z]", rest)
    # "..., X said: “...”" / "..., X said, “...”": what follows the cue is what was said
    opens = q_before is None and re.match(r"\s*(?::\s*|,\s*(?=[“\"‘]))(?:[“\"‘]|\S)", text[c.tail_start:c.s1])
    # "When asked whether ..., Lindqvist said it would not": the clause before the comma opens the sentence
    intro_left = cut >= 0 and intro is not None and intro.end() >= cut and not q_before and bool(c.rest_words.strip())
    n_rest = len(c.rest_words.split())
    yes = post_ok and not opens and not intro_left and (
        (n_rest <= 3 or c.adjacent and n_rest <= 10 or adjunct or reprise or inverted_after_quote)
        and (q_before or c.start - s0 > 25))
    return reprise, bool(yes)


def _rule_quote_then_speaker(st: _DocClaims, c: _Cue):
    """'"...," X said' / '"...," said X': the quote right before the cue is what was said."""
    if not (c.q_before and st.text[c.q_before[1]:c.start].strip(" ,") == "") or not _postposed(st, c)[1]:
        return None
    tail = st.text[c.tail_start:c.s1]
    # (a speaker too long to take whole, '“...,” said Ana Lopes of the Institute of ... of Law.', is its head)
    sp = re.match(r"\s*((?:[\w’'.-]+\s*){1,8}?)(?=\s*(?:on|in|at|when|after)\b|[.,]|$)", tail) \
        or re.match(r"\s*([\w’'.-]+(?:\s+[\w’'.-]+){0,7}?)(?=\s+of\s)", tail)
    if not sp or c.told:     # "," told X -> X is the addressee, no speaker
        return SKIP
    sp0 = c.tail_start + sp.start(1)
    sp1 = sp0 + len(sp.group(1).rstrip())
    st.used_quotes.add(c.q_before)
    st.add(sp0, sp1, st.text[sp0:sp1], c.cue, "direct", c.q_before[0], c.q_before[1], min(c.q_before[0], c.s0),
           c.s1, c.s, rule="quote_then_speaker")
    return DONE


def _rule_clause_then_speaker(st: _DocClaims, c: _Cue):
    """"..., X said.": the clause before the comma is what X said."""
    reprise, yes = _postposed(st, c)
    if not yes:
        return None
    R, text, left, cut, q_before, s0, s1 = st.R, st.text, c.before, c.cut, c.q_before, c.s0, c.s1
    if cut < 0:
        span = _speaker_before(R, text, s0, c.start, st.quotes)
        if span is None:
            return SKIP
        sp0, sp1 = span
        c0, c1, mode, ev0 = c.tail_start, s1, "indirect", s0
    elif left[cut + 1:].strip():
        sp0 = s0 + cut + 1
        if reprise:
            sp0 += reprise.end()
        adv = R.adverbs.search(text[sp0:c.start])
        sp1 = sp0 + adv.start() if adv else c.start
        sub = _SUBORDINATE.match(text[sp0:sp1])
        if sub:
            sp0 += sub.end()
        if len(text[sp0:sp1].split()) > 9:
            return SKIP
        if not text[sp0:sp1].strip():
            return None      # "X, who ..., once said": only adverbs after the comma, the subject opens it
        if q_before and q_before[1] <= sp0 + 1:
            c0, c1, mode = q_before[0], q_before[1], "direct"
            st.used_quotes.add(q_before)
            ev0 = min(q_before[0], s0)
        else:
            c0, c1, mode, ev0 = s0, s0 + cut, "indirect", s0
            if reprise and c.word in R.object_verbs and c.rest_words:
                c1 = s1       # "X, a claim Ukraine disputes, citing Y": what is disputed and why
            if any(c0 <= a and b <= c1 for a, b in st.quotes):
                mode = "mixed"
    else:
        return None          # "X, a resident of Y, voiced ...": the subject opens the sentence
    if c.mental and not _mental_subject(text, sp0, sp1, s0, c.start, st.parse(s0, s1)):
        return SKIP
    st.add(sp0, sp1, text[sp0:sp1], c.cue, mode, c0, c1, ev0, s1, c.s, rule=_kind(R, c.word, "clause_then_speaker"))
    return DONE


def _rule_postposed_only(st: _DocClaims, c: _Cue):
    """"The fighting continued for days": not a cue when it comes first (unless a quote follows)."""
    if c.word in st.R.postposed_only and not re.match(r"\s*[,:]\s*[“\"‘]", st.text[c.end:c.s1]) \
            and not (st.R.showing and st.R.showing.search(c.before)):
        return SKIP
    return None


def _preposed_span(st: _DocClaims, c: _Cue):
    """The speaker before a pre-posed cue ("X said (that) ..."): (start, end), None, or SKIP."""
    R, text, s0, s1, cue_start = st.R, st.text, c.s0, c.s1, c.start
    span = None
    simple = None if c.participle else _simple_subject(R, text, s0, cue_start, st.quotes)
    if c.mental:
        # a belief or an intention needs the verb's own third-person subject ("The tax plans would ...",
        # "I want ..." in an unquoted speech are not attributions)
        span = _spacy_subject(st.parse(s0, s1), s0, cue_start) if st.nlp is not None else simple
        if span is None or not _mental_subject(text, span[0], span[1], s0, cue_start, None):
            return SKIP
        if st.nlp is None and c.word in R.intention and not re.match(r"\s+(?:to|that)\b", text[c.end:s1]):
            return SKIP    # without a parse, "plans to" / "hopes that" is a verb; "plans would" a noun
    elif simple is not None:
        span = simple     # "Hamas said ...", "The ministry said ...": the parse would say the same
    elif st.nlp is not None:
        span = _spacy_subject(st.parse(s0, s1), s0, cue_start, c.participle)
        if span is not None and len(text[span[0]:span[1]].split()) > _MAX_SPEAKER_WORDS:
            # "Ana Lopes, who took over the office after ..., said": the name before the first comma
            head = re.match(r"[^,(“\"]+", text[span[0]:span[1]])
            span = (span[0], span[0] + len(head.group(0).rstrip())) \
                if head and 0 < len(head.group(0).split()) <= 8 and head.group(0).strip()[:1].isupper() else None
    if span is None and c.participle:
        span = _issuer_subject(st.parse(s0, s1), s0, cue_start)
    if span is None and c.participle:
        span = _participle_lead(R, text, s0, cue_start)
    elif span is None:
        span = _speaker_before(R, text, s0, cue_start, st.quotes)
    return span


_NOT_SPEAKER_LEAD = {"to", "in", "on", "at", "for", "with", "from", "by", "as", "after", "under", "over", "but",
                     "and", "while", "during", "despite", "before", "since", "amid", "following"}


def _participle_lead(R, text: str, s0: int, cue_start: int):
    """The capitalised name (or "The ...") opening the sentence before a participle cue."""
    dl = _DATELINE.match(text, s0, cue_start) or _AGENCY_DATELINE.match(text, s0, cue_start)
    d0 = dl.end() if dl else s0      # "Lund (AFP) – ..." is a dateline, not the speaker
    off = R.intro.match(text[d0:cue_start])     # "Minutes later, ..." is not the speaker
    b0 = d0 + (off.end() if off else 0)
    lead = re.match(r"\s*((?:The|A|An|[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*|\s+(?:man|woman|group|police|"
                    r"army|military|ministry|movement|official|source))*)", text[b0:cue_start])
    first = lead.group(1).split()[0].lower() if lead else ""
    if lead and first not in _NOT_SPEAKER_LEAD and not first.endswith("ing"):
        return b0 + lead.start(1), b0 + lead.end(1)
    return None


def _rule_speaker_before_cue(st: _DocClaims, c: _Cue):
    """Pre-posed: "X said (that) ...", "X told Reuters: '...'"; a parse that puts the subject after the verb
    makes it inverted after all."""
    span = _preposed_span(st, c)
    if span is None or span == SKIP:
        return SKIP
    text, s0, s1, left = st.text, c.s0, c.s1, c.before
    if span[0] >= c.end:
        # the parse puts the subject after the verb ('“...” about the verdict, said X'): inverted after all
        cut2 = max(left.rstrip().rfind(","), left.rfind("”"), left.rfind('"'))
        if cut2 <= 0 or c.participle or left[cut2 + 1:].strip():
            return SKIP
        c0, c1 = s0, s0 + cut2 + (1 if left[cut2] in "”\"" else 0)
        mode = "mixed" if any(c0 <= a < c1 for a, b in st.quotes) else "indirect"
        st.quotes_from(c0, c1)
        st.add(span[0], span[1], text[span[0]:span[1]], c.cue, mode, c0, c1, s0, s1, c.s,
               rule=_kind(st.R, c.word, "inverted_speaker"))
        return DONE
    c0 = c.tail_start
    mthat = _LEAD_IN.match(text, c0, s1)
    bare = not re.match(r"\s*(?::|,)?\s*(?:that\b|[“\"‘])", text[c0:s1])
    c0 = mthat.end() if mthat else c0
    if bare and c.word not in st.R.say_verbs and not c.told:
        c0 = c.start          # "reiterated their commitment to ...": the verb is part of what was said
    c1 = s1
    mode = "indirect"
    q_after = next(((a, b) for a, b in st.quotes if c0 <= a <= c0 + 2), None)
    if q_after:
        c0, c1 = q_after
        mode = "direct"
        st.used_quotes.add(q_after)
    elif any(c0 <= a < c1 for a, b in st.quotes):
        # a quote opened inside the content runs on to its close, past the sentence if it must
        mode = "mixed"
        for a, b in st.quotes:
            if c0 <= a < c1 < b:
                c1 = b
                st.used_quotes.add((a, b))
    st.add(span[0], span[1], text[span[0]:span[1]], c.cue, mode, c0, c1, s0, max(s1, c1), c.s,
           rule=_kind(st.R, c.word, "speaker_before_cue"))
    return DONE


# the rules one cue goes through, in order; the first that answers (DONE or SKIP) ends the cue
CUE_RULES = [_rule_passive_by_agent, _rule_participle_own_subject, _rule_participle_follow_up,
             _rule_nested_or_question, _rule_quote_name_apposition, _rule_parenthetical_speaker,
             _rule_inverted_speaker, _rule_quote_then_speaker, _rule_clause_then_speaker, _rule_postposed_only,
             _rule_speaker_before_cue]


_NP = r"(?:(?:the|a|an)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+|(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*|he|she|they)"
# '“...,” Halvorsen fumed on Tuesday.' / '“...,” opined the Valley Herald.': a speaker and any verb after the quote
_TAIL_NP_VERB = re.compile(rf"\s*,?\s*(?P<sp>{_NP})\s+(?P<v>[a-z]+ed|[a-z]+s|read|wrote|spoke|went on)\b"
                           r"(?P<rest>[^“”\"]{0,80}?)[.!?]?\s*$")
_TAIL_VERB_NP = re.compile(rf"\s*,?\s*(?P<v>[a-z]+ed|read|reads|wrote)\s+(?P<sp>{_NP})(?P<rest>,[^“”\"]{{0,120}}?)?[.!?]?\s*$")
# a quote that closes on a comma: a speaker tag follows it ('“...,” Lund shot back with a laugh.')
_CLOSES_ON_COMMA = re.compile(r",\s*(?:[”\"’]|'')$")


def _speaker_tail(text: str, a: int, b: int, s1: int):
    """A quote that closes on a comma (or ? !) and is followed, to the end of its sentence, by a speaker and a
    verb in either order: ((speaker start, end), verb) or None. The verb need not be a speech verb."""
    if not re.search(r"[,?!…][”\"’']{1,2}$", text[a:b]) and not text[b:b + 1] == ",":
        return None
    for rx in (_TAIL_NP_VERB, _TAIL_VERB_NP):
        m = rx.match(text, b, s1)
        if m is None or m.group("sp").split()[0].lower() in _NOT_NOUNS:
            continue
        rest = m.group("rest") or ""
        if rx is _TAIL_NP_VERB and rest.strip() and not _ADJUNCT.match(rest) and not _CLOSES_ON_COMMA.search(text[a:b]):
            continue       # (after a comma any words may follow the tag's verb: "with a laugh", "as if ...")
        return (m.start("sp"), m.end("sp")), m.group("v")
    return None


# 'He answered, “...”' / 'Lopes then boomed: “...”': a sentence that is only a speaker, a verb and the quote
_SPEAKER_VERB_LEAD = re.compile(rf"\s*(?:(?:But|And|Then|So),?\s+)?(?P<sp>{_NP})\s+(?:(?:then|also|later|simply|"
                                r"finally|quickly|again)\s+)?(?P<v>[a-z]+ed|[a-z]+s|shot back|went on|spoke|wrote)"
                                r"(?:\s+(?:back|on|up|in))?\s*[,:]\s*")


def _cue_sentence_before(R, text: str, sents, sent, a: int, quotes):
    """"Ana Lopes disagreed." / "The minister went on:" followed by a quote that opens the next sentence: the
    short sentence that ends on its cue introduces the quote. (speaker span, cue, evidence start) or None."""
    if text[sent.start:a].strip(" \t\n*") or a < sent.start:
        return None
    ps = next((x for x in reversed(sents) if x.end <= sent.start), None)
    if ps is None or text[ps.end:a].count("\n") > 2:
        return None
    body = text[ps.start:ps.end]
    cues = [m for m in R.cue.finditer(body) if body[m.end():].strip() in ("", ".", ":")]
    if not cues or len(body.split()) > 12 or _quotes(body):
        return None
    m = cues[-1]
    span = _speaker_before(R, text, ps.start, ps.start + m.start(), quotes)
    if span is None or len(text[span[0]:span[1]].split()) > 8:
        return None
    return span, m.group("cue"), ps.start


def _continue_tagged_quote(doc, claims, a: int, b: int) -> bool:
    """'“We will rebuild,” she went on, “and ... . ...”': a quote that opens right after a direct claim's speaker
    tag, in that claim's sentence, and runs past its end is the same statement; it extends that claim."""
    text = doc.text
    for c in claims:
        if c.mode not in ("direct", "mixed") or not c.evidence.start <= a <= c.evidence.end + 1:
            continue       # (a sentence split may fall on the comma after the tag)
        tag = text[c.evidence.start:a]
        if c.speaker not in tag or not re.search(r"[,:]\s*$", tag) or text[a:b].strip(" “”\"‘’'")[:25] in c.content:
            continue
        c.content = c.content + " … " + text[a:b].strip(" “”\"‘’'")
        c.evidence = doc.evidence(c.evidence.start, b)
        c.rule = c.rule if c.rule.endswith("+continued") else c.rule + "+continued"
        return True
    return False


_CLAUSE_SUBJECT = (r"(?:(?:the|a|an|his|her|its|their)\s+[\w’'-]+(?:\s+[\w’'-]+)?|he|she|they|it|(?:[a-z]+\s+)?[a-z]+s|"
                   r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+(?:(?:also|then|later|again|still|has|have|had|"
                   r"would|will|quickly|repeatedly|immediately|separately)\s+){0,2}$")
# "..., but she warned", "...; the mayor added", "... but Lopes said": a second clause with its own subject
_COORDINATE = re.compile(r"(?P<b>,\s*(?:but|and|yet|while|whereas|though|although)\s+|;\s*|\s+but\s+)"
                         + _CLAUSE_SUBJECT)
# "Although Lopes admitted ..., she claimed": a subordinate clause opens the sentence, the main clause follows
_SUBORDINATE_LEAD = re.compile(r"[\"“]?(?:Although|Though|Even though|While|Whereas|Even as)\s[^;]*?(?P<b>,)\s+"
                               + _CLAUSE_SUBJECT)


def _coordinate_clause(text: str, s0: int, cue_start: int) -> int | None:
    """Where the clause of a cue's subject begins when it is coordinated with, or the main clause after, an earlier
    one ("X said ..., but she warned ...", "Although X admitted ..., she claimed ..."), else None."""
    m = _COORDINATE.search(text, s0, cue_start) or _SUBORDINATE_LEAD.match(text, s0, cue_start)
    if m is None or m.end() != cue_start or _inside_any_quote(text, s0, m.start("b")):
        return None
    return m.start("b")


def _inside_any_quote(text: str, s0: int, pos: int) -> bool:
    return _inside(pos, [(a + s0, b + s0) for a, b in _quotes(text[s0:pos + 1])]) is not None \
        or text[s0:pos].count("“") > text[s0:pos].count("”")


def _end_contents(text: str, claims, spans, s0: int, b: int) -> None:
    """Claims of the sentence whose content runs over ``b`` end there."""
    for c in claims:
        sp0, c0, c1 = spans.get(c.claim_id, (-1, -1, -1))
        if s0 <= sp0 < b and c0 < b < c1:
            content = text[c0:b].strip(" ,.;:“”\"‘’'")
            if len(content.split()) >= 2:
                c.content = content
                spans[c.claim_id] = (sp0, c0, b)


# a short speaker that closes a sentence after its comma: "he", "officials", "Ivo Marsh", "the survey", "a spokesman"
_TAG_SPEAKER = re.compile(r"\s*(?:(?:he|she|they|it)|(?!(?:and|but|or|as|while|which|that|who|what|if|so|this|"
                          r"these|those|its|his|her|their)\b)(?:[a-z][\w-]*\s+)?[a-z][\w-]*s|(?:(?:the|a|an)\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|"
                          r"(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+)\s*")
_TAG_END = re.compile(r"\s*(?:(?:on|in|at|late|early|last|this)\s+[\w ]{1,30}?)?\s*[.!?]?[”\"’]?\s*")


def _postposed_tag(R, text: str, s0: int, s1: int, cue_start: int, cue_end: int, word: str) -> int | None:
    """'..., the survey found.', '“...,” said Ivo Marsh, a planner.': a speaker tag that closes the sentence after
    a comma or a closing quote; what comes before it is what was said, cues in it included. The position of that
    comma or quote, else None."""
    if word not in R.say_verbs or word in R.participles or word in R.object_verbs:
        return None
    left = text[s0:cue_start]
    cut = max(left.rfind(","), left.rfind("”"), left.rfind('"'), left.rfind("''") + 1 if "''" in left else -1)
    if cut < 0 or len(left[:cut].split()) < 4:
        return None
    who, rest = left[cut + 1:], text[cue_end:s1]
    if who.strip():
        ok = _TAG_SPEAKER.fullmatch(who) is not None and _TAG_END.fullmatch(rest) is not None
    else:
        inv = _INVERTED.match(rest)
        ok = inv is not None and re.match(r"\s+(?:(?:the|a|an)\s+)?[A-Z]", rest) is not None \
            and not _FINITE.search(inv.group(1)) and not R.cue.search(inv.group(1)) and len(inv.group(1).split()) <= 25
    return s0 + cut if ok else None


def _embedded_quote(text: str, sent, a: int, b: int) -> bool:
    """'Critics called the plan “a costly detour” and voted it down.': a quote with the writer's own words on both
    sides in its sentence is a phrase the sentence uses (a title, a scare quote, a fragment), not a statement."""
    return bool(re.search(r"\w", text[sent.start:a])) and bool(re.search(r"\w", text[b:sent.end]))


# "Romney fired back, attacking the plan for “...”": a named person or he/she opens the sentence, a verb follows
_NAME_WORD = r"[A-Z][\w.-]*(?:[’'](?!s\b)\w+)*"
_EMBEDDING_SUBJECT = re.compile(rf"\s*(?:(?:But|And|Then|So|Yet|Still|Later|Now),?\s+)?"
                                r"(?!(?:When|As|While|After|Before|If|Because|Although|Though|Since|Until|Once|Where|"
                                r"Whether|The|A|An|This|That|In|On|At|For|With|By|From|To|Of|Like|Unlike)\b)"
                                rf"(?P<sp>He|She|{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s+"
                                r"(?:(?:also|then|later|again|has|had|have|once)\s+)?"
                                r"(?!(?:and|or|who|whose|which|of|for|in|on|at|to|with|by|from|the|a|an)\b)(?P<v>[a-z]+)\b")


def _names_person(doc, speakers, a: int, b: int) -> bool:
    """Whether text[a:b] is he/she or a person's name as a whole (a person the document's actors or the registry
    know), not a word before one ("When Lopes spoke")."""
    span = doc.text[a:b]
    if span.lower() in ("he", "she"):
        return True
    if any(m.type == "person" and m.start == a and m.end == b for m in doc.actors or []):
        return True
    m = speakers.reg.resolve(span)
    return m is not None and m.type == "person" and speakers.reg.strip_titles(span) == span


def _orphan_quotes(doc, quotes, used, claims, speakers, add, sents, R):
    """A quote with no cue of its own continues the claim just before it (same or next paragraph)."""
    text = doc.text
    for a, b in quotes:
        if (a, b) in used or len(text[a:b].split()) < 4:
            continue
        if any(c.evidence.start <= a and b <= c.evidence.end for c in claims):
            continue
        if _continue_tagged_quote(doc, claims, a, b):
            continue
        prev = [c for c in claims if c.evidence.end <= a and text[c.evidence.end:a].count("\n") <= 2
                and len(text[c.evidence.end:a].split()) <= 12]
        sent = next((s for s in sents if s.start <= a < s.end), None)
        if sent is None:
            continue
        end = next((x for x in sents if x.start < b <= x.end), sent)    # (a quote may run over sentences)
        tail = _speaker_tail(text, a, b, end.end)
        if tail is not None:
            (sp0, sp1), verb = tail
            if add(sp0, sp1, text[sp0:sp1], verb, "direct", a, b, a, sent.end, sent,
                   rule="quote_then_speaker_verb") is not None:
                used.add((a, b))
                continue
        sv = _SPEAKER_VERB_LEAD.fullmatch(text, sent.start, a) if not re.search(r"\w", text[b:end.end]) else None
        if sv is not None and add(sv.start("sp"), sv.end("sp"), sv.group("sp"), sv.group("v"), "direct", a, b,
                                  sent.start, b, sent, rule="speaker_verb_then_quote") is not None:
            used.add((a, b))
            continue
        lead = _cue_sentence_before(R, text, sents, sent, a, quotes)
        if lead is not None:
            (sp0, sp1), cue, ev0 = lead
            if add(sp0, sp1, text[sp0:sp1], cue, "direct", a, b, ev0, b, sent, rule="cue_sentence_then_quote") is not None:
                used.add((a, b))
                continue
        embedded = _embedded_quote(text, sent, a, b)
        if embedded:
            subj = _EMBEDDING_SUBJECT.match(text, sent.start, a)
            if subj is not None and _names_person(doc, speakers, subj.start("sp"), subj.end("sp")) \
                    and add(subj.start("sp"), subj.end("sp"), subj.group("sp"), subj.group("v"), "direct", a, b,
                            sent.start, sent.end, sent, rule="embedding_subject") is not None:
                continue
        if prev and not embedded:
            p = max(prev, key=lambda c: c.evidence.end)     # the nearest (claims are not kept in text order)
            if p.mode in ("direct", "mixed") and not text[p.evidence.end:a].strip():
                # '"...," she said. "..."': the quote runs on over the next sentence; one statement
                p.content = p.content + " … " + text[a:b].strip(" “”\"‘’'")   # the cue between is left out
                p.evidence = doc.evidence(p.evidence.start, b)
                p.rule = p.rule if p.rule.endswith("+continued") else p.rule + "+continued"
                continue
            c = add(a, b, p.speaker, p.cue, "direct", a, b, a, b, sent, rule="orphan_quote_continues")
            if c is not None:
                c.speaker_canonical, c.speaker_type, c.affiliation = p.speaker_canonical, p.speaker_type, p.affiliation
            continue
        # "his promises of '...'": a speech noun and a named person earlier in the sentence
        before = text[sent.start:a]
        if R.nouns.search(before):
            people = [m for m in speakers.reg.find_all(before) if m.type == "person"]
            if people:
                m = people[-1]
                add(sent.start + m.start, sent.start + m.end, m.text, R.nouns.search(before).group(0), "direct",
                    a, b, sent.start, sent.end, sent, rule="speech_noun_quote")


def _link_figures(doc: Document) -> None:
    """A figure inside a claim is reported by its speaker."""
    default = {doc.outlet or "unattributed", "unattributed"}
    for f in doc.figures:
        pos = f.evidence.start
        # "X said ..., citing Y": X reports the number (Y is X's source); an "according to" source is direct
        ranked = sorted(doc.claims, key=lambda c: c.cue == "citing")
        for c in ranked:
            if c.evidence.start <= pos < c.evidence.end or c.evidence.start <= f.evidence.end - 1 < c.evidence.end:
                if f.claimant in default or c.cue in ("according to", "in the words of") \
                        or f.claimant == c.speaker_canonical:
                    f.claimant = c.speaker_canonical
                    f.claim_id = c.claim_id
                    break
    from .figures import merge_repeats
    merge_repeats(doc)
