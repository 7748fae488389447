"""A pytest plugin that runs scenario files as tests: one item per scenario, failing with the same
readable diff as ``reconcile check``.

It is registered through the ``pytest11`` entry point, so it is active wherever reconcile is installed,
but it collects nothing until told where scenarios live — the ``reconcile_scenarios`` ini option, a list
of folders relative to the ini file::

    [tool:pytest]
    testpaths = tests scenarios
    reconcile_scenarios = scenarios

Only ``*.yaml`` / ``*.yml`` files under those folders are collected, so corpora of deliberately bad files
elsewhere (under ``tests/``) are never run as scenarios. A scenario that does not load fails its item with
the error lines (file, line, claim, field, what was expected), never a traceback.

reconcile itself is imported only when a scenario is collected: the plugin costs other projects nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from ..errors import ReconcileError
    from .model import CheckResult, Scenario

INI_OPTION = "reconcile_scenarios"
SUFFIXES = (".yaml", ".yml")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INI_OPTION, type="paths", default=[],
                  help="folders whose *.yaml scenario files are collected as tests (relative to the ini file)")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "ScenarioFile | None":
    if file_path.suffix not in SUFFIXES:
        return None
    roots = [Path(p).resolve() for p in parent.config.getini(INI_OPTION)]
    path = file_path.resolve()
    if any(path.is_relative_to(root) for root in roots):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFailed(Exception):
    """Some expectation of a scenario failed; carries the check's result for the report."""

    def __init__(self, result: "CheckResult") -> None:
        super().__init__(result.format())
        self.result = result


class ScenarioBadInput(Exception):
    """The scenario did not load, or its expectations name claims that do not exist."""

    def __init__(self, error: "ReconcileError") -> None:
        from ..errors import format_error

        super().__init__("\n".join(format_error(error)))
        self.error = error


class ScenarioFile(pytest.File):
    """A scenario file: loads it once and yields its one item (named by its slug, or by the file's stem
    when it does not load — the item then fails with the errors)."""

    def collect(self) -> Iterator["ScenarioItem"]:
        from ..errors import ReconcileError
        from .reader import load

        try:
            scenario = load(self.path)
        except ReconcileError as err:
            yield ScenarioItem.from_parent(self, name=self.path.stem, scenario=None, error=err)
            return
        yield ScenarioItem.from_parent(self, name=scenario.slug, scenario=scenario, error=None)


class ScenarioItem(pytest.Item):
    """One scenario: passes when every expectation holds."""

    def __init__(self, *, scenario: "Scenario | None", error: "ReconcileError | None", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.error = error

    def runtest(self) -> None:
        from ..errors import ReconcileError
        from .model import check

        if self.error is not None:
            raise ScenarioBadInput(self.error)
        assert self.scenario is not None
        try:
            result = check(self.scenario)
        except ReconcileError as err:
            raise ScenarioBadInput(err) from None
        if not result.ok:
            raise ScenarioFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, ScenarioFailed):
            return str(excinfo.value)
        if isinstance(excinfo.value, ScenarioBadInput):
            return f"scenario file has bad input:\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"scenario {self.name}"
