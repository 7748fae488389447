"""The per-field readers of a scenario claim: one claim field's node to its value, errors reported on the reader.

Kept apart from the claim list (:mod:`reconcile.scenarios.claim_reader`) because each of these reads one field
of one claim and needs nothing but the node helpers (:class:`~reconcile.scenarios.yaml_nodes.NodeReader`);
the plain-row path (:mod:`reconcile.scenarios.rows`) reads the same fields from plain values.
"""

from __future__ import annotations

from typing import Any, Callable

import yaml

from ..claims import Source, Status
from .rows import ROW_FIELDS
from .yaml_nodes import BOOL, NodeReader, is_null, shown

CLAIM_FIELDS = ("id", "source", "via", "said_on", "as_of", "subject", "measure", "value", "quote", "status",
                "proposition", "polarity", "denies", "corrects", "origin")
assert ROW_FIELDS == set(CLAIM_FIELDS)  # the plain-row path (rows.py) reads every claim field

_STATUSES = ", ".join(s.value for s in Status)

_REQUIRED = {"source": "the id of a source listed under sources", "said_on": "the date the claim was made",
             "subject": "what the claim is about, e.g. 'nk-troops-kursk'"}


def _source_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    ids = (r.text(node, field, claim_id=cid, what="a source id"),) if field == "source" else \
        r.texts(node, field, claim_id=cid, what="a list of source ids")
    if ids is None or None in ids:
        return None
    found = []
    for sid in ids:
        if sid not in sources:
            r.error("unknown source", node, claim_id=cid, field=field, text=sid,
                    expected="a source listed under sources: " + (", ".join(sources) or "none listed"))
            return None
        found.append(sources[sid])
    return found[0] if field == "source" else tuple(found)


def _text_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    value = r.text(node, field, claim_id=cid)
    if value is not None and field in ("subject", "proposition", "measure", "value") and not value.strip():
        r.error(f"empty {field}", node, claim_id=cid, field=field, expected=f"a {field}")
        return None
    return value


def _date_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    return r.period(node, field, claim_id=cid)


def _status_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    value = r.text(node, field, claim_id=cid)
    if value is None:
        return None
    try:
        return Status(value)
    except ValueError:
        r.error("unknown status", node, claim_id=cid, field=field, text=value, expected=f"one of: {_STATUSES}")
        return None


def _polarity_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
        return yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
    r.error("polarity must be true or false", node, claim_id=cid, field=field, text=shown(node),
            expected="true (the proposition holds) or false (it does not)")
    return None


def _denies_field(r: NodeReader, node: yaml.Node, field: str, cid: str | None, sources: dict[str, Source]) -> Any:
    return r.texts(node, field, claim_id=cid, what="a list of claim ids")


_FIELD_READERS: dict[str, Callable[[NodeReader, yaml.Node, str, str | None, dict[str, Source]], Any]] = {
    "source": _source_field, "via": _source_field, "said_on": _date_field, "as_of": _date_field,
    "subject": _text_field, "measure": _text_field, "value": _text_field, "quote": _text_field,
    "proposition": _text_field, "status": _status_field, "polarity": _polarity_field, "denies": _denies_field,
    "corrects": _denies_field, "origin": _text_field,
}


def _peek_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return None if is_null(value) else value.value
    return None

