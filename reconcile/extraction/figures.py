"""Figures in a sentence: where they are, what they count, and which numbers are not figures at all.

:func:`find_figures` finds every number phrase news uses for a figure — with its hedge ("at least 300"),
as a range ("between 1,200 and 1,500", "11,000-12,000"), with a confidence interval, vague ("hundreds
of"), or as a fraction of a figure just given ("two-thirds of whom") — using the hedge words of
:mod:`reconcile.figures.hedges`, the same tables the figure parser reads. The numbers themselves are never
interpreted here: each phrase goes to :func:`reconcile.figures.quantity.parse_figure` later.

Numbers that are not figures are *ignored* with a reason (a date, a year, an age, a duration, a time, an
identifier such as "Brigade 47"; "64th" never matches). A figure whose measure cannot be told from the
words around it (the counted noun and the verb: "300 soldiers have been killed", "killing at least 12",
"64% of the territory") keeps ``measure=None`` and a reason, and the extractor reports it as unclassified
rather than guessing.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

import attrs

from ..errors import ReconcileError
from ..figures.hedges import PREFIXES
from ..figures.units import canonical_unit, conversion_factor
from ..measures import DEFAULT_MEASURES, MeasureRegistry
from .numbers import NUMBER_TOKENS, NUMBER_WORDS, digits
from .text import Span, Token, words

__all__ = ["FigureMention", "Ignored", "find_figures"]

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_N = rf"{_NUM}(?:\s+(?:thousand|million|billion))?"
_PCT = r"(?:\s?(?:%|percent\b|per\s+cent\b))?"
_START = r"(?<![\w.,/-])"          # not the tail of "F-16", "1.5" or "3,000"
_STOP = r"(?![\w]|[.,]\d)"         # not the head of "64th" or "3,000"
_NOT_RANGE = r"(?!\s*[-–]\s*\d)"    # "about 10,000-12,000" is a range, not "about 10,000"
_HEDGE_WORDS = "|".join(re.escape(p) for p, _ in PREFIXES if p[0].isalpha())
_HEDGE = rf"(?:\b(?:{_HEDGE_WORDS})\s+|[~≈]\s*)"
_FRACTION_WORD = (r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
                  r"(?:half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)")
_VAGUE_WORDS = (r"tens of thousands|hundreds of thousands|several hundred|several thousand|a few hundred|"
                r"a few thousand|dozens|hundreds|thousands|millions")
_NUMBER_WORDS = NUMBER_WORDS
# A number word straight before one of these is a count of people: "at least five remain missing".
_STATE_VERB = r"(?:were|are|was|remain|remained|have|had|died|still)\b"
_PEOPLE = r"people|persons|soldiers|troops|fighters|civilians|casualties|servicemen|children|residents"

# One pass, longest forms first: a confidence interval or range is one figure, not two or three.
_FIGURE = re.compile(
    rf"(?P<ci>{_START}{_N}{_PCT}\s*\(\s*(?:\d+(?:\.\d+)?\s*%\s*)?(?:CI|C\.I\.|confidence interval|credible interval|"
    rf"uncertainty interval|range)\s*[:,]?\s*{_N}{_PCT}\s*(?:-|–|to|,)\s*{_N}{_PCT}\s*\))"
    rf"|(?P<between>\bbetween\s+{_START}{_N}{_PCT}\s+and\s+{_N}{_PCT}{_STOP})"
    rf"|(?P<range>{_START}{_N}{_PCT}\s*(?:-|–|\bto\b)\s*{_N}{_PCT}{_STOP})"
    rf"|(?P<fracof>(?:{_HEDGE})?(?:\b{_FRACTION_WORD}|{_START}{_NUM}\s?(?:%|percent\b|per cent\b))\s+of\s+(?:the\s+)?"
    rf"{_START}{_N}{_STOP}{_NOT_RANGE})"
    rf"|(?P<frac>(?:{_HEDGE})?(?:\b{_FRACTION_WORD}|{_START}{_NUM}\s?(?:%|percent\b|per cent\b))"
    rf"(?=\s+of\s+(?:whom|them|those|these|which)\b))"
    rf"|(?P<single>(?:{_HEDGE})?{_START}{_N}{_PCT}{_STOP}{_NOT_RANGE})"
    rf"|(?P<vague>\b(?:{_VAGUE_WORDS})\b(?=\s+of\b|\s+(?:more\s+)?(?:{_PEOPLE})\b))"
    rf"|(?P<word>\b(?:{_HEDGE})?(?:{_NUMBER_WORDS})\b(?=\s+(?:[a-z]+\s+)?(?:{_PEOPLE})\b|\s+{_STATE_VERB}))",
    re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_HEDGE_LEAD = re.compile(rf"^{_HEDGE}", re.IGNORECASE)
_PROJECTION = re.compile(r"\b(?:could|may|might|would|will|is\s+expected\s+to|are\s+expected\s+to)\s+"
                         r"(?:reach|rise\s+to|climb\s+to|top|hit)\s+$", re.IGNORECASE)
_NOT_A_START = frozenset("0123456789.,/-" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_HEDGE_BEFORE = re.compile(rf"(?:\b(?:{_HEDGE_WORDS}|between)\s+|[~≈]\s*)$", re.IGNORECASE)
_WORDY = re.compile(rf"\b(?:{_FRACTION_WORD}|{_VAGUE_WORDS}|{_NUMBER_WORDS})\b", re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_TOKENS = NUMBER_TOKENS | frozenset(
    "half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths eighth eighths ninth "
    "ninths tenth tenths dozens hundreds thousands millions hundred thousand".split())
# A confidence interval written out after the counted noun: "8,100 excess deaths (95% confidence interval
# 6,900 to 9,300)" or ", with a 95% confidence interval of 6,900 to 9,300". Rewritten into the parser's form.
_CI_AFTER = re.compile(
    rf"(?:\s+[A-Za-z-]+){{0,3}}\s*(?:,\s*)?(?:\(|with\s+an?\s+)(?P<level>\d+(?:\.\d+)?)\s*%\s*"
    rf"(?:CI|confidence interval|"
    rf"credible interval|uncertainty interval)\s*(?:of|:|,)?\s*(?:from\s+|between\s+)?(?P<a>{_N})\s*(?:-|–|to|and)\s*"
    rf"(?P<b>{_N})\)?", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?)[- ]old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+(?:\d+\s*(?:or|to|and|-|–)\s*)?$", re.IGNORECASE)
_DURATION = re.compile(r"\s*-?\s*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|"
                       r"centuries|century)\b", re.IGNORECASE)
_TIME = re.compile(r"(?::\d\d|\s*[ap]\.?m\.?(?!\w)|\s*o'clock)", re.IGNORECASE)
_IDENTIFIER = re.compile(r"\b(?:No\.|Nos\.|[Nn]umber|Brigade|Battalion|Regiment|Division|Corps|Army|Article|"
                         r"Resolution|Route|Highway|Flight|Unit|Section|Chapter|Room|Building|Block|Apartment|"
                         r"[Pp]age|Item|Bill|Law|Decree|Order|Protocol|Paragraph|Point|Level|Category|Phase|"
                         r"Stage|Round|Episode|Vol\.|Volume|Part|Team|Camp|Sector|Zone|Checkpoint|Gate)\s*$")
_MONEY_BEFORE = re.compile(r"[$€£¥₴₽]\s*$|\b(?:USD|EUR|UAH|RUB)\s*$")
_MONEY_AFTER = re.compile(r"\s*(?:dollars|euros|pounds|hryvnias?|rubles|roubles|won|yuan|yen|USD|EUR|UAH)\b",
                          re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"/\d")          # "12/03/2024": day and month order unknowable, never a figure
_NUMERIC_DATE_BEFORE = re.compile(r"\d/$")
_POINTS = re.compile(r"\s*percentage points?\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_BY = re.compile(r"\bby\s*$", re.IGNORECASE)
_CHANGE_SEP = re.compile(r"\s*(?:-|–|\bto\b)\s*")
_OF_WHOM = re.compile(r"\s+of\s+(?:whom|them|those|these|which)\b", re.IGNORECASE)
_PERCENT = re.compile(r"%|\bper\s*cent\b", re.IGNORECASE)
_GAP_STOP = re.compile(r"[,;:()\[\]—–\"“”.!?]")

# Stop words: a counted noun or verb is not looked for past these (n-grams started before them may span
# them, so "300 killed and wounded" still reads as casualties).
_CLAUSE_WORDS = frozenset({"and", "or", "but", "while", "whereas", "than", "which", "who", "when", "after",
                           "before", "because", "although", "though", "whom", "that"})
# Verb forms the measure vocabulary does not list, mapped to the vocabulary's own words.
INFLECTIONS: dict[str, str] = {
    "killing": "killed", "kills": "killed", "perished": "died", "wounding": "wounded", "injuring": "injured",
    "displacing": "displaced", "capturing": "captured", "deploying": "deployed", "sending": "sent",
    "killed or wounded": "killed and wounded", "killed or injured": "killed and wounded",
    "dead or wounded": "killed and wounded", "dead and wounded": "killed and wounded",
    "killed and injured": "killed and wounded", "displacement": "displaced",
    # Found missing by the held-out evaluation (tests/test_extract_heldout.py): common news verbs for the
    # vocabulary's measures.
    "evacuated": "displaced", "forced from their homes": "displaced", "driven from their homes": "displaced",
    "fled their homes": "displaced", "forced to flee": "displaced", "uprooted": "displaced",
    "massed": "deployed", "amassed": "deployed", "lost": "losses", "lost their lives": "died",
    # Found missing by the fresh held-out evaluation (tests/test_extract_heldout_fresh.py).
    "to flee": "displaced", "flee their homes": "displaced",
}
# "38,000 troops killed, wounded or captured": parts of casualties listed with commas (the window around a
# figure stops at a comma, so the list is read as one phrase here).
_PARTS_LIST = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:killed|dead),\s+(?:wounded|injured)(?:,\s+(?:missing|captured))?,?"
                         r"\s+(?:or|and)\s+(?:captured|missing|taken\s+prisoner)\b", re.IGNORECASE)
# Words that name a measure only when nothing nearer after the figure does: "lost 300 soldiers killed" counts
# the killed; "lost 300 men" counts losses.
_WEAK = frozenset({"lost"})
# "up from 900,000", "compared with 300": a figure set against the one before it counts the same thing.
_COMPARED = re.compile(r"\b(?:(?:up|down|rising|falling|increasing|decreasing)\s+from|compared\s+(?:with|to)|"
                       r"from)\s*$", re.IGNORECASE)
_RELATIVE_WORDS = frozenset({"who", "that", "which"})
# "half of the 8.6 million displaced were children": the only measure word names the whole and the predicate
# a group within it, so the fraction is a share of a group, not a figure of the measure.
_SHARE_OF_GROUP = re.compile(r"\s+(?:were|are|was|is)\s+"
                             r"(?!\w+ed\b|(?:taken|driven|shot|hit|held|left|found|lost|been|being)\b)\w+",
                             re.IGNORECASE)
# "11 of them seriously", "Among the injured were four children": a part of a group counted before, not a
# figure of its own.
_PART_AFTER = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\bamong\s+(?:the\s+|them\s*)(?:\w+\s+){0,2}?(?:were|was|are)\s+$", re.IGNORECASE)
PREDICATE_WORDS = 14  # how far after "half of 4,000" the verb saying what the fraction counts may stand
FORWARD_WORDS = 8   # how far after a figure its counted noun and verb may stand ("300 North Korean soldiers
BACKWARD_WORDS = 4  # have been killed"); and how far before ("killing at least 12", "death toll of 1,200")


@attrs.frozen
class Ignored:
    """A number that is not a figure, and why (``date``, ``year``, ``age``, ``duration``, ...)."""

    span: Span
    reason: str


@attrs.frozen
class FigureMention:
    """A figure phrase: its span, the text the parser gets, and what it counts if that could be told.

    ``portion`` is set for "two-thirds of whom": the fraction words, a share of the figure before it.
    ``measure`` is ``None`` when the measure could not be told; ``reason`` then says why. ``counted``
    spans the words after the figure up to its measure word (where the counted group is named).
    """

    span: Span
    text: str
    measure: str | None
    reason: str = ""
    portion: bool = False
    measure_span: Span | None = None
    counted: Span | None = None
    compared: bool = False  # set against the figure before it ("up from 900,000"): another point in time


_LOOKUPS: dict[tuple[int, int, str], str | None] = {}


def _lookup(phrase: str, measures: MeasureRegistry) -> str | None:
    """The measure a phrase names, memoized per registry and its size (a registry only grows), since the
    same few words are looked up around every figure."""
    key = (id(measures), len(measures), phrase)
    if key not in _LOOKUPS:
        if len(_LOOKUPS) > 50_000:
            _LOOKUPS.clear()
        found = measures.get(INFLECTIONS.get(phrase, phrase))
        _LOOKUPS[key] = found.name if found is not None else None
    return _LOOKUPS[key]


def _window(tokens: Sequence[Token], text: str, forward: bool, limit: int) -> list[Token]:
    """Tokens up to the first clause punctuation between two of them, at most ``limit``."""
    out: list[Token] = []
    for tok in tokens:
        if out:
            a, b = (out[-1], tok) if forward else (tok, out[-1])
            if _GAP_STOP.search(text, a.end, b.start):
                break
        if len(out) >= limit:
            break
        out.append(tok)
    return out


def _measure_near(text: str, figure: Span, lo: int, hi: int, measures: MeasureRegistry, predicate: bool = False,
                  ) -> tuple[str | None, Span | None, Span | None]:
    """The measure named closest to ``figure`` within ``[lo, hi)``: after it (forward wins ties) or before.
    With ``predicate``, the last measure word after it: in "half of 4,000 casualties were killed" the noun
    names the whole and the verb what the figure counts."""
    first_gap = text[figure.end:min(hi, figure.end + 2)]
    parts = _PARTS_LIST.match(text, figure.end, hi)
    if parts and measures.get("casualties") is not None:
        span = Span(parts.start() + len(parts.group(0)) - len(parts.group(0).lstrip()), parts.end())
        return "casualties", span, span
    after = [] if first_gap[:1] in (",", ";", ":") else list(words(text, figure.end, hi))
    # "half of the 4,000 troops who had crossed into the region had been killed": the verb that says what
    # the fraction counts may come after a relative clause about the whole.
    fwd = _window(after, text, True, PREDICATE_WORDS if predicate else FORWARD_WORDS)
    before = list(words(text, lo, figure.start))
    before.reverse()
    back = _window(before, text, False, BACKWARD_WORDS)
    best: tuple[int, str, Span] | None = None
    i = 0
    while i < len(fwd):
        if fwd[i].lower in _CLAUSE_WORDS and not (predicate and fwd[i].lower in _RELATIVE_WORDS):
            break
        step = 1
        for n in (4, 3, 2, 1):
            if i + n <= len(fwd):
                name = _lookup(" ".join(t.lower for t in fwd[i:i + n]), measures)
                if name:
                    best, step = (i, name, Span(fwd[i].start, fwd[i + n - 1].end)), n
                    break
        if best and not predicate:
            break
        i += step
    counted = Span(fwd[0].start, (best[2].end if best else fwd[min(len(fwd), 4) - 1].end)) if fwd else None
    for j in range(len(back)):
        if best is not None and j >= best[0]:
            break
        if back[j].lower in _CLAUSE_WORDS:
            break
        for chunk, phrase in _phrases_back(back, j, (4, 3, 2, 1)):
            name = _lookup(phrase, measures)
            if name and not (best is not None and phrase in _WEAK):
                return name, Span(chunk[0].start, chunk[-1].end), counted
    if best:
        return best[1], best[2], counted
    # Nothing near the figure names a measure: the parse reads the clause (a level verb's subject, "raising the
    # death toll ... to 45"), see reconcile.extraction.parse.
    return None, None, counted


def _phrases_back(back: Sequence[Token], j: int, sizes: Sequence[int]) -> Iterator[tuple[Sequence[Token], str]]:
    """The phrases ending at ``back[j]`` (tokens in reverse order), longest first, in reading order, with their
    lower-case text."""
    for n in sizes:
        if j + n <= len(back):
            chunk = back[j:j + n][::-1]
            yield chunk, " ".join(t.lower for t in chunk)


def _noun_unit(text: str, counted: Span | None) -> str | None:
    """The unit of the counted noun, if the unit registry knows it ("soldiers" → person, "tanks" → vehicle)."""
    if counted is None:
        return None
    for i, tok in enumerate(words(text, counted.start, counted.end)):
        if i >= 3:
            break
        if tok.text.isalpha() and len(tok.text) > 2:
            try:
                return canonical_unit(tok.lower)
            except ReconcileError:
                continue
    return None


def _why_not(text: str, span: Span, number_start: int, hedged: bool) -> str | None:
    """Why the number at ``span`` is not a figure at all, or ``None`` if it may be one."""
    raw = text[number_start:span.end]
    before = text[max(0, number_start - 16):number_start]
    after = text[span.end:span.end + 24]
    if _YEAR.match(raw) and not hedged:
        return "year"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "age"
    if _DURATION.match(after):
        return "duration"
    if _TIME.match(after):
        return "time"
    if _NUMERIC_DATE.match(after) or _NUMERIC_DATE_BEFORE.search(before):
        return "date"
    if _IDENTIFIER.search(before):
        return "identifier"
    return None


def _candidates(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Matches of :data:`_FIGURE`, in order, tried only where a figure can start: at a number (or the hedge
    or "between" before it) and, in sentences with a number word, at those words. Trying the pattern at
    every character instead costs five times as much (bench/bench_extract.py)."""
    starts: list[int] = []
    for m in _DIGITS.finditer(text, start, end):
        p = m.start()
        if p > start and text[p - 1] in _NOT_A_START:
            continue  # the tail of "3,000", "1.5" or "F-16"
        hedge = _HEDGE_BEFORE.search(text, max(start, p - 32), p)
        if hedge:
            starts.append(hedge.start())
        starts.append(p)
    if not _NUMBER_TOKENS.isdisjoint(_LETTERS.findall(text[start:end].lower())):
        for m in _WORDY.finditer(text, start, end):
            hedge = _HEDGE_BEFORE.search(text, max(start, m.start() - 32), m.start())
            if hedge:
                starts.append(hedge.start())
            starts.append(m.start())
    cursor = start
    for p in sorted(set(starts)):
        if p < cursor:
            continue
        found = _FIGURE.match(text, p, end)
        if found:
            cursor = found.end()
            yield found


def find_figures(text: str, start: int, end: int, masked: Sequence[Span], *,
                 measures: MeasureRegistry = DEFAULT_MEASURES) -> tuple[list[FigureMention], list[Ignored]]:
    """Figures and ignored numbers in ``text[start:end]`` (a sentence); numbers inside ``masked`` spans
    (dates) are ignored as ``date``."""
    # span, parser text, kind, end of the number words, and "earlier"/"later" for the two ends of a change
    found: list[tuple[Span, str, str, int, str]] = []
    ignored: list[Ignored] = []
    cursor = start
    for m in _candidates(text, start, end):
        span = Span(m.start(), m.end())
        if span.start < cursor:
            continue
        if any(d.overlaps(span) for d in masked):
            ignored.append(Ignored(span, "date"))
            continue
        kind = m.lastgroup or "single"
        phrase = m.group(0)
        if kind in ("single", "word") and re.match(r"estimated\s", phrase, re.IGNORECASE):
            # "The UN estimated 300 ...": a verb of saying, not the hedge "an estimated 300".
            shift = len(phrase) - len(phrase[len("estimated"):].lstrip())
            span, phrase = Span(span.start + shift, span.end), phrase[shift:]
        if kind == "range" and _FROM.search(text, max(start, span.start - 8), span.start):
            kind = "change"  # "rose from 300 to 500" is a change, not a range: two figures
        elif kind == "range" and _BY.search(text, max(start, span.start - 6), span.start):
            kind = "by"  # "rose by 40 to 230": how much it changed, then the level it reached
        if kind == "word":
            phrase = digits(phrase)  # "Forty-three" reaches the parser as "43"
        elif kind == "single" and not _HEDGE_LEAD.match(phrase):
            projected = _PROJECTION.search(text, max(start, span.start - 24), span.start)
            if projected:
                # "the number of dead could reach 20,000": a projection, an upper bound.
                span, phrase = Span(projected.start(), span.end), f"up to {phrase}"
        number_start = span.start + len(phrase) - len(phrase.lstrip("~≈ ").lstrip())
        first_digit = re.search(r"\d", phrase)
        if kind in ("single", "range") and first_digit:
            number_start = span.start + first_digit.start()
        reason = _why_not(text, span, number_start, number_start != span.start)
        if reason:
            ignored.append(Ignored(span, reason))
            cursor = span.end
            continue
        if kind == "by":
            sep = _CHANGE_SEP.search(phrase)
            assert sep is not None  # the range pattern matched a separator
            ignored.append(Ignored(Span(span.start, span.start + sep.start()), "a change ('rose by 400'), not a figure"))
            found.append((Span(span.start + sep.end(), span.end), phrase[sep.end():], "single", span.end, ""))
            cursor = span.end
            continue
        if kind == "change":
            sep = _CHANGE_SEP.search(phrase)
            assert sep is not None  # the range pattern matched a separator
            a_end, b_start = span.start + sep.start(), span.start + sep.end()
            found.append((Span(span.start, a_end), phrase[:sep.start()], "single", a_end, "earlier"))
            found.append((Span(b_start, span.end), phrase[sep.end():], "single", span.end, "later"))
            cursor = span.end
            continue
        core_end = span.end
        if kind == "single":
            ci = _CI_AFTER.match(text, span.end, end)
            if ci:
                # The interval states the uncertainty; a hedge word before it ("an estimated") adds nothing
                # the parser could combine with it, so the parser gets the bare figure and its interval.
                number = text[number_start:core_end]
                phrase = f"{number} ({ci.group('level')}% CI {ci.group('a')}-{ci.group('b')})"
                span = Span(span.start, ci.end())
        found.append((span, phrase, kind, core_end, ""))
        cursor = span.end
    mentions: list[FigureMention] = []
    for i, (span, phrase, kind, core_end, end_of_change) in enumerate(found):
        lo = found[i - 1][0].end if i else start
        hi = found[i + 1][0].start if i + 1 < len(found) else end
        mention = _classify(text, span, phrase, kind, core_end, lo, hi, measures)
        if end_of_change == "earlier":
            mention = attrs.evolve(mention, compared=True)
        elif mentions and not mention.portion and (end_of_change == "later" or _COMPARED.search(
                text, max(lo, span.start - 24), span.start)):
            if end_of_change != "later":
                mention = attrs.evolve(mention, compared=True)
            earlier = next((m for m in reversed(mentions) if m.measure and not m.portion), None)
            if mention.measure is None and mention.reason.startswith("no measure") and earlier is not None \
                    and bool(_PERCENT.search(earlier.text)) == bool(_PERCENT.search(phrase)):
                mention = attrs.evolve(mention, measure=earlier.measure, reason="")
        mentions.append(mention)
    return mentions, ignored


def _classify(text: str, span: Span, phrase: str, kind: str, core_end: int, lo: int, hi: int,
              measures: MeasureRegistry) -> FigureMention:
    """Give a figure its measure, or the reason it has none. The measure is looked for around the number
    words (``span.start`` to ``core_end``): a confidence interval written after the noun is not in the way."""
    portion = kind == "frac"
    if portion:
        of = _OF_WHOM.match(text, span.end)
        window_start = of.end() if of else span.end
        measure, mspan, counted = _measure_near(text, Span(span.start, window_start), window_start, hi, measures)
    else:
        measure, mspan, counted = _measure_near(text, Span(span.start, core_end), lo, hi, measures,
                                                predicate=kind == "fracof")
    if kind == "fracof" and mspan is not None and not text[core_end:mspan.start].strip() \
            and _SHARE_OF_GROUP.match(text, mspan.end):
        return FigureMention(span, phrase, None, f"a share of a group within the {measure}, not a figure of it",
                             portion, None, counted)
    if kind in ("single", "word", "range") and (_PART_AFTER.match(text, core_end) or _PART_BEFORE.search(
            text, max(lo, span.start - 40), span.start)):
        return FigureMention(span, phrase, None, "a part of a group counted before", portion, None, counted)
    core = text[span.start:core_end]
    # "5% of 3,000 troops" counts troops: only the figure's own number words can make it a percentage.
    percent = kind != "fracof" and bool(_PERCENT.search(core if kind != "ci" else core.split("(", 1)[0]))
    after = text[span.end:span.end + 24]
    before = text[max(0, span.start - 6):span.start]
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return FigureMention(span, phrase, None, "an amount of money, not a measure", portion, None, counted)
    if _POINTS.match(after):
        return FigureMention(span, phrase, None, "a change in percentage points", portion, None, counted)
    if measure is None:
        what = "fraction" if portion else "figure"
        return FigureMention(span, phrase, None, f"no measure word near the {what}", portion, None, counted)
    unit = measures.resolve(measure).unit
    if portion:
        return FigureMention(span, phrase, measure, "", True, mspan, counted)
    if unit == "percent" and not percent:
        return FigureMention(span, phrase, None, f"{measure} is a share but the figure is not a percentage",
                             False, mspan, counted)
    if unit != "percent" and percent:
        return FigureMention(span, phrase, None, f"a percentage of an unnamed whole, where {measure} counts {unit}",
                             False, mspan, counted)
    noun = _noun_unit(text, counted) if not percent else None
    if noun is not None and noun != unit:
        try:
            conversion_factor(noun, unit)
        except ReconcileError:
            return FigureMention(span, phrase, None, f"counts {noun}, but {measure} counts {unit}", False, mspan,
                                 counted)
    return FigureMention(span, phrase, measure, "", False, mspan, counted)
