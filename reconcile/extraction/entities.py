"""Who is speaking: turning a noun phrase such as "an official for South Korea's National Intelligence
Agency (NIS)" or "Ukraine's military intelligence chief Kyrylo Budanov" into a source with a stable id.

An :class:`EntityRegistry` remembers the sources an article has named, under every alias it used
(acronym, full name, surname), so "the NIS", "Budanov" and "Seoul's spy agency" resolve to the source
named earlier: the last by acronym or name, the last by surname, the third by its type (an intelligence
agency) and country (Seoul is South Korea). Ids follow fixed rules, so the same article always gives the
same ids:

- a person: the surname (``zelensky``);
- an organisation with an acronym in the text: the acronym (``nis``, ``afp``);
- an organisation of three or more name words: their initials (``nyt`` for The New York Times, ``sof``
  for Special Operations Forces); otherwise the name as a slug (``kyiv-independent``, ``russia``);
- a description without a name ("The Ukrainian military"): the slug of its country word and head noun.

The word lists below are the extractor's vocabulary; they are data, meant to be extended.
"""

from __future__ import annotations

import re
from typing import Iterator

import attrs

from ..claims import Source
from .text import slug

__all__ = ["Entity", "EntityRegistry", "COUNTRIES", "DEMONYMS"]

# Country names and capitals (as metonyms for governments: "Moscow said") → the country.
COUNTRIES: dict[str, str] = {
    "Russia": "Russia", "Moscow": "Russia", "Kremlin": "Russia", "Ukraine": "Ukraine", "Kyiv": "Ukraine",
    "Kiev": "Ukraine", "North Korea": "North Korea", "Pyongyang": "North Korea", "South Korea": "South Korea",
    "Seoul": "South Korea", "United States": "United States", "U.S.": "United States", "US": "United States",
    "Washington": "United States", "China": "China", "Beijing": "China", "Iran": "Iran", "Tehran": "Iran",
    "Belarus": "Belarus", "Minsk": "Belarus", "Israel": "Israel", "Poland": "Poland", "Germany": "Germany",
    "France": "France", "Britain": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "London": "United Kingdom", "Turkey": "Turkey", "Syria": "Syria", "Sudan": "Sudan", "Japan": "Japan",
}
DEMONYMS: dict[str, str] = {
    "North Korean": "North Korea", "South Korean": "South Korea", "Korean": "Korea", "Russian": "Russia",
    "Ukrainian": "Ukraine", "American": "United States", "British": "United Kingdom", "Chinese": "China",
    "Iranian": "Iran", "Israeli": "Israel", "Palestinian": "Palestine", "Syrian": "Syria",
    "Belarusian": "Belarus", "Polish": "Poland", "German": "Germany", "French": "France", "Turkish": "Turkey",
    "Chechen": "Russia", "Georgian": "Georgia", "Sudanese": "Sudan", "Japanese": "Japan",
}
NEWS_AGENCIES = frozenset({"AFP", "Reuters", "AP", "Associated Press", "TASS", "Interfax", "Yonhap", "Ukrinform",
                           "RIA Novosti", "Bloomberg", "Xinhua", "Agence France-Presse"})
# Words that are a title only before another title: "Defense Minister", but "Defense Ministry" is a name.
_TITLE_MODIFIERS = frozenset({"Prime", "Foreign", "Defense", "Defence", "Deputy", "Vice", "Regional", "Interior",
                              "Presidential", "Senior", "Top"})
_TITLES = frozenset({"President", "Minister", "General", "Gen.", "Lt.",
                     "Col.", "Colonel", "Major", "Maj.", "Commander", "Chief", "Governor", "Gov.", "Mayor",
                     "Spokesperson", "Spokesman", "Spokeswoman", "Sen.", "Senator", "Rep.", "Secretary",
                     "Ambassador", "Deputy", "Head", "Dr.", "Mr.", "Mrs.", "Ms.", "Admiral", "Adm.", "Lieutenant",
                     "Captain", "Capt.", "Marshal", "Director", "Chancellor", "Premier", "Speaker", "Adviser",
                     "Advisor"})
_ORG_WORDS = frozenset({"Agency", "Service", "Services", "Ministry", "Forces", "Force", "Army", "Navy", "Command",
                        "Staff", "Office", "Council", "Institute", "Committee", "Organization", "Organisation",
                        "Bureau", "Department", "Directorate", "Guard", "Union", "Nations", "Fund", "Bank",
                        "Commission", "Center", "Centre", "Times", "Post", "Journal", "Independent", "Guardian",
                        "Gazette", "Herald", "Tribune", "Telegraph", "Magazine", "News", "Press", "Review", "Zone",
                        "Mission", "Group", "University", "School", "Network", "Radio", "Television", "Monitor",
                        "Observatory", "Project", "Government", "Parliament", "Police", "Lancet", "Foundation",
                        "Association", "Federation", "Party", "Brigade", "Battalion", "Regiment", "Division",
                        "Corps", "Fleet", "Pravda", "Pentagon", "Kremlin", "Medicine", "Hospital", "Crescent",
                        "Cross", "Society", "Programme", "Program", "Alliance", "Coalition", "Movement",
                        "Authority", "Court", "Tribunal", "Red"})
_STOP = frozenset({"The", "A", "An", "However", "But", "And", "Amid", "In", "On", "At", "Meanwhile", "Earlier",
                   "Later", "Also", "This", "That", "These", "Those", "According", "Despite", "After", "Before",
                   "While", "When", "If", "As", "Since", "Both", "Its", "Their", "His", "Her", "Separately",
                   "Still", "Yet", "Now", "Then", "Last", "Editor", "Some", "Several", "Many", "Most", "Other",
                   "Few", "All", "Two", "Three", "Local"})
# Words that say how many or which, not who: "Some aid groups" is named by "aid groups".
_QUANTIFIERS = frozenset({"a", "an", "the", "some", "several", "many", "most", "other", "few", "all", "two",
                          "three", "both"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_CONNECT = frozenset({"of", "for", "the", "on", "de", "al", "and"})
_CAP = r"(?:[A-Z][A-Za-z]*(?:[-.][A-Za-z]+)*\.?|[A-Z]{2,}|\d+(?:st|nd|rd|th)(?=\s+[A-Z]))"
_RUN = re.compile(rf"{_CAP}(?:(?:\s+(?:of|for|the|on|de|al|and)){{0,2}}\s+{_CAP})*(?P<poss>['’]s\b)?")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_DEMONYM = re.compile(r"\b(?:" + "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True)) + r")\b")
# Descriptions that name a type of source without its name: "Seoul's spy agency", "the Ukrainian military".
_TYPE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:spy agency|intelligence (?:agency|service|directorate)|intelligence)\b", re.I),
     "intelligence-agency"),
    (re.compile(r"\b(?:newspaper|magazine|times|post|journal|independent|guardian|gazette|herald|tribune|"
                r"telegraph|pravda)\b", re.I), "newspaper"),
    (re.compile(r"\bnews agency\b", re.I), "news-agency"),
    (re.compile(r"\b(?:military|army|armed forces|forces|force|navy|command|general staff|brigade|troops)\b",
                re.I), "military"),
    (re.compile(r"\b(?:ministry|government|kremlin|pentagon|parliament|cabinet|administration|department|"
                r"authorities)\b", re.I), "government"),
    (re.compile(r"\b(?:united nations|u\.n\.|nations|mission|commission|unhcr|ohchr|icrc|who|"
                r"international organi[sz]ation)\b", re.I),
     "international-organization"),
    (re.compile(r"\b(?:institute|university|school|observatory|researchers|study|lancet|centre|center)\b", re.I),
     "research"),
)
_ROLE = re.compile(r"\b(?:official|officials|spokesperson|spokesman|spokeswoman|chief|commander|minister|"
                   r"president|governor|mayor|head|adviser|advisor|director|secretary|ambassador|general|"
                   r"source|sources|analyst|representative|envoy|aide|officer)\b", re.I)


@attrs.define
class Entity:
    """A source named in the article (mutable while the article is read; frozen into a :class:`Source`)."""

    id: str
    name: str
    type: str
    country: str | None = None
    person: bool = False

    def source(self) -> Source:
        return Source(self.id, self.name, self.type)


def _type_of(text: str, default: str) -> str:
    return _typed(text, default)[0]


def _typed(text: str, default: str) -> tuple[str, str]:
    """The source type a phrase names and the word that named it ("spy agency")."""
    for pattern, kind in _TYPE_WORDS:
        m = pattern.search(text)
        if m:
            return kind, m.group(0).lower()
    return default, ""


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _CONNECT and w[0].isalpha()).lower()


class EntityRegistry:
    """The sources an article names, by alias; resolves a speaker phrase to one of them or a new one."""

    def __init__(self) -> None:
        self._by_alias: dict[str, Entity] = {}
        self._by_id: dict[str, Entity] = {}
        self._last_of_type: dict[str, list[Entity]] = {}
        self.last_speaker: Entity | None = None

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._by_id.values())

    def alias(self, text: str) -> Entity | None:
        """The entity an alias names ("the NIS", "Zelensky", "National Intelligence Agency"), if known."""
        return self._by_alias.get(_key(text))

    def add(self, entity: Entity, aliases: list[str]) -> Entity:
        """Register ``entity`` (its id made unique) under ``aliases``; an alias already taken keeps its owner."""
        base, n = entity.id or "source", 2
        while entity.id in self._by_id or not entity.id:
            entity.id = f"{base}-{n}"
            n += 1
        self._by_id[entity.id] = entity
        for a in (*aliases, entity.name, entity.id):
            self._by_alias.setdefault(_key(a), entity)
        self._last_of_type.setdefault(entity.type, []).append(entity)
        return entity

    def fallback(self, phrase: str) -> Entity:
        """A source for a speaker phrase nothing else resolved ("residents of the town"): named by the
        phrase itself, of type ``unknown``, so the claim keeps a speaker for the analyst to correct."""
        words_ = re.findall(r"[A-Za-z]{2,}", phrase)
        name = " ".join(w for w in words_ if w.lower() not in _QUANTIFIERS)[:60] or "unnamed source"
        return self.alias(name) or self.add(Entity(slug(name)[:40].strip("-") or "unnamed", name, "unknown"), [name])

    def resolve(self, phrase: str, person: bool | None = None) -> Entity | None:
        """The source a speaker phrase names: known by alias, a pronoun for the last speaker, a description
        matched to the last source of its type and country, or a new source. ``None`` for no phrase.
        ``person`` says whether a new name is a person's when the caller knows (the parse's entity label: "White
        Helmets" is an organisation); by default two capitalised words are taken for a person's name."""
        words_ = phrase.split()
        if len(words_) > 12:  # a long chunk: the speaker is at its end ("... higher than the estimate of X")
            phrase = " ".join(words_[-10:])
        text = _trim(phrase)
        if not text:
            return None
        if text.lower() in _PRONOUNS:
            return self.last_speaker
        acronym = _ACRONYM.search(text)
        runs = [(m.group(0), m.start(), bool(m.group("poss"))) for m in _RUN.finditer(text)]
        owners = [r[0][:-2] for r in runs if r[2]]
        # (head words, where they start): the runs that are not owners, without titles and function words
        heads = [(_strip(_last_conjunct(r[0])), r[1]) for r in runs if not r[2]]
        heads = [(h, s) for h, s in heads if h and h not in DEMONYMS and not _only_titles(h)]
        if acronym:
            before = [h for h in heads if h[1] < acronym.start() and h[0] != acronym.group(1)]
            found = self.alias(acronym.group(1))
            if found:
                return found
            name = before[-1][0] if before else acronym.group(1)
            owner = owners[-1] if owners else None
            kind = _type_of(f"{name} {text}", "organization")
            entity = Entity(acronym.group(1).lower(), f"{owner}'s {name}" if owner else name, kind,
                            COUNTRIES.get(owner or "") or _country_in(text))
            return self.add(entity, [acronym.group(1), name, f"the {name}"])
        if heads:
            head = heads[-1][0]
            known = (self.alias(head) or self.alias(head.split()[-1] if _personal(head) else head)
                     or self._same_initials(head))
            if known:
                return known
            return self._new(head, text, owners, person)
        return self._described(text, owners)

    def ends_name(self, word: str) -> bool:
        """True when ``word`` can end an organisation's name by itself ("Nations", "Ministry", "ACLED")."""
        return word in _ORG_WORDS or word in COUNTRIES or word in NEWS_AGENCIES or (word.isupper() and len(word) > 1)

    def _same_initials(self, head: str) -> Entity | None:
        """A source named before by the initials of ``head`` or by the name ``head`` abbreviates: "the United
        Nations" after "the UN", "UN" after "the United Nations". Only organisations' names count."""
        words_ = head.split()
        if len(words_) >= 2 and not _personal(head):
            known = self.alias(_initials(words_))
            return known if known is not None and known.name.isupper() else None
        if len(words_) == 1 and head.isupper() and len(head) >= 2:
            for entity in reversed(list(self)):
                names = entity.name.split()
                if len(names) >= 2 and not entity.person and _initials(names) == head.lower():
                    return entity
        return None

    def _new(self, head: str, text: str, owners: list[str], person: bool | None = None) -> Entity:
        owner = owners[-1] if owners else None
        words_ = head.split()
        if head in COUNTRIES:
            # "Moscow", "the Kremlin", "Russia": one government; "the U.S." is ``united-states``.
            nation = COUNTRIES[head]
            known = self.alias(nation)
            if known is not None:
                return known
            return self.add(Entity(slug(nation), nation, "government", nation), [head, nation])
        if head in NEWS_AGENCIES:
            return self.add(Entity(slug(head), head, "news-agency"), [head])
        if _personal(head) if person is None else person:
            role = bool(_ROLE.search(text)) or any(w in _TITLES for w in text.split())
            entity = Entity(slug(words_[-1]), head, "official" if role else "person", _country_in(text), True)
            return self.add(entity, [head, words_[-1]])
        kind = _type_of(f"{head} {text}", "organization")
        display = ("The " + head) if text.startswith("The " + head) and kind == "newspaper" else head
        if head[0].isdigit():
            ident = slug(head)  # "110th Mechanized Brigade": the number is what tells units apart
        elif head.isupper() and len(words_) == 1:
            ident = head.replace(".", "").lower()  # "U.N." is ``un``, as "UN" is
        elif len([w for w in words_ if w.lower() not in _CONNECT]) >= 3:
            ident = _initials(words_)
        else:
            ident = slug(f"{owner} {head}" if owner and kind not in ("newspaper", "news-agency") else head)
        if owner and kind not in ("newspaper", "news-agency"):
            display = f"{owner}'s {display}"
        country = COUNTRIES.get(owner or "") or _country_in(text)
        return self.add(Entity(ident, display, kind, country), [head, f"the {head}"])

    def _described(self, text: str, owners: list[str]) -> Entity | None:
        """A description with no name ("An official from Seoul's spy agency"): the last source of its type
        from the same country, or a new source named by the description."""
        kind, word = _typed(text, "")
        country = COUNTRIES.get(owners[-1]) if owners else _country_in(text)
        if not kind:
            if country and any(o in COUNTRIES for o in owners) and not _ROLE.search(text):
                return self._new(owners[-1], text, [])
            if not _ROLE.search(text):
                return None
            if country is None and self.last_speaker is not None:
                return self.last_speaker  # "the official", "the spokesperson": the one just quoted
            kind = "official"
        # The same source described: same type, and the same country or its own word ("the ministry").
        for entity in reversed(self._last_of_type.get(kind, [])):
            if (country is not None and entity.country == country) or (word and word in entity.name.lower()):
                return entity
        words_ = [w for w in re.findall(r"[A-Za-z]+(?=['’]s\b)|[A-Za-z]{2,}", text)
                  if w.lower() not in ("a", "an", "the", "from", "for", "of", "at")]
        name = " ".join(words_[-3:]) if words_ else kind
        demonym = _DEMONYM.search(text)
        if demonym:
            # Named from its country word on: "a senior South Korean intelligence official" is the "South
            # Korean intelligence official", not the "Korean intelligence official".
            tail = [w for w in re.findall(r"[A-Za-z]{2,}", text[demonym.start():]) if w.lower() not in ("of", "at")]
            name = " ".join(tail) if len(tail) <= 5 else name
        return self.add(Entity(slug(name), name[0].upper() + name[1:], kind, country), [name])


def _trim(phrase: str) -> str:
    """A phrase without surrounding quotes and spaces, and without a sentence's full stop ("AFP." → "AFP"),
    keeping an abbreviation's ("U.S.")."""
    text = phrase.strip(" ,;:\"“”'’\n")
    if text.endswith(".") and "." not in text.rsplit(" ", 1)[-1][:-1]:
        text = text[:-1].rstrip()
    return text


def _key(text: str) -> str:
    t = _trim(text).lower().replace("’", "'")
    return t[4:] if t.startswith("the ") else t


def _strip(run: str) -> str:
    """A capitalised run without leading function words and titles: "The New York Times" → "New York
    Times", "President Volodymyr Zelensky" → "Volodymyr Zelensky"."""
    words_ = run.split()
    titled = not any(w in _ORG_WORDS for w in words_)  # "General Staff" is a name, "General Syrskyi" a title
    while len(words_) > 1 and (words_[0] in _STOP or (titled and (
            words_[0] in _TITLES or (words_[0] in _TITLE_MODIFIERS and words_[1] in _TITLES | _TITLE_MODIFIERS)))):
        words_.pop(0)
    if words_ and words_[0] in _STOP:
        return ""
    return " ".join(words_)


def _last_conjunct(run: str) -> str:
    """"Russia and Ukraine" → "Ukraine"; an organisation's own "and" stays ("School of Hygiene and Tropical
    Medicine")."""
    if " and " in run and not any(w in _ORG_WORDS for w in run.split()):
        return run.rsplit(" and ", 1)[1]
    return run


def _only_titles(run: str) -> bool:
    return all(w in _TITLES for w in run.split())


def _personal(head: str) -> bool:
    """A person's name: two to four capitalised words, none of them a word organisations are named with."""
    words_ = head.split()
    return (2 <= len(words_) <= 4 and head not in COUNTRIES and head not in NEWS_AGENCIES
            and not any(w in _ORG_WORDS or w.isupper() or w.lower() in _CONNECT for w in words_)
            and not any(w in DEMONYMS or w in COUNTRIES for w in words_))


def _country_in(text: str) -> str | None:
    for word, country in DEMONYMS.items():
        if word in text:
            return country
    for word, country in COUNTRIES.items():
        if len(word) > 3 and word in text:
            return country
    return None
