"""Writing scenario files: a :class:`~reconcile.scenarios.Scenario` back to YAML, and the text-level
replacement of a file's ``expect:`` block that ``reconcile check --update`` does.

The writer emits the layout people write by hand (claims as block mappings, sources, measures and
expectations as one-line flow mappings), values as their original text (``claim.estimate.text``) and dates
as written (``str(period)``), so that loading the output gives equal claims. Scalars are written plain
when that is safe and double-quoted otherwise; since the reader takes every scalar as the text written,
only plain words YAML reads as null or a boolean need quotes beyond the syntax's own.
"""

from __future__ import annotations

import os
import re
from typing import Iterable

import yaml

from ..claims import Claim, Source, Status
from ..errors import ScenarioError
from ..figures.parsing import parse_value
from ..figures.quantity import format_number
from ..io import write_atomic
from ..measures import Measure
from ..subjects import Subject
from .model import Expectation, Scenario
from .yaml_nodes import LOADER

__all__ = ["write", "dump", "dumps", "scalar", "expect_block", "replace_expect"]

_RESOLVER = yaml.resolver.Resolver()
_UNSAFE_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"}
# Plain scalars: start with a letter or digit, then characters with no meaning to YAML in that context.
_PLAIN_BLOCK = re.compile(r"^[^\W_][\w .,:/%()+~'=≈–-]*$")
_PLAIN_FLOW = re.compile(r"^[^\W_][\w ./%()+~'=≈–-]*$")
# What YAML may hold unescaped in a double-quoted scalar (its printable set, minus line breaks).
_NOT_PRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x85": "\\N",
            "\u2028": "\\L", "\u2029": "\\P"}


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar that the reader takes back as exactly ``text``: plain when safe, else
    double-quoted with escapes. ``flow`` for scalars inside ``{...}`` or ``[...]``."""
    plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if (plain.fullmatch(text) and not text.endswith((" ", ":")) and ": " not in text and " #" not in text
            and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) not in _UNSAFE_TAGS):
        return text
    return '"' + re.sub(r'[\\"]', lambda m: _ESCAPES[m.group()], text).translate(_TRANSLATE_CONTROL) + '"'


def _escape_control(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class _Control(dict):
    """``str.translate`` table that escapes what YAML cannot hold raw, computed on first sight."""

    def __missing__(self, code: int) -> str | int:
        ch = chr(code)
        value: str | int = _escape_control(ch) if _NOT_PRINTABLE.match(ch) else code
        self[code] = value
        return value


_TRANSLATE_CONTROL = _Control()


def _flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def _flow_map(pairs: Iterable[tuple[str, str]]) -> str:
    """``{key: value, ...}``; values are already rendered."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


# -- the scenario --------------------------------------------------------------------------------------------


def write(scenario: Scenario) -> str:
    """The YAML text of ``scenario`` (see the module docstring); deterministic."""
    out = [f"scenario: {scalar(scenario.slug)}"]
    if scenario.title:
        out.append(f"title: {scalar(scenario.title)}")
    if scenario.published is not None:
        out.append(f"published: {scalar(str(scenario.published))}")
    if scenario.documents:
        out.append(f"documents: {_flow_list(scenario.documents)}")
    if scenario.vocabulary is not None:
        out.append(f"vocabulary: {scenario.vocabulary}")
    if scenario.subjects:
        out.append("subjects:")
        out.extend(f"  {scalar(s.name)}: {_subject(s)}" for s in scenario.subjects)
    if scenario.measures:
        out.append("measures:")
        out.extend(f"  {scalar(m.name)}: {_measure(m)}" for m in scenario.measures)
    listed = _all_sources(scenario)
    out.append("sources:" if listed else "sources: {}")  # an empty extraction still loads
    for source in listed:
        fields = [("name", scalar(source.name, flow=True))] if source.name else []
        if source.type != "unknown":
            fields.append(("type", scalar(source.type, flow=True)))
        out.append(f"  {scalar(source.id)}: {_flow_map(fields)}")
    out.append("claims:" if scenario.claims else "claims: []")
    for claim in scenario.claims:
        out.extend(_claim(claim))
    if scenario.expect or scenario.absent:
        out.append(expect_block(scenario.expect, scenario.absent).rstrip("\n"))
    return "\n".join(out) + "\n"


def _all_sources(scenario: Scenario) -> list[Source]:
    """The listed sources, then any a claim names that the list lacks (so the output always loads)."""
    seen: dict[str, Source] = {s.id: s for s in scenario.sources}
    for claim in scenario.claims:
        for source in (claim.source, *claim.via):
            seen.setdefault(source.id, source)
    return list(seen.values())


def _measure(m: Measure) -> str:
    fields = [("kind", m.kind.value), ("unit", scalar(m.unit, flow=True))]
    for name in ("synonyms", "parts", "not_comparable"):
        if getattr(m, name):
            fields.append((name, _flow_list(getattr(m, name))))
    if m.capped_by:
        fields.append(("capped_by", scalar(m.capped_by, flow=True)))
    if m.description:
        fields.append(("description", scalar(m.description, flow=True)))
    return _flow_map(fields)


def _subject(s: Subject) -> str:
    fields = [("part_of", scalar(s.part_of, flow=True))] if s.part_of is not None else []
    if s.complete:
        fields.append(("complete", "true"))
    if s.description:
        fields.append(("description", scalar(s.description, flow=True)))
    return _flow_map(fields)


def _claim(c: Claim) -> list[str]:
    if c.rule is not None and c.rule != "fraction":
        raise ScenarioError("a claim derived by a rule is not written", claim_id=c.id, field="rule", text=c.rule,
                            expected="the claims of the story only; the engine derives the rest again")
    lines = [f"  - id: {scalar(c.id)}", f"    source: {scalar(c.source.id)}"]
    if c.via:
        lines.append(f"    via: {_flow_list(s.id for s in c.via)}")
    lines.append(f"    said_on: {scalar(str(c.said_on))}")
    if c.as_of != c.said_on:
        lines.append(f"    as_of: {scalar(str(c.as_of))}")
    lines.append(f"    subject: {scalar(c.subject)}")
    if c.estimate is not None:
        lines.append(f"    measure: {scalar(c.measure_word or c.measure or '')}")  # the source's own word
        lines.append(f"    value: {scalar(_value_text(c))}")
    else:
        lines.append(f"    proposition: {scalar(c.proposition or '')}")
        lines.append(f"    polarity: {'true' if c.polarity else 'false'}")
    if c.denies:
        lines.append(f"    denies: {_flow_list(c.denies)}")
    if c.quote:
        lines.append(f"    quote: {scalar(c.quote)}")
    if c.status is not Status.UNVERIFIED:
        lines.append(f"    status: {c.status.value}")
    if c.corrects:
        lines.append(f"    corrects: {_flow_list(c.corrects)}")
    if c.origin is not None:
        lines.append(f"    origin: {scalar(c.origin)}")
    return lines


def _value_text(c: Claim) -> str:
    """The figure as it was written. A figure built in Python without text is written as its number when
    that reads back as the same estimate; otherwise it cannot be written faithfully, and that is an error."""
    assert c.estimate is not None
    if c.estimate.text:
        return c.estimate.text
    if c.fraction is not None and c.derived_from:
        return f"{c.fraction_text} of {c.derived_from[0]}"
    candidates = [format_number(c.estimate.best)] if c.estimate.best is not None else []
    for text in candidates:
        try:
            if parse_value(text, unit=c.estimate.unit) == c.estimate:
                return text
        except ValueError:
            continue
    raise ScenarioError("a figure without the text it was read from", claim_id=c.id, field="value",
                        text=c.estimate.describe(),
                        expected="an estimate parsed from text, e.g. Claim.figure(..., 'at least 300', ...)")


# -- expectations and --update ---------------------------------------------------------------------------------


def _expectation(e: Expectation) -> str:
    fields = []
    if e.relation is not None:
        fields.append(("relation", e.relation.value))
    fields.append(("claims", _flow_list(e.claims)))
    if e.kind is not None:
        fields.append(("kind", scalar(e.kind, flow=True)))
    if e.strength is not None:
        fields.append(("strength", e.strength.value))
    return "    - " + _flow_map(fields)


def expect_block(findings: Iterable[Expectation], absent: Iterable[Expectation]) -> str:
    """The top-level ``expect:`` block, ending with a newline."""
    lines = ["expect:"]
    for section, entries in (("findings", list(findings)), ("absent", list(absent))):
        if entries:
            lines.append(f"  {section}:")
            lines.extend(_expectation(e) for e in entries)
    if len(lines) == 1:
        lines.append("  findings: []")
    return "\n".join(lines) + "\n"


def replace_expect(text: str, block: str, filename: str = "<string>") -> str:
    """``text`` with its top-level ``expect:`` block replaced by ``block`` (appended if there is none).

    Everything outside the block is kept byte for byte. The block runs from its key to the next top-level
    key; comment and blank lines at column 0 just before that key (or the end of the file) are kept, as they
    usually introduce what follows. Comments inside the block go with it.
    """
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioError("not valid YAML", file=filename, line=mark.line + 1 if mark else None,
                            expected="a scenario file") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ScenarioError("expect: can only be replaced in a block mapping", file=filename,
                            expected="a scenario file written as 'key: value' lines")
    newline = "\r\n" if "\r\n" in text else "\n"
    block = block.replace("\n", newline)
    keys = root.value
    at = next((i for i, (k, _) in enumerate(keys) if isinstance(k, yaml.ScalarNode) and k.value == "expect"), None)
    if at is None:
        body = text if text.endswith(("\n", "\r")) or not text else text + newline
        return body + block
    key = keys[at][0]
    if key.start_mark.column != 0:
        raise ScenarioError("expect: must start a line", file=filename, line=key.start_mark.line + 1,
                            field="expect", expected="a top-level key at column 0")
    start = key.start_mark.index
    end = keys[at + 1][0].start_mark.index if at + 1 < len(keys) else max(keys[at][1].end_mark.index, start)
    region = text[start:end]
    lines = region.splitlines(keepends=True)
    kept = 0
    while len(lines) - kept > 1 and (not lines[-1 - kept].strip() or lines[-1 - kept].startswith("#")):
        kept += 1
    tail = "".join(lines[len(lines) - kept:]) if kept else ""
    if not region.endswith(("\n", "\r")) and not tail and end < len(text):
        block = block.rstrip("\r\n") + newline
    return text[:start] + block + tail + text[end:]


def dumps(scenario: Scenario) -> str:
    """The scenario as YAML that loads back to equal claims, sources, measures and expectations."""
    return write(scenario)


def dump(scenario: Scenario, path: "str | os.PathLike[str]") -> None:
    """Write the scenario to ``path`` atomically (nothing is half-written if anything fails)."""
    write_atomic(path, dumps(scenario))
