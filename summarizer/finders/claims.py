"""Claims for any story: every direct quotation and reported statement with a speaker.

Found per paragraph, with exact offsets:

* quotations (curly or straight marks, across sentences and into the next paragraph when
  news style leaves a paragraph's quote open), attributed by the words after them
  (``," he said``, ``," said Mr. X``), before them (``X tweeted Saturday: "...``, ``X said
  that ... "...``), or by the quotation they continue in the same paragraph;
* reported speech in the outlet's words: ``X said (that) ...``, ``..., X said``,
  ``according to X``, ``X called for ...``.

A quotation is one claim, however many sentences it runs to (scored on the dev set, one
claim per quoted sentence cost precision 0.94 -> 0.84 for no recall). Speakers are read as names:
titles and honorifics dropped, a surname or "he"/"she" read as the person named before
(``names.NameBook``). The verbs are in ``lexicon/speech.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from summarizer.finders.lexicon import lexicon, listed, words
from summarizer.finders.names import NameBook
from summarizer.finders.quotes import CLOSE, OPEN, outside_quotes, quote_spans
from summarizer.finders.speakers import clean_speaker, ends_in_role, speaker_kind
from summarizer.text.grounding import Span
from summarizer.text.sentences import SentenceIndex

Speech = Literal["direct", "reported"]
MIN_QUOTE_WORDS = 3
"""Shorter quotations are scare quotes ("witch hunt", "regime forces"), not claims (a
quotation counts only when a speaker is attributed to it)."""


@dataclass(frozen=True)
class Claim:
    """Words attributed to someone, with the speaker as written and as a name."""

    span: Span
    speaker: str
    claimant: str
    verb: str
    speech: Speech


def _verbs() -> str:
    forms = sorted(lexicon("speech")["reporting_verbs"], key=len, reverse=True)
    return "|".join(re.escape(v) for v in forms)


_ABBREVIATED = r"\.(?=,)|(?<=\b[A-Z])\.|" + "|".join(
    rf"(?<={short})\."
    for short in listed("names", "claims.abbreviated_titles")
)
"""A full stop inside a name: an initial ('Ana B. Berg') or an honorific ('Mr. Hale')."""
_SPEAKER = rf"(?:[^,.;:!?\u201c\u201d\"]|{_ABBREVIATED}){{1,80}}?"


def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = _verbs()
    closing = "|".join(
        re.escape(v) for v in sorted(lexicon("speech")["closing_verbs"], key=len, reverse=True)
    )
    return {
        "after": re.compile(
            rf"^\s*[,.!?\u2014-]?\s*(?:(?P<verb_first>{verbs})\s+(?P<speaker_after>(?:[^,.;:\u201c\"]|{_ABBREVIATED}){{2,80}}?)"
            rf"(?=[,.;:]|\s+(?:on|in|at|to|from|during|after|who|which)\b|$)"
            rf"|(?P<speaker>(?:[^.;:!?\u201c\u201d\"]|{_ABBREVIATED}){{1,200}}?)\s+(?:\w+ly\s+)?(?P<verb>{verbs})\b)",
        ),
        "lead": re.compile(
            rf"(?P<speaker>{_SPEAKER})\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?(?P<verb>{verbs})\b(?P<rest>[^\u201c\"]*)$"
        ),
        "reported": re.compile(
            rf"(?:^|,\s+|;\s+|\b(?:that|as|after|when|while|but|and)\s+)(?P<speaker>{_SPEAKER})\s+"
            rf"(?:\w+ly\s+|also\s+|later\s+|then\s+|have\s+|has\s+|had\s+)?(?P<verb>{verbs})\b(?P<rest>.*)$"
        ),
        "trailing": re.compile(
            rf",[\u201d\"]?\s*(?P<speaker>[^,;\u201c\u201d\"]{{2,80}}?)\s+(?P<verb>{closing})"
            rf"(?P<tail>(?:\s+[\w.\u2019'-]+){{0,6}})\s*[.!?]?$"
        ),
        "according": re.compile(r"\baccording to (?P<speaker>[^,;.]{2,90})", re.IGNORECASE),
        "later": re.compile(
            rf"^[^\u201c\"]*?,\s+(?P<verb>{closing})\s+(?P<speaker>(?:[^,.;:\u201c\"]|{_ABBREVIATED}){{2,60}}?)"
            rf"(?=[,.;]|$)"
        ),
        "cue": re.compile(rf"\b(?:{verbs})\b|according to", re.IGNORECASE),
        "verb": re.compile(rf"\b(?:{verbs})\b"),
    }


_CIRCUMSTANCE = re.compile(
    r"^[\s,]*(?:\w+\s+)?(?:in|on|at|to|during|from|via|with)\b[^,;]{0,60}[.!?]?\s*$", re.IGNORECASE
)
"""'said in a statement.', 'told Fox News.': where or to whom, with nothing reported."""


_QUOTED_AS = re.compile(
    r"\bquoted\s+(?P<speaker>[^,;]{2,60}?)\s+as\s+saying\s+(?:\w+day\s+)?(?:that\s+)?(?P<rest>.*)$"
)
"""'State media quoted an unnamed military official as saying ...': the official speaks."""


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


class _Finder:
    """One article's claims, paragraph by paragraph."""

    def __init__(
        self,
        text: str,
        body: list[Span],
        index: SentenceIndex,
        names: NameBook,
        quotes: list[Span] | None = None,
    ):
        self.text, self.body, self.index, self.names = text, body, index, names
        self.patterns = _patterns()
        self.quotes = (
            quotes if quotes is not None else [q for r in body for q in quote_spans(text, r)]
        )
        self.last_group: str | None = None
        self.found: list[Claim] = []

    def resolve(self, speaker: str, at: int, context: str = "") -> str | None:
        """The name a speaker phrase stands for; ``context`` is the whole phrase around
        it ('Ruritania's defense minister, Gen. Piet Varga,'), whose person wins over
        a role."""
        kind = speaker_kind(speaker)
        if kind is None:
            return None
        if kind == "person":
            return self.subject_before(at, speaker.lower())
        if kind == "group":
            return self.last_group
        role = ends_in_role(speaker)
        if role:  # "Ruritania's defense minister, Gen. X,": the person named beside the role,
            named = self.names.person_in(context.replace(speaker, " ", 1), at) if context else None
            holder = (
                None
                if "\u2019" in speaker or "'" in speaker
                # else its holder
                else (self.names.role_holder(speaker.split()[-1].lower(), at))
            )
            claimant = named or holder or re.sub(r"^(?:the|The)\s+", "", speaker)
        else:
            claimant = self.names.canonical(speaker, at)
        if claimant.lower().startswith(("the ", "a ", "an ")) and claimant[:1].isupper():
            claimant = claimant[:1].lower() + claimant[1:]
        return claimant

    def subject_before(self, at: int, pronoun: str) -> str | None:
        """Whom 'he' or 'she' stands for: the first person named (outside quotations) in
        the sentence before, else the last speaker, else the last person named."""
        sentence = self.sentence_of(at)
        wanted = {"she": "f", "he": "m"}.get(pronoun)

        def agrees(name: str) -> bool:  # 'he' is no one the article calls Ms.
            gender = self.names.gender(name)
            return wanted is None or gender is None or gender == wanted

        region = next((r for r in self.body if r.start <= at < r.end), None)
        here = [c.claimant for c in self.found if region and region.start <= c.span.start < at
                and " " in c.claimant and agrees(c.claimant)]  # fmt: skip
        if here:
            return here[-1]
        number = self.index.number(sentence.start)
        if number >= 2:
            previous = self.index.spans[number - 2]
            for mention in self.names.mentions:
                inside = any(q.start <= mention.span.start < q.end for q in self.quotes)
                if (mention.person and previous.start <= mention.span.start < previous.end
                        and not inside and agrees(mention.name)):  # fmt: skip
                    return self.names.canonical(mention.name, at)
        people = [c.claimant for c in self.found
                  if c.span.start < at and " " in c.claimant and agrees(c.claimant)]  # fmt: skip
        return people[-1] if people else self.names.last_person_before(at, self.quotes)

    def sentence_of(self, offset: int) -> Span:
        return self.index.cover(Span(offset, offset + 1))

    def attribution(self, quote: Span, region: Span) -> tuple[str, str, str] | None:
        """(speaker, verb, the words around the speaker) for a quotation, from the words
        after it or before it."""
        after_end = min(region.end, quote.end + 240)
        after = self.text[quote.end : after_end]
        following = next((q.start for q in self.quotes if quote.end <= q.start < after_end), None)
        if following is not None:
            after = self.text[quote.end : following]
        match = self.patterns["after"].match(after)
        same_sentence = match is not None and self.sentence_of(quote.end - 1) == self.sentence_of(
            min(quote.end + match.end(), len(self.text) - 1)
        )
        if match and same_sentence and (match["speaker_after"] or match["speaker"]):
            whole = match["speaker_after"] or match["speaker"]
            speaker = clean_speaker(whole.split(",")[0])
            if speaker_kind(speaker):
                return speaker, match["verb_first"] or match["verb"], whole
        sentence = self.sentence_of(quote.start)
        rest = self.text[quote.end : min(sentence.end, region.end)]
        later = self.patterns["later"].search(rest)  # '" at the base, said Morgan, adding'
        if later and speaker_kind(clean_speaker(later["speaker"])):
            return clean_speaker(later["speaker"]), later["verb"], later["speaker"]
        before = self.text[max(sentence.start, region.start) : quote.start]
        before = before.split(CLOSE)[-1]
        lead = self.patterns["lead"].search(before)
        if lead and speaker_kind(clean_speaker(lead["speaker"])):
            return clean_speaker(lead["speaker"]), lead["verb"], lead["speaker"]
        return None

    def direct(self, region: Span) -> list[tuple[Span, str, str, str]]:
        """Attributed quotations of a paragraph: (span, speaker, claimant, verb)."""
        quotes = [q for q in self.quotes if region.start <= q.start < region.end]
        found: list[tuple[Span, str | None, str | None, str | None]] = []
        for quote in quotes:
            attributed = self.attribution(quote, region)
            claimant = (
                self.resolve(attributed[0], quote.start, attributed[2]) if attributed else None
            )
            if attributed and claimant:
                found.append((quote, attributed[0], claimant, attributed[1]))
            else:
                found.append((quote, None, None, None))
        known = [(q, s, c, v) for q, s, c, v in found if c]
        kept = []
        for quote, speaker, claimant, verb in found:
            if claimant is None and known:  # continues a quotation of the same paragraph
                source = min(known, key=lambda k: abs(k[0].start - quote.start))
                speaker, claimant, verb = source[1], source[2], source[3]
            if claimant is None and self.text[region.start] in (OPEN, '"'):
                speaker, claimant, verb = self.previous_speaker(region)
            if (
                claimant
                and speaker
                and verb
                and _words(self.text[quote.start : quote.end]) >= MIN_QUOTE_WORDS
            ):
                kept.append((quote, speaker, claimant, verb))
        return kept

    def previous_speaker(self, region: Span) -> tuple[str | None, str | None, str | None]:
        """A paragraph that opens with a quotation and names no speaker continues the
        previous paragraph's last quotation."""
        earlier = [c for c in self.found if c.span.start < region.start and c.speech == "direct"]
        if not earlier:
            return None, None, None
        last = earlier[-1]
        gap = self.text[last.span.end : region.start]
        if len(gap) > 300:
            return None, None, None
        return last.speaker, last.claimant, last.verb

    def reported(self, sentence: Span) -> tuple[Span, str, str, str] | None:
        """Indirect speech in one sentence, outside its quotation marks."""
        words_ = self.text[sentence.start : sentence.end]
        masked = self.mask_quotes(sentence)
        if not self.patterns["cue"].search(masked):
            return None
        trailing = self.patterns["trailing"].search(masked)
        if trailing:
            speaker = clean_speaker(trailing["speaker"])
            claimant = self.resolve(speaker, sentence.start + trailing.start())
            if claimant and _words(words_[: trailing.start()]) >= 3:
                return (
                    Span(sentence.start, sentence.start + trailing.start()),
                    speaker,
                    claimant,
                    trailing["verb"],
                )
        quoted_as = _QUOTED_AS.search(masked)
        if quoted_as:
            speaker = clean_speaker(quoted_as["speaker"])
            claimant = self.resolve(speaker, sentence.start + quoted_as.start("speaker"))
            if claimant:
                span = Span(sentence.start + quoted_as.start("rest"), sentence.end)
                return self.trimmed(span), speaker, claimant, "quoted"
        according = self.patterns["according"].search(masked)
        if according:
            speaker = clean_speaker(according["speaker"])
            claimant = self.resolve(speaker, sentence.start + according.start())
            if claimant:
                return self.trimmed(sentence), speaker, claimant, "according to"
        for verb_match in self.patterns["verb"].finditer(masked):
            verb, rest = verb_match.group(), masked[verb_match.end() :]
            if re.search(
                r"\b(?:the|a|an|this|that|its|his|her|their)\s+$",
                masked[: verb_match.start()],
                re.I,
            ):
                continue  # 'this report', 'the claims': a noun
            particle = verb.lower() in lexicon("speech")["needs_particle"]
            if not self.reports_speech(verb, rest) or (_CIRCUMSTANCE.match(rest) and not particle):
                continue
            addressing = verb.lower() in ("told", "tells", "tell", "said", "says", "say")
            if addressing and _words(rest) <= 5 and not re.search(r"\bthat\b|:", rest):
                continue  # 'told the AFP news agency.': to whom, nothing reported
            speaker, claimant = self.subject(sentence, masked, verb_match.start())
            if claimant is None:
                continue
            begin = sentence.start + verb_match.start()
            return self.trimmed(Span(begin, sentence.end)), speaker, claimant, verb
        return None

    def subject(self, sentence: Span, masked: str, verb_at: int) -> tuple[str, str | None]:
        """Who a reporting verb's words are: the phrase before it back to a clause
        boundary, else the first person named before it in the sentence."""
        before = masked[:verb_at]
        boundary = max(
            (
                m.end()
                for m in re.finditer(
                    r"(?:^|,\s+|;\s+|\s\u2014\s|\b(?:that|but|and|while|as)\s+)", before
                )
            ),
            default=0,
        )
        speaker = clean_speaker(before[boundary:])
        context = (
            before[max(0, before.rfind(",", 0, max(boundary - 2, 0)) + 1) :] if boundary else ""
        )
        claimant = self.resolve(speaker, sentence.start + boundary, context) if speaker else None
        if claimant:
            return speaker, claimant
        for mention in self.names.mentions:
            at = mention.span.start - sentence.start
            known = mention.person or self.names.knows_surname(mention.name)
            if known and 0 <= at < verb_at and "_" not in masked[at : at + 1]:
                return mention.name, self.names.canonical(mention.name, mention.span.start)
        return speaker, None

    def reports_speech(self, verb: str, rest: str) -> bool:
        """A weak verb ('agreed', 'believes') reports speech only before a clause, and
        'called' only as 'called for/on'."""
        particles = lexicon("speech")["needs_particle"].get(verb.lower())
        if particles:
            return bool(re.match(rf"^\s*(?:\w+\s+){{0,2}}?(?:{'|'.join(particles)})\b", rest))
        if verb.lower() in words("speech", "weak_verbs"):
            return bool(re.match(r"^\s*(?:[^,]{0,40}\s)?(?:that\b|:)", rest))
        return True

    def mask_quotes(self, sentence: Span) -> str:
        return outside_quotes(self.text, sentence, self.quotes)

    def trimmed(self, span: Span) -> Span:
        end = span.end
        while end > span.start and self.text[end - 1] in ". ":
            end -= 1
        return Span(span.start, end)

    def run(self) -> list[Claim]:
        self.found = []
        for region in self.body:
            for quote, speaker, claimant, verb in self.direct(region):
                self.add(Claim(quote, speaker, claimant, verb, "direct"))
            for sentence in self.index.spans:
                if not (region.start <= sentence.start and sentence.end <= region.end):
                    continue
                candidate = self.reported(sentence)
                if candidate is None:
                    continue
                span, speaker, claimant, verb = candidate
                if _words(self.text[span.start : span.end]) < 4:
                    continue
                overlaps = any(
                    c.span.start < span.end and span.start < c.span.end for c in self.found
                )
                if not overlaps:
                    self.add(Claim(span, speaker, claimant, verb, "reported"))
        return sorted(self.found, key=lambda c: c.span.start)

    def add(self, claim: Claim) -> None:
        self.found.append(claim)
        if (
            claim.claimant.endswith("s")
            and not claim.claimant[:1].isupper()
            or claim.claimant.split()[-1].endswith("s")
        ):
            self.last_group = claim.claimant


def find_claims(
    text: str,
    body: list[Span],
    index: SentenceIndex,
    names: NameBook,
    quotes: list[Span] | None = None,
) -> list[Claim]:
    """Every attributed quotation (one claim per sentence) and reported statement of the
    body, in text order."""
    return _Finder(text, body, index, names, quotes).run()
