"""Reading YAML nodes with every error located: the helpers under the scenario reader.

Composing (not loading) keeps each value's line: ``node.start_mark.line + 1``. :class:`NodeReader` reads
scalars, lists and mappings from nodes, reports what is wrong with each as a
:class:`~reconcile.errors.ScenarioError` naming the file, the line and the field, and keeps going, so one
pass collects every error. No tag is ever constructed (safe by construction): scalars are taken as the
text written, and only standard YAML tags are accepted.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

import yaml

from ..io import no_gc  # re-exported: the readers and bench import it from here
from ..errors import ErrorList, ReconcileError, ScenarioError
from ..figures.dates import Period

__all__ = ["LOADER", "NodeReader", "NULL", "BOOL", "is_null", "shown", "no_gc", "building"]

@contextlib.contextmanager
def building() -> Iterator[None]:
    """:func:`no_gc` around reading a file, whose claims outlive it; on the way out, when the collector was on
    and nothing is frozen, everything made so far is moved to the oldest generation at once (``gc.freeze()``
    then ``gc.unfreeze()``, two list splices).

    Why: with the collector paused, every object made while reading is still in the youngest generation, and
    the first allocation after it resumes collects that generation — walking each claim, period and estimate
    just made, all alive (0.1 s of a 100,000-day series, 0.5 s of a million claims), and again when they reach
    the middle one. Objects moved are collected as usual, by the next full collection; a caller's own frozen
    objects are never touched (nothing is moved while any are frozen)."""
    enabled = gc.isenabled()
    with no_gc():
        yield
        if enabled and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()


NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
# The only tags accepted (YAML's core schema). Everything else — ``!!python/object``, ``!custom`` — is an
# error, never constructed.
_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "null", "bool", "int", "float", "timestamp"))
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
# YAML 1.1's plain null and boolean words (PyYAML's implicit resolvers, spelled out).
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = frozenset(w for word in ("yes", "no", "true", "false", "on", "off")
                   for w in (word, word.capitalize(), word.upper()))


class _NullBoolResolver(yaml.resolver.BaseResolver):
    """Tags plain scalars null, bool or str, and nothing else. The reader takes every scalar as the text
    written, so resolving ints, floats and timestamps (PyYAML runs a dozen regexes per scalar) is wasted."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULLS:
                return NULL
            if implicit[0] and value in _BOOLS:
                return BOOL
            return _STR
        return super().resolve(kind, value, implicit)


if hasattr(yaml, "CSafeLoader"):
    from yaml._yaml import CParser  # where it is defined; yaml.cyaml uses it but does not export it

    class _Loader(CParser, yaml.constructor.BaseConstructor, _NullBoolResolver):
        """libyaml's C parser and composer (composing is most of the cost of a large file), safe: nothing
        here constructs objects from tags."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            _NullBoolResolver.__init__(self)

    LOADER: type = _Loader
else:  # pragma: no cover - PyYAML built without libyaml
    LOADER = yaml.SafeLoader


class NodeReader:
    """Reads nodes of one file; collects errors in :attr:`errors`."""

    def __init__(self, filename: str) -> None:
        self.file = filename
        self.errors: list[ReconcileError] = []

    # -- error helpers ------------------------------------------------------------------------------------
    def error(self, message: str, node: yaml.Node | int | None, *, claim_id: str | None = None,
              field: str | None = None, text: str | None = None, expected: str | None = None) -> None:
        line = node if isinstance(node, int) or node is None else node.start_mark.line + 1
        self.errors.append(ScenarioError(message, file=self.file, line=line, claim_id=claim_id, field=field,
                                         text=text, expected=expected))

    def locate(self, err: ReconcileError, node: yaml.Node | int, *, claim_id: str | None = None,
               field: str | None = None) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        if isinstance(err, ErrorList):
            for inner in err.errors:
                self.locate(inner, line, claim_id=claim_id, field=field)
            return
        self.errors.append(err.located(file=self.file, line=line, claim_id=claim_id, field=field))

    # -- node helpers -------------------------------------------------------------------------------------
    def mapping(self, node: yaml.Node, field: str, allowed: tuple[str, ...] | None, *,
                claim_id: str | None = None, what: str = "a mapping", prefix: str | None = None
                ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """``key -> (key node, value node)``; reports non-mappings, duplicate keys and keys not in ``allowed``
        (as field ``prefix.key``, or ``key`` without a prefix)."""
        if not isinstance(node, yaml.MappingNode) or node.tag not in _COLLECTION_TAGS:
            self.wrong_type(node, field, what, claim_id)
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error("a key must be plain text", key_node, claim_id=claim_id, field=field,
                           expected="a key such as 'id' or 'source'")
                continue
            key = key_node.value
            name = f"{prefix}.{key}" if prefix else key
            if allowed is not None and key not in allowed:
                hint = (" — inside {...} a comma ends the value: quote figures such as \"about 5,000\""
                        if key.isdigit() else "")
                self.error("unknown field", key_node, claim_id=claim_id, field=name, text=key,
                           expected="one of: " + ", ".join(allowed) + hint)
                continue
            if key in out:
                self.error("field given twice", key_node, claim_id=claim_id, field=name, text=key,
                           expected=f"each field once (first at line {out[key][0].start_mark.line + 1})")
                continue
            out[key] = (key_node, value_node)
        return out

    def text(self, node: yaml.Node, field: str, *, claim_id: str | None = None, what: str = "text") -> str | None:
        """The text of a scalar as written; ``None`` for null (reported by callers that need a value)."""
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            return None if node.tag == NULL else node.value
        self.wrong_type(node, field, what, claim_id)
        return None

    def wrong_type(self, node: yaml.Node, field: str, what: str, claim_id: str | None) -> None:
        """Report a node that is not ``what``: an unsupported tag as such, anything else as the wrong type."""
        if not _known_tag(node):
            self.error("unsupported YAML tag", node, claim_id=claim_id, field=field, text=node.tag,
                       expected=f"{what} without a tag")
        else:
            self.error(f"{field} must be {what}", node, claim_id=claim_id, field=field, text=shown(node),
                       expected=what)

    def texts(self, node: yaml.Node, field: str, *, claim_id: str | None = None,
              what: str = "a list of ids") -> tuple[str, ...] | None:
        """A list of texts; a single scalar is a list of one; null is the empty list."""
        if isinstance(node, yaml.ScalarNode):
            value = self.text(node, field, claim_id=claim_id, what=what)
            return () if value is None and node.tag == NULL else (value,) if value is not None else None
        if not isinstance(node, yaml.SequenceNode) or not _known_tag(node):
            self.wrong_type(node, field, what, claim_id)
            return None
        out: list[str] = []
        ok = True
        for item in node.value:
            if is_null(item):
                self.error("empty entry", item, claim_id=claim_id, field=field, expected=what)
                ok = False
                continue
            if not isinstance(item, yaml.ScalarNode):
                self.wrong_type(item, field, what, claim_id)
                ok = False
                continue
            value = self.text(item, field, claim_id=claim_id, what=what)
            if value is None:
                ok = False
            else:
                out.append(value)
        return tuple(out) if ok else None

    def period(self, node: yaml.Node, field: str, *, claim_id: str | None = None) -> Period | None:
        value = self.text(node, field, claim_id=claim_id, what="a date")
        if value is None:
            return None
        try:
            return Period.parse(value)
        except ReconcileError as err:
            self.locate(err, node, claim_id=claim_id, field=field)
            return None

    # -- the file -----------------------------------------------------------------------------------------

    def compose(self, text: str) -> yaml.Node | None:
        try:
            loader = LOADER(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = exc.context_mark
            context = f" ({exc.context} at line {where.line + 1})" if exc.context and where is not None else ""
            self.error(f"not valid YAML: {exc.problem or exc.context}{context}", mark.line + 1 if mark else None,
                       expected="a YAML mapping (see the README, 'Scenario files')")
            return None
        except yaml.YAMLError as exc:  # reader errors: control characters, bad encoding
            self.error("not valid YAML", None, text=str(exc).splitlines()[0], expected="printable UTF-8 text")
            return None
        if root is None:
            self.error("empty file", None, expected="a mapping with scenario, sources and claims")
        return root

    # -- measures and sources -------------------------------------------------------------------------------


def _known_tag(node: yaml.Node) -> bool:
    return node.tag in (_SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else _COLLECTION_TAGS)


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL


def shown(node: yaml.Node) -> str:
    """A short description of what a node holds, for messages."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return "a mapping" if isinstance(node, yaml.MappingNode) else "a list"


