"""Numbers written in words.

News spells out small numbers and any number that starts a sentence ("Forty-three civilians were
injured", "at least five remain missing"). The figure parser (:mod:`reconcile.figures.quantity`) knows a few
number words; :func:`digits` rewrites the others ("Forty-three" → "43", "sixteen" → "16") so every number
the extractor finds in words reaches the parser as a number.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_WORDS", "NUMBER_TOKENS", "digits"]

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_VALUES = {**_UNITS, **_TEENS, **_TENS, "a dozen": 12}

# A number in words, longest forms first ("forty-three" before "forty"); never the tail of a hyphenated word.
NUMBER_WORDS = (rf"(?<!-)(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|"
                rf"{'|'.join(_UNITS)}|a dozen)")
NUMBER_TOKENS = frozenset(w for word in _VALUES for w in word.split())
_WORD = re.compile(rf"\b{NUMBER_WORDS}\b", re.IGNORECASE)
# The words the parser reads itself (reconcile.figures.hedges): left as written.
_PARSER_KNOWS = frozenset({*_UNITS, "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "a dozen"})


def _value(word: str) -> int:
    tens, _, unit = word.lower().partition("-")
    return _VALUES[tens] + (_UNITS[unit] if unit else 0)


def digits(phrase: str) -> str:
    """``phrase`` with every number word the parser does not know written in digits: "Forty-three" →
    "43", "at least sixteen" → "at least 16"; "at least five" stays as it is."""
    return _WORD.sub(lambda m: m.group(0) if m.group(0).lower() in _PARSER_KNOWS else str(_value(m.group(0))),
                     phrase)
