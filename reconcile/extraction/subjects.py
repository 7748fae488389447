"""What a claim is about: the subject slugs the extractor gives claims.

Claims are compared only within a subject, so every figure about the same group must share one. The
article's *main group* is the group of people it names most often ("North Korean troops"); its subject
is the ``subject`` the caller gives, else a slug built from the group and the place the article names
most often: ``nk-troops-kursk`` (a demonym of several words by its initials, the noun class ``troops``
or ``civilians``, the place before "Oblast"/"region"/"province"). A figure that names another group in
its own words ("1,200 Russian soldiers") gets that group's subject instead. A share of territory is about
an area, not a group: it gets the operation or region the paragraph names ("the Kursk incursion" →
``kursk-incursion``).
"""

from __future__ import annotations

import re
from collections import Counter

from .entities import DEMONYMS
from .text import slug

__all__ = ["Subjects"]

_DEMONYM = "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True))
_TROOPS = r"troops|soldiers|forces|fighters|servicemen|personnel|army|military|conscripts|mercenaries"
_CIVILIANS = r"civilians|children|residents|refugees"
_GROUP = re.compile(rf"\b(?:(?P<dem>{_DEMONYM})\s+(?:[a-z]+\s+)?)?(?P<noun>{_TROOPS}|{_CIVILIANS})\b")
# "North Kivu province" is one place: a compass word before the name belongs to it.
_PLACE = re.compile(r"\b(?P<place>(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|"
                    r"New)\s+)?[A-Z][a-z]+)\s+(?:Oblast|Region|region|Province|province|Governorate|Krai)\b")
_AREA = re.compile(r"\b(?P<place>[A-Z][a-z]+)\s+(?P<what>incursion|offensive|counteroffensive|counter-offensive|"
                   r"operation|Oblast|region|province)\b")
_CIVILIAN_NOUNS = frozenset(_CIVILIANS.split("|"))


def _group(match: re.Match[str]) -> tuple[str, str]:
    noun = match.group("noun").lower()
    return (match.group("dem") or "", "civilians" if noun in _CIVILIAN_NOUNS else "troops")


def _abbreviation(demonym: str) -> str:
    words = demonym.split()
    return "".join(w[0] for w in words).lower() if len(words) > 1 else slug(demonym)


class Subjects:
    """The subjects of one article (see the module docstring for the rules)."""

    def __init__(self, text: str, subject: str | None = None) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        first: dict[tuple[str, str], int] = {}
        for m in _GROUP.finditer(text):
            key = _group(m)
            if key[0] or key[1] == "civilians":  # a bare "troops" names no group of its own
                counts[key] += 1
                first.setdefault(key, m.start())
        places = Counter(m.group("place") for m in _PLACE.finditer(text))
        self.place = slug(max(places, key=lambda p: (places[p], -text.index(p)))) if places else None
        self.main_group = max(counts, key=lambda k: (counts[k], -first[k])) if counts else None
        self.main = subject or (self._slug(self.main_group) if self.main_group else (self.place or "story"))

    def _slug(self, group: tuple[str, str]) -> str:
        parts = [_abbreviation(group[0])] if group[0] else []
        parts.append(group[1])
        if self.place:
            parts.append(self.place)
        return "-".join(parts)

    def of_group(self, group: tuple[str, str] | None) -> str:
        """The subject of figures about ``group``: the main subject for the main group or none."""
        if group is None or group == self.main_group or (not group[0] and self.main_group
                                                         and group[1] == self.main_group[1]):
            return self.main
        return self._slug(group)

    def for_figure(self, text: str, counted: tuple[int, int] | None, sentence_start: int, figure_start: int,
                   ) -> str:
        """The subject of a figure: the group its counted words name, else the last group named before it
        in its sentence, else the main subject."""
        if counted is not None:
            m = _GROUP.search(text, counted[0], counted[1])
            if m and (m.group("dem") or _group(m)[1] == "civilians"):
                return self.of_group(_group(m))
        found = None
        for m in _GROUP.finditer(text, sentence_start, figure_start):
            if m.group("dem") or _group(m)[1] == "civilians":
                found = m
        return self.of_group(_group(found)) if found else self.main

    def for_area(self, text: str, paragraph_start: int, sentence_end: int) -> str:
        """The subject of a share of territory: the last operation or region named in the paragraph so far."""
        found = None
        for m in _AREA.finditer(text, paragraph_start, sentence_end):
            found = m
        if found is not None:
            return f"{slug(found.group('place'))}-{slug(found.group('what'))}"
        return f"{self.place}-territory" if self.place else self.main
