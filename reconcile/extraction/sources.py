"""Attribution: who said what in a sentence, when, through whom, and what the article says about checking it.

A :class:`Cue` is a phrase of attribution — "President Volodymyr Zelensky said on Feb. 14 that", "an
official ... claimed on Feb. 27" (after what it attributes), "according to the UN", "a Jan. 13 estimate
from the NIS which said", "told AFP" (AFP joins the attribution chain) — with the parts of the sentence
it attributes (its *regions*): the words after "X said that", the words before "..., X said." or "...,
according to X", both sides of an aside ("..., X said on Monday, up from ..."). A figure or statement
belongs to the innermost cue whose region holds it; one in no region is background, stated by the
publishing outlet itself.

:func:`find_outlet` finds where an article names itself ("The Kyiv Independent could not immediately
verify"); :func:`find_status` finds what an article says about checking claims ("could not be
independently verified", "has not commented", "denied").
"""

from __future__ import annotations

import re
from typing import Sequence

import attrs

from .dates import DateMention
from .entities import Entity, EntityRegistry
from .text import Sentence, Span

__all__ = ["Cue", "StatusNote", "find_cues", "find_outlet", "find_status"]

# "put the death toll at 150,000" states a figure as surely as "said": "put" is a verb of saying only there.
_PUT_AT = (r"(?=\s+(?:the|its|their|a)\s+(?:[\w-]+\s+){0,2}(?:toll|number|figure|count|tally|total)"
           r"(?:\s+of\s+[\w-]+)?\s+at\b)")
_VERB = re.compile(r"\b(?P<verb>said|says|claimed|told|reported|estimated|estimates|stated|announced|noted|"
                   r"confirmed|added|wrote|denied|denies|acknowledged|admitted|insisted|warned|alleged|asserted|"
                   rf"found|showed|shows|puts?{_PUT_AT})\b")
_DENIALS = frozenset({"denied", "denies"})
_PARTICIPLE = re.compile(r"\b(?P<verb>adding|saying|claiming|noting|estimating|stating|insisting|warning|arguing)"
                         r"\b(?:\s+that\b)?")
_CITING = re.compile(r",?\s*\bciting\s+")
_PREP = re.compile(r"\b(?:(?P<acc>[Aa]ccording to)|(?P<noun>estimates?|reports?|data|figures|assessment|tally|"
                   r"count|study|survey|analysis|statement)\s+(?:from|by|released by|published by|issued by))\s+")
_AUX = frozenset({"has", "have", "had", "also", "previously", "earlier", "later", "reportedly", "again", "then",
                  "once", "repeatedly", "recently", "publicly", "officially", "separately", "further", "would",
                  "will", "has also", "had also"})
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_RELATIVE = frozenset({"which", "who", "that"})
_APPOSITIVE = re.compile(r"\s*(?:which|who|whose|whom)\b")
_BOUNDARY = re.compile(r"[,;:\"“”—–]|\bthat\b")
# Where a named source ends. Not at a full stop: inside a sentence that is an abbreviation ("Gen.", "U.N.").
_CLAUSE_END = re.compile(r"[,;:\"“”—–]|\s(?:which|who|that|on|in|published|released)\s")
_LAST_WORD = re.compile(r"([A-Za-z’']+)\s*$")
# A name and nothing else ("Oleh Syniehubov", "Gen. Oleksandr Syrskyi", "UNHCR"): an appositive speaker.
_AND_NAME = re.compile(r"\s+and\s+(?=(?:the\s+)?[A-Z])")
_PUBLISHED = re.compile(r"\s*,?\s*(?:published|released|issued|dated)\b(?=\s+(?:on|in)\b)")
_APPOSED = re.compile(r",\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?=[,;.]|$)")
_AUDIENCE = re.compile(r"\s*(?:reporters|journalists|lawmakers|parliament|(?:a|the)\s+(?:news\s+|press\s+)?"
                       r"(?:briefing|conference))(?:\s+(?:in|at)\s+[A-Z][\w-]*)?")
# What stands between a name and its verb of saying: an age, or a title that starts with an article.
_APPOSED_AFTER_NAME = re.compile(r"^\s*(?:\d{1,3}|(?:a|an|the)\s+[^,;:\"“”]+)\s*$")
_NAME_ONLY = re.compile(r"^\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}\s*$")
_ONLY_PUNCT = re.compile(r"^[\s\"“”'’.,;:!?)\]]*$")
_THAT = re.compile(r"\s*,?\s*that\b")
_NAME = r"[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*"  # a capitalised name, "The Kyiv Independent"
_TO_NAME = re.compile(r"\s*(?:to\s+)?(?:the\s+)?"
                      r"(?P<name>(?:[A-Z][\w.&’'-]*)(?:\s+(?:of\s+|for\s+)?[A-Z][\w.&’'-]*)*)")
_CHANNEL = re.compile(rf"\s*(?:on|via|in|from)\s+(?:the\s+)?{_NAME}(?=\s*[,.;:]|\s*$)")
# After a cue, at most a few words before the sentence ends: the cue closes what it attributes.
_SHORT_TAIL = re.compile(r"^[\s\W]*(?:\w+[\s\W]*){0,4}$")
_ON = re.compile(r"\s*(?:late\s+|early\s+|earlier\s+)?(?:on|in)?\s*")
_INTERVIEW = re.compile(r"\s*(?:in|during)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?(?:interview|"
                        r"statement|post|address|report|briefing|speech|message|update|conference)"
                        r"(?P<to>\s+(?:with|to|on|for)\s+(?:the\s+)?"
                        r"(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*))?"
                        r"(?:\s+(?:magazine|newspaper|channel))?(?:\s+(?:published|aired|posted|released))?")
_DENIAL_OBJECT = re.compile(r"\s*(?:the\s+|these\s+|those\s+)?(?P<what>reports?|claims?|allegations?|accounts?|"
                            r"suggestions?|rumou?rs?)\b")
_OUTLET = re.compile(r"(?P<name>(?:The\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})\s+"
                     r"(?:could not|couldn't|cannot|"
                     r"can't|was unable to|has not been able to|did not|has reached out|reached out|has asked|asked)"
                     r"\s+(?:immediately\s+|independently\s+)*(?:verify|confirm|to\b)")
_UNVERIFIED = re.compile(r"\b(?:could not|couldn't|cannot|can't|was unable to|were unable to|has not been able to|"
                         r"have not been able to)\s+(?:be\s+)?(?:immediately\s+|independently\s+)*"
                         r"(?:verif(?:y|ied)|confirm(?:ed)?)\b")
_VERIFIED = re.compile(r"\b(?<!not )(?:has|have|was|were)\s+(?:been\s+)?(?:independently\s+)?verified\b")
_NO_COMMENT = re.compile(r"(?P<who>[A-Z][^,;.]*?)\s+(?:has|have|had|did)\s+not\s+(?:immediately\s+)?"
                         r"(?:commented|comment|responded|respond)\b")
_DISPUTE = re.compile(r"\b(?:disputed|rejected|dismissed|contested)\s+(?:the|these|those|its|their)\s+"
                      r"(?:claims?|figures?|reports?|estimates?|numbers?)\b")
_RETRACT = re.compile(r"\b(?:retracted|withdrew|corrected)\s+(?:the|its|their)\s+(?:claims?|figures?|reports?|"
                      r"estimates?)\b")
_STATUS_HINT = re.compile(r"verif|confirm|comment|respond|disput|reject|dismiss|contest|retract|withdrew|correct")
_REFERENT = re.compile(r"\b(?:the|these|those|its|their)\s+(?:claims?|figures?|reports?|estimates?|numbers?|"
                       rf"assessments?)(?:\s+made)?(?:\s+by\s+(?P<by>(?:the\s+)?{_NAME}))?")


@attrs.frozen
class Cue:
    """An attribution phrase: who, through whom, when, and the part of the sentence it attributes.

    ``denial`` marks "denied ..."; ``negates`` marks a region that is what is denied ("denied reports that
    P": P is denied, so a claim found in it flips); ``reports`` that the denial is of *reports*.
    """

    entity: Entity | None
    via: tuple[Entity, ...]
    span: Span
    regions: tuple[Span, ...]
    date: DateMention | None
    verb: str
    denial: bool = False
    negates: bool = False
    reports: bool = False
    also: tuple[Entity, ...] = ()  # further sources named with ``entity`` ("the UN and ACLED"), each saying it

    def covers(self, span: Span) -> bool:
        """True when ``span`` lies in one of the regions this cue attributes."""
        return any(r.start <= span.start and span.end <= r.end + 1 for r in self.regions)


@attrs.frozen
class StatusNote:
    """Something the article says about checking claims: ``kind`` is ``unverified``, ``verified``,
    ``no-comment``, ``disputed`` or ``retracted``; ``by`` names whose claims it is about, when it says."""

    kind: str
    span: Span
    text: str
    by: Entity | None = None
    same_sentence: bool = False
    names_claims: bool = False  # it says "the reports", "the claims", "the figures"


def _skip_back(text: str, pos: int, lo: int) -> int:
    """Back from ``pos`` over auxiliaries ("has", "also"): where the speaker phrase ends."""
    while pos > lo:
        m = _LAST_WORD.search(text, lo, pos)
        if not m or m.group(1).lower() not in _AUX:
            break
        pos = m.start()
    return pos


def _chunk_back(text: str, end: int, lo: int) -> int:
    """Where the phrase ending at ``end`` starts: after the last clause boundary before it."""
    start = lo
    for m in _BOUNDARY.finditer(text, lo, end):
        start = m.end()
    return start


def _dates_in(dates: Sequence[DateMention], lo: int, hi: int) -> DateMention | None:
    for d in dates:
        if lo <= d.span.start and d.span.end <= hi:
            return d
    return None


@attrs.frozen
class _After:
    """What follows a verb of saying: where the attributed words start, the chain, the date, and for a
    denial what is denied ("reports") and whether a "that" clause states it."""

    pos: int
    via: list[Entity]
    date: DateMention | None
    denied: str = ""
    that: bool = False


def _after_verb(text: str, pos: int, end: int, registry: EntityRegistry, dates: Sequence[DateMention],
                verb: str) -> _After:
    """Read what follows a verb of saying — "the report" (after "denied"), "to the Kyiv Independent", "AFP",
    "on Feb. 14", "in an interview with X published on Feb. 4", "that"."""
    via: list[Entity] = []
    date: DateMention | None = None
    denied, that = "", False
    if verb in _DENIALS:
        obj = _DENIAL_OBJECT.match(text, pos, end)
        if obj:
            denied, pos = obj.group("what").lower(), obj.end()
    for _ in range(6):
        if verb == "told" or text.startswith(" to ", pos) and verb in ("confirmed", "said", "stated", "reported"):
            m = _TO_NAME.match(text, pos, end)
            if m and m.group("name") and not via:
                entity = registry.resolve(m.group("name"))
                if entity is not None:
                    via.append(entity)
                    pos = m.end()
                    continue
        m = _AUDIENCE.match(text, pos, end) if verb == "told" else None
        if m:
            pos = m.end()  # "told reporters", "told a news briefing in Geneva": an audience, not an outlet
            continue
        m = _CHANNEL.match(text, pos, end)
        if m and not any(d.span.start < m.end() and m.start() < d.span.end for d in dates):
            pos = m.end()  # "said on Telegram", "said in Kyiv": where, not through whom
            continue
        m = _INTERVIEW.match(text, pos, end)
        if m and m.group("name") and any(d.span.start < m.end("name") and m.start("name") < d.span.end
                                         for d in dates):
            # "in a statement on Tuesday": a date, not whom it was made to; the date is read next.
            pos = m.start("to")
            continue
        if m:
            if m.group("name"):
                entity = registry.resolve(m.group("name"))
                if entity is not None:
                    via.append(entity)
            pos = m.end()
            continue
        m = _PUBLISHED.match(text, pos, end)
        if m and date is None:
            pos = m.end()  # "according to a UN report published in March": the date it was said is March
            continue
        m = _ON.match(text, pos, end)
        probe = m.end() if m else pos
        found = next((d for d in dates if d.span.start == probe), None)
        if found is not None and date is None:
            date, pos = found, found.span.end
            continue
        m = _THAT.match(text, pos, end)
        if m:
            pos, that = m.end(), True
        break
    return _After(pos, via, date, denied, that)


def find_cues(text: str, sentence: Sentence, dates: Sequence[DateMention], registry: EntityRegistry) -> list[Cue]:
    """The attribution cues of ``sentence``, in order, with the regions they attribute."""
    lo, hi = sentence.start, sentence.end
    raw: list[dict] = []
    for m in _PREP.finditer(text, lo, hi):
        np_end = _CLAUSE_END.search(text, m.end(), hi)
        np_stop = np_end.start() if np_end else hi
        named = _APPOSED.match(text, np_stop, hi)
        if named:
            # "according to the UN refugee agency, UNHCR, which said": the name after the description.
            entity = registry.resolve(f"{text[m.end():np_stop]} {named.group('name')}")
            np_stop = named.end("name")
        else:
            entity = registry.resolve(text[m.end():np_stop])
        both = _two_sources(text[m.end():np_stop], registry)
        if both is not None:
            entity, also = both  # "according to the United Nations and ACLED": a claim each
        else:
            also = None
        # "a Jan. 13 estimate from": a date right before the noun dates it ("in October, according to" does not).
        date = None if m.group("acc") else next(
            (d for d in dates if d.span.end <= m.start() and not text[d.span.end:m.start()].strip()), None)
        rest = _after_verb(text, np_stop, hi, registry, dates, "")
        raw.append(dict(start=m.start(), end=rest.pos, speaker_start=m.start(), entity=entity, via=rest.via,
                        date=date or rest.date, verb=(m.group("acc") or m.group("noun")).lower(),
                        relative_target=True, also=[also] if also is not None else []))
    for m in _VERB.finditer(text, lo, hi):
        verb = m.group("verb")
        before = _LAST_WORD.search(text, lo, m.start())
        prev = before.group(1).lower() if before else ""
        if prev in _PASSIVE or (verb == "estimates" and re.match(r"\s+(?:from|by|of)\b", text[m.end():])):
            continue
        if verb == "estimated" and prev in ("an", "the", "some", "a"):
            continue  # "an estimated 300": the hedge, not a verb of saying
        rest = _after_verb(text, m.end(), hi, registry, dates, verb)
        after, via, date = rest.pos, rest.via, rest.date
        if prev in _RELATIVE:
            host = next((c for c in reversed(raw) if c.get("relative_target") and
                         re.fullmatch(r"[\s,]*", text[c["end"]:before.start()])), None) if before else None
            if host is not None:
                host["merged"] = True
                # "according to X, which estimated that ...": X's words on both sides; "an estimate from X
                # which said ...": only what follows (the estimate is named inside another clause).
                raw.append(dict(start=host["start"], end=after, speaker_start=host["start"], entity=host["entity"],
                                via=host["via"] + via, date=date or host["date"], verb=verb, after=rest,
                                relative_target=host["verb"] == "according to"))
                continue
        speaker_end = _skip_back(text, m.start(), lo)
        speaker_start = _chunk_back(text, speaker_end, lo)
        phrase = text[speaker_start:speaker_end]
        if not phrase.strip() and speaker_start > lo:
            # "The 110th Brigade, which has held the town since 2015, said": past the relative clause.
            clause_start = _chunk_back(text, speaker_start - 1, lo)
            if _APPOSITIVE.match(text, clause_start) and clause_start > lo:
                speaker_start = _chunk_back(text, clause_start - 1, lo)
                phrase = text[speaker_start:clause_start - 1]
            elif _NAME_ONLY.match(text[clause_start:speaker_start - 1]) and clause_start > lo:
                # "the governor, Oleh Syniehubov, told", "the UN refugee agency, UNHCR, said": a name set off
                # by commas after the description of its bearer. The name says who; the description, read
                # with it, says what kind of source it is.
                described = _chunk_back(text, clause_start - 1, lo)
                phrase = f"{text[described:clause_start - 1]} {text[clause_start:speaker_start - 1]}"
                speaker_start = described
            elif clause_start > lo and _APPOSED_AFTER_NAME.match(text[clause_start:speaker_start - 1]):
                # "Vladyslav Voloshyn, a spokesman for the southern forces, told", "Budanov, 38, said": the
                # name comes first, then its title or age set off by commas.
                name_start = _chunk_back(text, clause_start - 1, lo)
                if _NAME_ONLY.match(text[name_start:clause_start - 1]):
                    apposed = text[clause_start:speaker_start - 1]
                    role = "" if apposed.strip().isdigit() else apposed
                    phrase = f"{role} {text[name_start:clause_start - 1]}"
                    speaker_start = name_start
        if not phrase.strip(" \"“”'’"):
            # Inverted: '"...," said Budanov.' The speaker follows the verb (and whatever the verb took:
            # not "on Monday" in "..., said on Monday").
            tail = _CLAUSE_END.search(text, rest.pos + 1, hi)
            stop = tail.start() if tail else hi
            entity = registry.resolve(text[rest.pos:stop])
            raw.append(dict(start=m.start(), end=stop, speaker_start=m.start(), entity=entity, via=via, date=date,
                            verb=verb, backward=True, after=rest))
            continue
        entity = registry.resolve(phrase) or registry.fallback(phrase)
        raw.append(dict(start=speaker_start, end=after, speaker_start=speaker_start, entity=entity, via=via,
                        date=date or _dates_in(dates, speaker_start, m.start()), verb=verb, after=rest))
    for m in _PARTICIPLE.finditer(text, lo, hi):
        earlier = [c for c in raw if c["start"] < m.start()]
        host = max(earlier, key=lambda c: c["start"]) if earlier else None
        entity = host["entity"] if host else registry.last_speaker
        raw.append(dict(start=host["start"] if host else m.start(), end=m.end(), speaker_start=m.start(),
                        entity=entity, via=host["via"] if host else [], date=host["date"] if host else None,
                        verb=m.group("verb"), denial=bool(host and host["verb"] in _DENIALS),
                        denied=host["after"].denied if host and "after" in host else ""))
    for m in _CITING.finditer(text, lo, hi):
        earlier = [c for c in raw if c["start"] < m.start()]
        if earlier:
            host = max(earlier, key=lambda c: c["start"])
            clause_end = _CLAUSE_END.search(text, m.end(), hi)
            cited = registry.resolve(text[m.end():clause_end.start() if clause_end else hi])
            if cited is not None and host["entity"] is not None:
                host["via"] = [host["entity"], *host["via"]]
                host["entity"] = cited
    raw = sorted((c for c in raw if not c.get("merged")), key=lambda c: c["speaker_start"])
    cues: list[Cue] = []
    for i, c in enumerate(raw):
        read: _After | None = c.get("after")  # what followed the verb, for verbs of saying
        denial = c["verb"] in _DENIALS or bool(c.get("denial"))
        denied = read.denied if read is not None and c["verb"] in _DENIALS else c.get("denied", "")
        negates = c["verb"] in _DENIALS and read is not None and read.that
        content = c["end"]
        following = raw[i + 1]["speaker_start"] if i + 1 < len(raw) else hi
        previous = cues[-1].span.end if cues else lo
        leads = bool(_ONLY_PUNCT.match(text[lo:c["speaker_start"]]))
        trailing = not leads and not (read is not None and read.that) and (
            bool(_ONLY_PUNCT.match(text[content:hi])) or bool(_SHORT_TAIL.match(text[content:hi])))
        # "..., the administration said on Monday, up from ...": a cue set off by commas attributes the
        # words on both sides of it.
        aside = not leads and not (read is not None and read.that) and text[content:hi].lstrip().startswith(",")
        # "according to X" / "an estimate from X" inside or after the words it attributes points back.
        prep_back = c.get("relative_target") and not leads
        if c.get("backward") or trailing or prep_back or aside:
            regions = [Span(previous, c["speaker_start"])]
            if aside or (prep_back and not trailing):
                regions.append(Span(content, max(content, following)))
        else:
            regions = [Span(content, max(content, following))]
        start = c["start"]
        while start < content and text[start].isspace():
            start += 1
        cues.append(Cue(c["entity"], tuple(c["via"]), Span(start, content), tuple(regions), c["date"], c["verb"],
                        denial, negates, denied.startswith("report"), tuple(c.get("also", ()))))
    for cue in cues:
        if cue.entity is not None:
            registry.last_speaker = cue.entity
    return cues


def _two_sources(phrase: str, registry: EntityRegistry) -> tuple[Entity, Entity] | None:
    """"the United Nations and the Armed Conflict Location and Event Data Project (ACLED)": two sources, when
    the words before "and" end a name by themselves (an organisation's word such as "Nations", or a source
    named before) and the words after it name another. "The London School of Hygiene and Tropical
    Medicine" stays one name: "Hygiene" ends no name."""
    split = _AND_NAME.search(phrase)
    if split is None:
        return None
    left = phrase[:split.start()].strip()
    last = left.rsplit(None, 1)[-1] if left else ""
    if not (registry.ends_name(last) or registry.alias(left) is not None):
        return None
    first, second = registry.resolve(left), registry.resolve(phrase[split.end():])
    if first is None or second is None or first is second:
        return None
    return first, second


def cue_for(cues: Sequence[Cue], at: Span) -> Cue | None:
    """The innermost cue whose region holds ``at``."""
    best: Cue | None = None
    best_start = -1
    for cue in cues:
        for region in cue.regions:
            if region.start <= at.start and at.end <= region.end + 1 and region.start >= best_start:
                best, best_start = cue, region.start
    return best


def find_outlet(text: str, registry: EntityRegistry) -> Entity | None:
    """The outlet that published the article, where it names itself ("The Kyiv Independent could not
    immediately verify ..."); ``None`` if it does not."""
    for m in _OUTLET.finditer(text):
        entity = registry.resolve(m.group("name"))
        if entity is not None and entity.type in ("newspaper", "news-agency", "organization") and not entity.person:
            return entity
    return None


def find_status(text: str, sentence: Sentence, registry: EntityRegistry) -> list[StatusNote]:
    """What ``sentence`` says about checking claims, and whose claims ("the claims made by X")."""
    lo, hi = sentence.start, sentence.end
    notes: list[StatusNote] = []
    if not _STATUS_HINT.search(text, lo, hi):
        return notes  # most sentences say nothing about checking: one cheap search instead of six
    ref = _REFERENT.search(text, lo, hi)
    by = registry.alias(ref.group("by")) if ref and ref.group("by") else None
    if by is None and ref and ref.group("by"):
        by = registry.resolve(ref.group("by"))
    # "which could not be verified" right after the figures, or no referent word: the same sentence.
    same = ref is None
    for kind, pattern in (("unverified", _UNVERIFIED), ("verified", _VERIFIED), ("disputed", _DISPUTE),
                          ("retracted", _RETRACT)):
        for m in pattern.finditer(text, lo, hi):
            if kind == "verified" and re.search(r"\bnot\s+(?:been\s+)?$", text[max(lo, m.start() - 10):m.start()]):
                continue
            notes.append(StatusNote(kind, Span(m.start(), m.end()), m.group(0), by, same, ref is not None))
    for m in _NO_COMMENT.finditer(text, lo, hi):
        notes.append(StatusNote("no-comment", Span(m.start(), m.end()), m.group(0), by, same, ref is not None))
    return notes
