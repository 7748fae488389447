"""The example notebook runs clean, top to bottom, in a real Jupyter kernel — as a newcomer would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "seed_story.ipynb"


def test_the_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code"
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_the_seed_notebook_runs_top_to_bottom():
    nbformat = pytest.importorskip("nbformat", reason="needs nbformat (pip install -e '.[notebook]')")
    nbclient = pytest.importorskip("nbclient", reason="needs nbclient (pip install -e '.[notebook]')")
    pytest.importorskip("ipykernel", reason="needs ipykernel (pip install -e '.[notebook]')")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})  # Jupyter's cwd
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('<div class="reconcile-report">' in h and "nis-killed" in h for h in html), "the report did not display"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the timeline did not display"
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "magnitude" in printed and "nis-killed vs zel-killed" in printed
