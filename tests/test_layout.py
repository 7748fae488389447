"""The package's layout holds: no import cycle between modules, and data flows one way through the layers.

The imports are read with :mod:`ast`, not by importing, so a late import inside a function counts as much as
one at the top; imports under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "reconcile"

# Lower layers first. A module may import its own layer or a lower one, never a higher one.
LAYERS = [
    {"errors", "io", "settings"},
    {"figures"},
    {"claims", "measures", "findings", "subjects"},
    {"rules"},
    {"engine"},
    {"scenarios", "extraction"},
    {"report"},
    {"cli"},
]
TOP_MODULES_AT_MOST = 14
FAMILY_PREFIXES = ("extract_", "scenario_", "report_", "plot_", "rule_")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules ``name`` imports (a ``from pkg import sub`` names the submodule when there is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node)
            for child in node.body for n in ast.walk(child)}
    is_package = path.name == "__init__.py"
    base = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[:len(base) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target not in modules:
                continue
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
            found.update(subs or [target])
            if len(subs) < len(node.names):
                found.add(target)
    found.discard(name)
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in _imports(name, path, modules))
    return graph


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package itself re-exports everything
    for rank, names in enumerate(LAYERS):
        if parts[1] in names:
            return rank
    return None


def test_the_import_walk_sees_imports():
    graph = _graph()
    assert graph.has_edge("reconcile.engine.runner", "reconcile.rules.figures")
    assert graph.has_edge("reconcile.cli.report", "reconcile.report.report")  # a late import inside run()


def test_no_import_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(_graph()))
    assert cycles == [], f"import cycles: {cycles}"


def test_no_module_imports_a_higher_layer():
    wrong = []
    for a, b in _graph().edges:
        la, lb = _layer(a), _layer(b)
        if la is not None and lb is not None and lb > la:
            wrong.append(f"{a} -> {b}")
    assert wrong == []


def test_every_module_belongs_to_a_layer():
    entry_points = {"reconcile", "reconcile.__main__"}
    assert [m for m in _modules() if m not in entry_points and _layer(m) is None] == []


def test_top_of_the_package_stays_small_and_unprefixed():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= TOP_MODULES_AT_MOST, top
    assert [m for m in top if m.startswith(FAMILY_PREFIXES) or m.endswith("_cli")] == []
