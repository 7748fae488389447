"""Hypothesis strategies shared by the property tests: figure texts as news writes them, and stories."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from reconcile import Claim, Source

NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=2_000_000),
    st.sampled_from([300, 2700, 4000, 12000, 1000, 64, 2975, 100, 50]),
)


def number_text(n: int) -> str:
    return f"{n:,}"


@st.composite
def figure_texts(draw, counts_only: bool = False) -> str:
    """A figure in one of the parser's forms; ``counts_only`` leaves out percentages and fractions."""
    n = draw(NUMBERS)
    m = draw(NUMBERS)
    lo, hi = sorted((n, m))
    forms = ["plain", "prefix", "range", "between", "ci", "vague", "scaled"]
    form = draw(st.sampled_from(forms if counts_only else [*forms, "pct", "fraction"]))
    if form == "plain":
        return number_text(n)
    if form == "prefix":
        word = draw(st.sampled_from(["at least", "more than", "over", "up to", "as many as", "no more than",
                                     "about", "around", "roughly", "some", "approximately", "nearly", "fewer than",
                                     "just over", "almost"]))
        return f"{word} {number_text(n)}"
    if form == "range":
        return f"{number_text(lo)}{draw(st.sampled_from(['-', ' to ', '–']))}{number_text(hi)}"
    if form == "between":
        return f"between {number_text(lo)} and {number_text(hi)}"
    if form == "ci":
        best = draw(st.integers(min_value=lo, max_value=hi))
        level = draw(st.sampled_from(["95% CI ", "90% CI ", ""]))
        return f"{number_text(best)} ({level}{number_text(lo)}-{number_text(hi)})"
    if form == "vague":
        return draw(st.sampled_from(["dozens", "hundreds", "thousands", "tens of thousands", "several hundred"]))
    if form == "pct":
        return f"{draw(st.sampled_from(['', 'about ', 'up to ']))}{n % 101}%"
    if form == "scaled":
        return f"{draw(st.integers(1, 99))}.{draw(st.integers(1, 9))} million"
    hedge = draw(st.sampled_from(["", "", "nearly ", "about ", "more than ", "up to ", "at least "]))
    return f"{hedge}{draw(st.sampled_from(['two-thirds', 'a third', 'half', 'a quarter', '40%']))} of {number_text(n)}"


TOKENS = st.sampled_from(["at", "least", "up", "to", "about", "between", "and", "of", "two-thirds", "-", "(", ")",
                          "95%", "CI", "million", "%", ",", "300", "2,700", "1.2", "0", "-5", "hundreds", "troops",
                          "per cent", "nearly", "~", "1e5", "½", "٣", "NaN", "inf", " ", "\t", "\n"])
MESSY = st.one_of(st.text(max_size=40), st.lists(TOKENS, max_size=8).map(" ".join),
                  figure_texts().map(lambda t: t + " "), figure_texts().map(lambda t: "-" + t))

SOURCES = [Source(s) for s in ("nis", "zelensky", "un", "ngo")]
DAYS = [dt.date(2025, 1, 13), dt.date(2025, 1, 30), dt.date(2025, 2, 14)]
MEASURES = ["killed", "wounded", "casualties", "non-fatal", "deployed", "excess-deaths", "captured"]


@st.composite
def stories(draw, max_claims: int = 10) -> list[Claim]:
    """A small story: figures and statements about two subjects, with fractions and denials."""
    n = draw(st.integers(min_value=1, max_value=max_claims))
    claims: list[Claim] = []
    for i in range(n):
        subject = draw(st.sampled_from(["s1", "s2"]))
        source = draw(st.sampled_from(SOURCES))
        said = draw(st.sampled_from(DAYS))
        as_of = draw(st.sampled_from([None, "2024-fall", "2025-01"]))
        kind = draw(st.sampled_from(["figure", "figure", "figure", "statement", "portion"]))
        cid = f"c{i}"
        if kind == "statement":
            earlier = [c.id for c in claims if not c.is_figure]
            denies = draw(st.lists(st.sampled_from(earlier), max_size=1, unique=True)) if earlier else []
            claims.append(Claim.statement(cid, source, draw(st.sampled_from(["p", "q"])), draw(st.booleans()),
                                          subject=subject, said_on=said, as_of=as_of, denies=denies))
            continue
        wholes = [c for c in claims if c.measure == "casualties" and c.rule is None]
        if kind == "portion" and wholes:
            whole = draw(st.sampled_from(wholes))
            fraction = draw(st.sampled_from(["two-thirds", "a third", "half", "nearly half", "more than a third"]))
            claims.append(Claim.portion_of(whole, fraction, id=cid,
                                           measure=draw(st.sampled_from(["killed", "non-fatal"]))))
            continue
        measure = draw(st.sampled_from(MEASURES))
        text = draw(figure_texts(counts_only=True))
        claims.append(Claim.figure(cid, source, measure, text, subject=subject, said_on=said, as_of=as_of))
    return claims


@st.composite
def cumulative_series(draw, max_days: int = 40) -> list[int]:
    """A running total, one exact figure a day: never falls (issue 11's window-count properties)."""
    steps = draw(st.lists(st.integers(min_value=0, max_value=500), min_size=3, max_size=max_days))
    total, out = draw(st.integers(min_value=0, max_value=10_000)), []
    for step in steps:
        total += step
        out.append(total)
    return out


# -- issue 11: the figure forms news writes besides the ones above ---------------------------------------------
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """``n`` (below a billion) in words as news writes them: 3000 → "three thousand", 43 → "forty-three"."""
    def below_thousand(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        head = f"{_ONES[hundreds]} hundred" if hundreds else ""
        if rest < 20:
            tail = _ONES[rest] if rest else ""
        else:
            tail = _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
        return " and ".join(p for p in (head, tail) if p)

    if n == 0:
        return "zero"
    parts = []
    for scale, word in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        k, n = divmod(n, scale)
        if k:
            parts.append(f"{below_thousand(k)} {word}".strip())
    return " ".join(parts)


# (form, template): {n} a number with separators, {w} it in words, {k} a small number, {d} a digit, {lo}/{hi}
NEW_FORMS = {
    "plus": "{n}+", "or-more": "{n} or more", "dash-plus": "{n}-plus", "or-fewer": "{n} or fewer",
    "k": "{k}k", "about-k": "about {k}k", "m": "{k}.{d}m", "million": "{k}.{d} million", "words": "{w}",
    "about-words": "about {w}", "to": "{lo} to {hi}", "from-to": "from {lo} to {hi}",
    "no-more-than": "no more than {n}", "not-more-than": "not more than {n}", "fewer-than": "fewer than {n}",
    "only": "only {n}", "as-few-as": "as few as {n}",
}


@st.composite
def new_figure_texts(draw, form: str | None = None) -> tuple[str, str]:
    """``(form, text)``: a figure in one of :data:`NEW_FORMS` (``form`` picks one)."""
    name = form or draw(st.sampled_from(sorted(NEW_FORMS)))
    n, m = draw(NUMBERS), draw(NUMBERS)
    lo, hi = sorted((n, m))
    words_n = draw(st.integers(0, 999_999_999))
    text = NEW_FORMS[name].format(n=number_text(n), w=number_words(words_n), k=draw(st.integers(1, 999)),
                                  d=draw(st.integers(1, 9)), lo=number_text(lo), hi=number_text(hi))
    return name, text
