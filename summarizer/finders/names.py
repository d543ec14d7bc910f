"""Names of people and institutions in one article, with the titles written before them.

One pass over the text finds every run of capitalised words ("Senate Minority Leader
Ana Berg", "Mr. Hale", "the Justice Department"), splits a leading title from
the name, and remembers each person's full name by surname, so that "Mr. Hale" and
"he" can be read as "Tom Hale". The word lists are in ``lexicon/names.toml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarizer.finders.lexicon import words
from summarizer.text.grounding import Span

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w\u2019'-]*\.?")
_GAP = re.compile(r"^ ?$")


def _honorifics() -> frozenset[str]:
    return words("names", "honorifics")


def _titles() -> frozenset[str]:
    return words("names", "title_words") | _honorifics()


@dataclass(frozen=True)
class Mention:
    """One written name, with the title before it (empty when none)."""

    span: Span
    name: str
    title: str
    title_span: Span | None
    person: bool


def _clean_token(token: str) -> str:
    """A token without a sentence's full stop ('Hale.'), keeping 'Mr.', 'T.' and 'U.S.'."""
    if (
        token.endswith(".")
        and token not in _honorifics()
        and len(token) > 2
        and "." not in token[:-1]
    ):
        return token[:-1]
    return token


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised tokens (and name particles) separated by single spaces."""
    particles = words("names", "name_particles")
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    last_end = -1
    for match in _TOKEN.finditer(text):
        token = _clean_token(match.group())
        start, end = match.start(), match.start() + len(token)
        joined = current and _GAP.match(text[last_end:start]) is not None
        if not joined and current:
            runs.append(current)
            current = []
        particle = token.lower().split("-")[0] in particles and current
        if _capitalised(token) or particle:
            current.append((start, end, token))
            last_end = end
            if token != match.group():  # a full stop ended the run
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _mention(run: list[tuple[int, int, str]]) -> Mention | None:
    not_names = words("names", "not_names")
    while run and run[0][2] in not_names:
        run = run[1:]
    while run and run[-1][2].lower() in words("names", "name_particles"):
        run = run[:-1]
    if not run:
        return None
    titles = _titles()
    organisations = words("names", "organisation_words")
    suffixes = words("names", "suffixes")
    split = max((i + 1 for i, (_, _, t) in enumerate(run[:-1]) if t in titles), default=0)
    if all(t.rstrip(".") in suffixes or t in suffixes for _, _, t in run[split:]):
        split = 0  # 'Martin Luther King Jr.': a name, no title
    if any(t in organisations for _, _, t in run[split:]):
        split = 0  # 'Justice Department': an institution's name, no title in it
    name_tokens = run[split:]
    name = " ".join(t for _, _, t in name_tokens)
    name = re.sub(r"[\u2019']s?$", "", name)
    organisation = any(t in organisations for _, _, t in name_tokens)
    descriptive = bool(_DESCRIPTIVE.match(name_tokens[0][2])) or any(
        t.isupper() and len(t) > 1 for _, _, t in name_tokens
    )  # 'Islamist NF', 'Bordurian-backed Ruritanian': a qualified group, not a person
    offices = words("names", "office_words") | _honorifics()
    titled_one = split > 0 and run[split - 1][2] in offices  # 'Mr. Lind', not 'House Oversight'
    dated = any(t in words("names", "not_names") for _, _, t in name_tokens)  # 'Twitter Friday'
    person = (
        not organisation and not descriptive and not dated
        and (len(name_tokens) >= 2 or titled_one) and len(name_tokens) <= 5
    )  # fmt: skip
    title_span = Span(run[0][0], run[split - 1][1]) if split else None
    title = " ".join(t for _, _, t in run[:split])
    return Mention(Span(name_tokens[0][0], name_tokens[-1][1]), name, title, title_span, person)


_DESCRIPTIVE = re.compile(r"^[A-Z][a-z]+(?:ist|ists|ese|ish|ian|-\w+)$")
"""Adjective forms ('Islamist', 'Ruritanian', 'Bordurian-backed') that qualify a group name."""


def _surname(name: str) -> str:
    parts = [p for p in name.split() if p not in words("names", "suffixes")]
    return parts[-1] if parts else name


class NameBook:
    """Every name mention of an article, and what a surname or pronoun stands for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = [m for run in _runs(text) if (m := _mention(run)) is not None]
        self._starts = [m.span.start for m in self.mentions]
        self._titled = {m.name for m in self.mentions if m.title}
        self._genders: dict[str, str] = {}
        for mention in self.mentions:
            honorific = mention.title.split()[-1] if mention.title else ""
            if honorific in ("Mr.", "Mr"):
                self._genders.setdefault(_surname(mention.name).lower(), "m")
            elif honorific in ("Ms.", "Ms", "Mrs.", "Mrs", "Miss"):
                self._genders.setdefault(_surname(mention.name).lower(), "f")
        """Full names written with a title or honorific somewhere in the article."""
        self._named: dict[str, dict[str, tuple[int, int]]] = {}
        """surname -> full name -> (times named, first offset)."""
        for mention in self.mentions:
            if mention.person and len(mention.name.split()) >= 2:
                named = self._named.setdefault(_surname(mention.name).lower(), {})
                count, first = named.get(mention.name, (0, mention.span.start))
                named[mention.name] = (count + 1, first)

    def full_name(self, name: str, at: int | None = None, honorific: bool = False) -> str:
        """The full name a surname stands for: of the people with that surname named in
        full before ``at`` (anywhere when None), the one named most often; the name
        itself when there is none ('Mayor Ortiz' before any 'Lena Ortiz')."""
        named = self._named.get(_surname(name).lower(), {})
        known = {n: v for n, v in named.items() if at is None or v[1] <= at}
        if honorific:  # 'Mr. Lind' is a Lind written with a title somewhere
            known = {n: v for n, v in known.items() if n in self._titled}
        if not known:
            return name
        return max(known, key=lambda n: (known[n][0], -known[n][1]))

    def gender(self, name: str) -> str | None:
        """'m' or 'f' when the article writes the surname with Mr. or Ms./Mrs./Miss."""
        return self._genders.get(_surname(name).lower())

    def role_holder(self, head: str, at: int) -> str | None:
        """The person last given a title ending in ``head`` before ``at`` ('Speaker Ann
        Lind' makes 'the House speaker' Ann Lind)."""
        holders = [
            m for m in self.mentions
            if m.person and m.title and m.span.start < at and m.title.split()[-1].lower() == head
        ]  # fmt: skip
        return self.full_name(holders[-1].name, at) if holders else None

    def knows_surname(self, name: str) -> bool:
        return _surname(name).lower() in self._named

    def canonical(self, phrase: str, at: int | None = None) -> str:
        """The full name a speaker phrase stands for: titles and honorifics dropped, a
        lone surname read as the person named in full elsewhere ('Mr. Hale' ->
        'Tom Hale'); the phrase itself, trimmed, when it names no one code knows."""
        found = [m for run in _runs(phrase) if (m := _mention(run)) is not None]
        people = [m for m in found if m.person or len(m.name.split()) == 1 and
                  self.knows_surname(m.name)]  # fmt: skip
        people = [m for m in people  # 'the Council for Press Freedom' names an institution
                  if not re.search(r"\b(?:for|of)\s+$", phrase[: m.span.start])]  # fmt: skip
        if not people:
            return re.sub(r"^(?:the|The)\s+", "", phrase.strip())
        mention = people[-1]
        name = mention.name
        if len(name.split()) == 1 or (mention.title and mention.person):
            honorific = bool(mention.title) and mention.title.split()[-1] in _honorifics()
            name = self.full_name(name, at, honorific)
        if not mention.person and mention.title and len(name.split()) == 1:
            return phrase.strip()
        return name

    def person_in(self, phrase: str, at: int | None = None) -> str | None:
        """The full name of the last person named in ``phrase``, if any."""
        people = [m for run in _runs(phrase) if (m := _mention(run)) is not None and m.person]
        return self.full_name(people[-1].name, at) if people else None

    def last_person_before(self, offset: int, outside: list[Span] | None = None) -> str | None:
        """The full name of the last person named before ``offset`` (skipping mentions
        inside the ``outside`` spans, e.g. quotations)."""
        position = bisect.bisect_left(self._starts, offset)
        for mention in reversed(self.mentions[:position]):
            if not mention.person:
                continue
            if outside and any(s.start <= mention.span.start < s.end for s in outside):
                continue
            return self.full_name(mention.name, offset)
        return None

    def titled(self) -> list[Mention]:
        """Mentions with a title before a person's name ('Deputy Attorney General Paul
        Novak'): the title is a label of that person."""
        return [
            m for m in self.mentions
            if m.title and m.person and m.title_span is not None
            and (len(m.name.split()) >= 2 or self.knows_surname(m.name))
        ]  # fmt: skip
