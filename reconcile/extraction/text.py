"""Text plumbing for the extractor: character spans, sentences and word tokens, all as offsets into the
original text so every extracted claim can point back at the exact words it came from.

Sentences are split by a regular expression plus a list of abbreviations ("Feb. 14", "U.S.", "Gen.")
that end in a full stop without ending a sentence; a line break always ends a paragraph (news text is
one paragraph a line). Everything here is a single left-to-right pass: the extractor stays linear in the
length of the article.

>>> text = "Zelensky said on Feb. 14 that 4,000 were hurt. Russia denied it."
>>> [text[s.start:s.end] for s in split_sentences(text)]
['Zelensky said on Feb. 14 that 4,000 were hurt.', 'Russia denied it.']
"""

from __future__ import annotations

import re
from typing import Iterator

import attrs

__all__ = ["Span", "Sentence", "Token", "split_sentences", "words", "slug"]


@attrs.frozen(order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into the article: ``text[span.start:span.end]``."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The words this span covers."""
        return text[self.start:self.end]

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@attrs.frozen
class Sentence:
    """One sentence: its span, its paragraph (0-based line of text) and its position in the article."""

    start: int
    end: int
    paragraph: int
    index: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def text(self, article: str) -> str:
        return article[self.start:self.end]


@attrs.frozen
class Token:
    """A word and where it stands."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


# Words that end in a full stop without ending the sentence (case-sensitive: "No." but not "no.").
ABBREVIATIONS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Brig",
    "Sen", "Rep", "Gov", "Pres", "Amb", "St", "Mt", "No", "Nos", "vs", "approx", "ca", "est", "Inc", "Ltd",
    "Co", "Corp", "Jr", "Sr", "al", "etc", "e.g", "i.e", "U.S", "U.K", "U.N", "E.U", "D.C",
})

_LINE = re.compile(r"[^\n]+")
# A full stop, question or exclamation mark, closing quotes or brackets, then space and a capital, digit or
# opening quote: a candidate sentence end, vetoed below when the word before it is an abbreviation.
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")  # "J" of "J. Smith", "U.S" of "U.S."
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+|[-.,][A-Za-z0-9]+)*%?")
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def _is_abbreviation(text: str, dot: int, line_start: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    m = _LAST_WORD.search(text, max(line_start, dot - 24), dot)
    if not m:
        return False
    word = m.group(1).lstrip("\"“‘([")
    return word in ABBREVIATIONS or bool(_INITIALS.match(word))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with offsets; blank lines and surrounding spaces are left out."""
    out: list[Sentence] = []
    for paragraph, line in enumerate(_LINE.finditer(text)):
        start = line.start()
        for end_match in _END.finditer(text, line.start(), line.end()):
            if _is_abbreviation(text, end_match.start(), line.start()):
                continue
            _append(out, text, start, end_match.end(), paragraph)
            start = end_match.end()
        _append(out, text, start, line.end(), paragraph)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph, len(out)))


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Word tokens of ``text[start:end]`` (hyphenated and possessive words are one token)."""
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        yield Token(m.group(0), m.start(), m.end())


def slug(text: str) -> str:
    """``"South Korea's NIS"`` → ``"south-korea-s-nis"``: lower case, runs of other characters as one hyphen."""
    return _SLUG_STRIP.sub("-", text.lower().replace("’s", "").replace("'s", "")).strip("-")
