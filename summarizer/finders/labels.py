"""Labels for any story: the descriptive words an article uses for an actor it names.

Four kinds, each tied to the actor code can see it refers to:

* titles before a name ("Senate Minority Leader Ana Berg" -> "Senate Minority
  Leader" for Ana Berg), from ``names.NameBook``;
* appositions ("Paul Novak, the top Democrat on the Senate Intelligence Committee,";
  "the gunman, Tom Reyes,"; "identified as");
* definite descriptions that refer back ("the president", "the gunman"): tied to the
  person an earlier title or apposition gave the same head noun;
* group nouns with their qualifiers ("Republican lawmakers", "Bordurian intelligence
  officers", "Top Democrats"), tied to the group they name.

Voice is read from quotation marks alone (evals/GUIDE.md: indirect speech keeps the
outlet's words). The word lists are in ``lexicon/labels.toml`` and ``lexicon/tones.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.finders.lexicon import words
from summarizer.finders.names import NameBook
from summarizer.schemas import Connotation, Voice
from summarizer.text.grounding import Span

_TOKEN = re.compile(r"[\w\u2019'.-]+")
_CLAUSE_WORD = re.compile(
    r"\b(?:who|which|that|said|says|is|was|were|are|has|had|have|will|would|told|and)\b", re.I
)


_AFFILIATION = re.compile(r"^[A-Z]\w+ of [A-Z]")
"""'Republican of Ohio': a party and a state, written as a name's affiliation."""


@dataclass(frozen=True)
class Label:
    """A descriptive label, the actor code tied it to, and whose word it is."""

    span: Span
    label: str
    actor: str
    voice: Voice


def _head(phrase: str) -> str:
    """The noun a phrase is about: its last word before a preposition ('lobbyist for
    Tyson Foods' -> 'lobbyist')."""
    core = re.split(r"\s+(?:of|for|from|at|in|on|with|to|who|whose)\s+", phrase)[0]
    tokens = [t.lower().strip(".,") for t in _TOKEN.findall(core)]
    return tokens[-1] if tokens else ""


def _is_role(phrase: str) -> bool:
    head = _head(phrase)
    singular = head[:-1] if head.endswith("s") else head
    return (
        head in words("labels", "person_heads")
        or singular in words("labels", "person_heads")
        or (head in words("labels", "group_heads"))
    )


def label_tone(label: str) -> Connotation | None:
    """'negative'/'positive' when a charged word is in the label ('anti-' and 'pro-'
    words charge nothing), 'neutral' when its head is descriptive, else None (asked)."""
    lowered = label.lower().replace("\u2019", "'")
    tokens = [w for part in lowered.split() if not part.startswith(("anti-", "pro-"))
              for w in re.findall(r"[a-z][a-z-]*", part)]  # fmt: skip
    if any(w in words("tones", "negative") for w in tokens):
        return "negative"
    if any(w in words("tones", "positive") for w in tokens):
        return "positive"
    head = _head(lowered)
    if head in words("tones", "neutral") or head.rstrip("s") in words("tones", "neutral"):
        return "neutral"
    return None


class _LabelFinder:
    def __init__(self, text: str, body: list[Span], names: NameBook, quotes: list[Span]):
        self.text, self.body, self.names, self.quotes = text, body, names, quotes
        self.found: list[Label] = []
        self.heads: dict[str, list[tuple[int, str]]] = {}
        """Head noun of a title or apposition -> (where, the person it was given to)."""

    def in_body(self, span: Span) -> bool:
        return any(r.start <= span.start and span.end <= r.end for r in self.body)

    def voice(self, span: Span) -> Voice:
        return (
            "quoted"
            if any(q.start < span.start and span.end <= q.end for q in self.quotes)
            else "outlet"
        )

    def add(self, span: Span, actor: str) -> None:
        label = self.text[span.start : span.end].strip(" ,.;:")
        if (
            not label
            or not self.in_body(span)
            or label.lower() in words("labels", "bare_not_labels")
        ):
            return
        self.found.append(Label(span, label, actor, self.voice(span)))

    def titles(self) -> None:
        honorifics = words("names", "honorifics")
        for mention in self.names.titled():
            assert mention.title_span is not None
            tokens = list(
                _TOKEN.finditer(self.text, mention.title_span.start, mention.title_span.end)
            )
            kept = [t for t in tokens if t.group() not in honorifics]
            if not kept or kept[-1].group() not in words("names", "office_words"):
                continue
            span = Span(kept[0].start(), kept[-1].end())
            actor = self.names.canonical(mention.name, mention.span.start)
            self.give(self.text[span.start : span.end], span.start, actor)
            self.add(span, actor)

    def appositions(self) -> None:
        for mention in self.names.mentions:
            if not mention.person:
                continue
            actor = self.names.canonical(mention.name, mention.span.start)
            after = self.text[mention.span.end : mention.span.end + 160]
            match = re.match(
                r"^(?: of [A-Z][\w.]*(?: [A-Z][\w.]*)?)?, (?:(?:the|a|an|his|her|its) )?"
                r"(?P<description>(?:[^,;.()\u2014\u201c\u201d\"]|(?<=Mr)\.|(?<=Ms)\.|(?<=Mrs)\.|(?<=Dr)\.)"
                r"{3,100}?)(?=[,;.)\u2014]|$)",
                after,
            )
            if match and self._description(match["description"]):
                start = mention.span.end + match.start("description")
                self.give(match["description"], start, actor)
                self.add(Span(start, start + len(match["description"])), actor)
            before = self.text[max(0, mention.span.start - 120) : mention.span.start]
            reverse = re.search(
                r"\b(?:the|The|a|A) (?P<description>[a-z][\w\u2019'-]*(?: [\w\u2019'-]+){0,4}),"
                r"(?: identified as| named)? $",
                before,
            )
            if reverse and self._description(reverse["description"]):
                start = mention.span.start - len(before) + reverse.start("description")
                self.give(reverse["description"], start, actor)
                self.add(Span(start, start + len(reverse["description"])), actor)

    def give(self, phrase: str, at: int, actor: str) -> None:
        self.heads.setdefault(_head(phrase), []).append((at, actor))

    def referent(self, head: str, at: int) -> str | None:
        """The person most recently given ``head`` before ``at`` (else the first after)."""
        given = sorted(self.heads.get(head, []))
        before = [actor for where, actor in given if where < at]
        return before[-1] if before else (given[0][1] if given else None)

    def _description(self, phrase: str) -> bool:
        tokens = phrase.split()
        return (
            0 < len(tokens) <= 12 and not _CLAUSE_WORD.search(phrase) and not phrase[0].isdigit()
            and _is_role(phrase) and not any(ch.isdigit() for ch in tokens[0])
            and not _AFFILIATION.match(phrase)
        )  # fmt: skip

    def descriptions(self) -> None:
        """'the president', 'the gunman': a person head given to someone by a title or an
        apposition refers back to that person."""
        heads = words("labels", "person_heads")
        for region in self.body:
            for match in re.finditer(r"\b[Tt]he ((?:[a-z][\w-]*)(?: [a-z][\w-]*){0,2})",
                                     self.text[region.start : region.end]):  # fmt: skip
                tokens = match.group(1).split()
                length = next((n for n in range(len(tokens), 0, -1) if tokens[n - 1] in heads), 0)
                if not length:
                    continue
                actor = self.referent(tokens[length - 1], region.start + match.start())
                if actor is None:
                    continue
                start = region.start + match.start(1)
                self.add(Span(start, start + len(" ".join(tokens[:length]))), actor)

    def groups(self) -> None:
        """Group nouns with the qualifiers before them; a capitalised group noun
        ('Democrats') is its own actor, as is a qualified common one."""
        heads = words("labels", "group_heads")
        modifiers = words("labels", "group_modifiers")
        for region in self.body:
            tokens = list(_TOKEN.finditer(self.text, region.start, region.end))
            for position, token in enumerate(tokens):
                word = token.group().strip(".,")
                if word.lower() not in heads or self._in_a_name(tokens, position):
                    continue
                first = position
                while first > 0:
                    previous = tokens[first - 1].group()
                    if previous.endswith("."):
                        break  # 'Eastvale. Military': a sentence ended
                    gap = self.text[tokens[first - 1].end() : tokens[first].start()]
                    at = tokens[first - 1].start()
                    before = self.text[max(0, at - 2) : at]
                    qualifies = previous.lower() in modifiers or (
                        previous[:1].isupper() and previous.lower() not in ("the", "a", "an")
                        and first - 1 > 0 and not before.strip(" ").endswith((".", "\n"))
                    )  # fmt: skip
                    if gap != " " or not qualifies:
                        break
                    first -= 1
                span = Span(tokens[first].start(), token.start() + len(word))
                phrase = self.text[span.start : span.end]
                if first == position and (
                    word[:1].isupper() or word.lower() in words("labels", "bare_not_labels")
                ):
                    continue  # a bare name ('Democrats') or a bare head ('forces')
                if word[:1].isupper() and tokens[first].group().lower() not in modifiers:
                    continue  # 'Harbour Police', 'Ruritanian Democratic Forces': a name
                actor = word if word[:1].isupper() else phrase
                self.add(span, actor)

    def _in_a_name(self, tokens: list[re.Match[str]], position: int) -> bool:
        """A capitalised head after two capitalised words ('Ruritanian Arab Army', 'Bordurian
        Armed Forces') ends a proper name; 'Top Democrats' is a label."""
        if not tokens[position].group()[:1].isupper() or position < 2:
            return False
        before = [tokens[position - 1].group(), tokens[position - 2].group()]
        return all(w[:1].isupper() and not w.endswith(".") for w in before)

    def run(self) -> list[Label]:
        self.titles()
        self.appositions()
        self.descriptions()
        self.groups()
        return self.distinct()

    def distinct(self) -> list[Label]:
        """Each (actor, label, voice) once per article, at its first use; a label inside
        a longer one at the same place gives way to it."""
        ordered = sorted(self.found, key=lambda found: (found.span.start, -len(found.label)))
        kept: list[Label] = []
        seen: set[tuple[str, str, str]] = set()
        for label in ordered:
            if any(k.span.start <= label.span.start and label.span.end <= k.span.end for k in kept):
                continue
            key = (label.actor.lower(), _normal(label.label), label.voice)
            if key not in seen:
                seen.add(key)
                kept.append(label)
        return kept


def _normal(label: str) -> str:
    text = re.sub(r"[^\w\s-]", "", label.lower())
    return " ".join(w[:-1] if w.endswith("s") else w for w in text.split())


def find_labels(text: str, body: list[Span], names: NameBook, quotes: list[Span]) -> list[Label]:
    """Every distinct descriptive label of the body with the actor it names."""
    return _LabelFinder(text, body, names, quotes).run()
