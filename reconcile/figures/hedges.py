"""The words news uses to hedge a figure, and the patterns the figure parser reads them with.

:class:`Hedge` names how a source hedged; the tables below map words to hedges ("as many as" is
:attr:`Hedge.UP_TO`), vague quantities to intervals ("hundreds" is 200-999), fraction words to fractions.
Kept apart from :mod:`reconcile.figures.quantity` so the vocabulary can be read (and extended) in one place; the
extractor uses the same tables to find hedges in running text.
"""

from __future__ import annotations

import re
from enum import Enum

from .numeric import Number

__all__ = ["Hedge", "PREFIXES", "VAGUE"]


class Hedge(str, Enum):
    """How a source hedged its figure. The value is the word used in reports and files."""

    PLAIN = "plain"          # "4,000" (with its implied precision)
    AT_LEAST = "at-least"    # "at least", "no fewer than", "3,000+", "3,000-plus", "1,000 or more"
    MORE_THAN = "more-than"  # "more than", "over" (exclusive)
    UP_TO = "up-to"          # "up to", "as many as", "no more than", "not more than", "at most", "only",
    #                          "as few as", "N or fewer" (a ceiling the figure itself meets)
    LESS_THAN = "less-than"  # "fewer than", "under" (exclusive)
    ABOUT = "about"          # "about", "around", "roughly", "some", "approximately", "an estimated"
    NEARLY = "nearly"        # "nearly", "almost", "just under" (just below)
    JUST_OVER = "just-over"  # "just over", "slightly more than"
    RANGE = "range"          # "between 1,000 and 1,500", "11,000-12,000", "11,000 to 12,000"
    CI = "ci"                # "2,975 (95% CI 2,658-3,290)"
    VAGUE = "vague"          # "dozens", "hundreds", "thousands"
    FRACTION = "fraction"    # "a third", "two-thirds of 4,000"
    DERIVED = "derived"      # computed by a rule from other claims

    def __str__(self) -> str:
        return self.value


_EXPECTED = ("a figure such as '300', '2,700', '1.2 million', '3k', 'three thousand', 'at least 300', '3,000+', "
             "'up to 12,000', 'about 64%', 'between 1,000 and 1,500', '11,000-12,000', "
             "'2,975 (95% CI 2,658-3,290)', 'hundreds' or 'two-thirds of 4,000'")

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# Scale words, and the letters news attaches to digits ("3k", "3.5m": a million where a count is meant; the
# parser reads "m" as metres where the figure's unit is not a count).
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "mn": 10**6, "bn": 10**9, "k": 10**3, "m": 10**6}
_SCALE = r"thousand|million|billion|mn|bn|(?<=\d)k(?![a-z])|(?<=\d)m(?![a-z])"

# Numbers in words ("three thousand", "forty-three", "two hundred and fifty", "a dozen"): a run of these tokens,
# read by parsing._words_value, which also rejects runs that are no number ("three four").
_WORD_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_WORD_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
_WORD_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_WORD_TOKEN = "|".join(sorted([*_WORD_UNITS, *_WORD_TENS, *_WORD_SCALES, "dozen"], key=len, reverse=True))
_WORD = rf"(?:an?\s+(?=hundred|thousand|million|billion|dozen))?(?:{_WORD_TOKEN})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD_TOKEN}))*\b"
# One number: digits with an optional scale word, or a number in words.
_NUMBER = rf"(?:(?P<{{g}}>{_NUM})(?:\s*(?P<{{g}}s>{_SCALE}))?|(?P<{{g}}w>{_WORD}))"


def _number_rx(group: str) -> str:
    return _NUMBER.replace("{g}", group)


_UNIT_TAIL = r"(?:\s*(?P<unit>%|percent|per\s*cent|[a-z][a-z0-9_ ]*?))?"

_PLAIN = re.compile(rf"^{_number_rx('n')}{_UNIT_TAIL}$")
_RANGE = re.compile(rf"^(?:(?P<lead>between|from)\s+)?{_number_rx('a')}\s*(?P<apct>%)?\s*(?P<sep>-|to|and)\s*{_number_rx('b')}{_UNIT_TAIL}$")
_CI = re.compile(
    rf"^{_number_rx('n')}\s*(?P<npct>%)?\s*\(\s*(?:(?P<level>\d+(?:\.\d+)?)\s*%\s*(?:ci|c\.i\.|confidence interval|"
    rf"credible interval|ui|uncertainty interval)\s*[:,]?\s*|(?:range|ci)\s*[:,]?\s*)?{_number_rx('a')}\s*%?\s*(?:-|to|,)\s*"
    rf"{_number_rx('b')}\s*%?\s*\){_UNIT_TAIL}$")

# A floor or ceiling written after the number: "3,000+", "3,000-plus troops", "1,000 or more", "50 or fewer".
_SUFFIX = re.compile(rf"^(?P<num>{_number_rx('n')})\s*(?P<suffix>\+|-\s*plus\b|plus\b)\s*(?P<rest>.*)$")
_TRAILING: tuple[tuple[str, Hedge], ...] = (
    (" or more", Hedge.AT_LEAST), (" or above", Hedge.AT_LEAST), (" or over", Hedge.AT_LEAST),
    (" or fewer", Hedge.UP_TO), (" or less", Hedge.UP_TO), (" or under", Hedge.UP_TO))

# Ceilings: "no more than", "not more than", "at most", "only" and "as few as" are inclusive (up to: the figure
# itself is allowed); "fewer than", "less than", "under" are strict (less than).
_PREFIXES: list[tuple[str, Hedge]] = sorted([
    ("at least", Hedge.AT_LEAST), ("no fewer than", Hedge.AT_LEAST), ("no less than", Hedge.AT_LEAST),
    ("a minimum of", Hedge.AT_LEAST), ("not less than", Hedge.AT_LEAST), ("not fewer than", Hedge.AT_LEAST),
    ("more than", Hedge.MORE_THAN), ("over", Hedge.MORE_THAN), ("upwards of", Hedge.MORE_THAN),
    ("in excess of", Hedge.MORE_THAN), ("above", Hedge.MORE_THAN), ("greater than", Hedge.MORE_THAN),
    ("up to", Hedge.UP_TO), ("as many as", Hedge.UP_TO), ("no more than", Hedge.UP_TO), ("at most", Hedge.UP_TO),
    ("a maximum of", Hedge.UP_TO), ("not more than", Hedge.UP_TO), ("as much as", Hedge.UP_TO),
    ("only", Hedge.UP_TO), ("as few as", Hedge.UP_TO), ("as little as", Hedge.UP_TO),
    ("fewer than", Hedge.LESS_THAN), ("less than", Hedge.LESS_THAN), ("under", Hedge.LESS_THAN),
    ("below", Hedge.LESS_THAN),
    ("about", Hedge.ABOUT), ("around", Hedge.ABOUT), ("roughly", Hedge.ABOUT), ("some", Hedge.ABOUT),
    ("approximately", Hedge.ABOUT), ("approx.", Hedge.ABOUT), ("approx", Hedge.ABOUT), ("an estimated", Hedge.ABOUT),
    ("estimated", Hedge.ABOUT), ("close to", Hedge.ABOUT), ("circa", Hedge.ABOUT), ("ca.", Hedge.ABOUT),
    ("~", Hedge.ABOUT), ("≈", Hedge.ABOUT), ("some estimated", Hedge.ABOUT),
    ("nearly", Hedge.NEARLY), ("almost", Hedge.NEARLY), ("just under", Hedge.NEARLY), ("just below", Hedge.NEARLY),
    ("just shy of", Hedge.NEARLY),
    ("just over", Hedge.JUST_OVER), ("slightly more than", Hedge.JUST_OVER), ("just above", Hedge.JUST_OVER),
    ("a little over", Hedge.JUST_OVER),
], key=lambda item: len(item[0]), reverse=True)

_VAGUE: dict[str, tuple[int, int]] = {
    "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "several hundred": (300, 999),
    "a few hundred": (200, 500), "thousands": (2000, 9999), "several thousand": (3000, 9999),
    "a few thousand": (2000, 5000), "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
    "millions": (2000000, 9999999), "a handful": (2, 9), "several": (3, 9), "a few": (2, 5),
}


_FRACTION_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                        "seven": 7, "eight": 8, "nine": 9}
_FRACTION_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                          "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                          "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                          "tenth": 10, "tenths": 10}
_FRACTION = re.compile(
    r"^(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<den>halves|half|thirds?|quarters?|"
    r"fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)$|"
    r"^(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per\s*cent)$|"
    r"^(?P<n1>\d+|one|two|three|four|five)\s+(?:in|out\s+of)\s+(?P<n2>\d+|two|three|four|five|six|seven|eight|nine|ten)$|"
    r"^(?P<slash>\d+)\s*/\s*(?P<slashden>\d+)$")
_OF = re.compile(r"^(?P<frac>.+?)\s+of\s+(?:the\s+|those\s+|them\s*)?(?P<rest>.*)$")
_CLAIM_REF = re.compile(r"^[a-z0-9][a-z0-9_.:+/-]*$", re.IGNORECASE)

# Vague words by their bounds, so a figure read from one can be written back as it (Estimate.to_text). Looked
# up with any estimate's (low, high), which may be open (None) or Fractions equal to the int bounds.
_VAGUE_BY_RANGE: dict[tuple[Number | None, Number | None], str] = {
    bounds: word for word, bounds in sorted(_VAGUE.items(), reverse=True)}

PREFIXES = _PREFIXES
VAGUE = _VAGUE
