"""The notebooks (issue 12): the five of them run from top to bottom under a minute each, use
only the public API, are committed without outputs, and the README links each one."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import nbformat
import pytest

import passerelles

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Each notebook runs from top to bottom within this many seconds (issue 12: under a minute).
BUDGET = 60


def test_the_five_notebooks_are_there():
    assert [p.stem for p in NOTEBOOKS] == ["01-citations", "02-parcours", "03-figures", "04-sparql", "05-systemes"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_only_the_public_api(path):
    """Only ``from passerelles import NAME`` with NAME in ``passerelles.__all__`` (never cli,
    never a module inside the package)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("passerelles"):
                assert node.module == "passerelles", node.module
                assert {a.name for a in node.names} <= set(passerelles.__all__)
            elif isinstance(node, ast.Import):
                assert all(not a.name.startswith("passerelles.") for a in node.names)


def test_the_readme_links_each_notebook_with_what_it_answers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"](notebooks/{path.name})" in readme, path.name
    assert "pip install -e '.[notebooks]'" in readme


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_from_top_to_bottom_within_a_minute(path):
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(nb, timeout=BUDGET, kernel_name="python3").execute()
    took = time.monotonic() - started
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert took < BUDGET, f"{path.name} took {took:.0f} s"
