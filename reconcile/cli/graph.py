"""``reconcile graph PATH [--format graphml|gexf|json] -o OUT``: the claim graph of a scenario, for Gephi,
yEd, Cytoscape or networkx (a node per claim, an edge per finding; attributes as described in
:mod:`reconcile.engine.graph`, "Exports").

Example::

    reconcile graph scenarios/nk_troops_kursk.yaml --format graphml -o out/seed.graphml
"""

from __future__ import annotations

import argparse
import sys

from ..engine.graph import FORMATS, write

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="a scenario file (YAML)")
    parser.add_argument("--format", "-f", choices=FORMATS, default=None,
                        help="graphml, gexf or json (node-link); default: from the suffix of OUT, else graphml")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")


def run(args: argparse.Namespace) -> int:
    from ..scenarios.reader import load

    fmt = args.format
    if fmt is None:
        suffix = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
        fmt = suffix if suffix in FORMATS else "graphml"
    graph = load(args.path).reconcile().graph().nx
    write(graph, args.output, fmt)
    print(f"wrote {args.output} ({graph.number_of_nodes()} claims, {graph.number_of_edges()} findings, {fmt})",
          file=sys.stderr)
    return 0
