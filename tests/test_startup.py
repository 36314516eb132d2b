"""Lazy start-up (issue 14, issue 9 §5): the command line imports a command's module only when
that command runs, so ``--help`` and ``--version`` load none of the graph libraries. Each case
runs in a fresh interpreter and reports what it imported; the time itself is measured in
``benchmarks/bench.py``, not here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: What a start-up that answers nothing about the graph must not import.
HEAVY = ("rdflib", "networkx", "pyoxigraph", "pydantic", "rich", "yaml", "pandas")

_PROBE = """
import contextlib, io, json, sys
from passerelles.cli.main import run
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = run(sys.argv[1:])
sys.stderr.write(json.dumps({"code": code, "out": out.getvalue(),
                             "modules": sorted(m for m in sys.modules if m.split(".")[0] in %r
                                               or m.startswith("passerelles."))}))
""" % (HEAVY,)


def _start(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})


def test_version_imports_no_graph_library_and_no_command():
    seen = _start("--version")
    assert seen["code"] == 0 and seen["out"].startswith("passerelles ")
    assert _heavy(seen["modules"]) == []
    assert [m for m in seen["modules"] if m.startswith("passerelles.cli.commands_")] == []


@pytest.mark.parametrize("args", [("--help",), ()])
def test_help_lists_every_command_without_importing_them(args):
    from passerelles.cli.main import COMMANDS
    seen = _start(*args)
    assert seen["code"] == 0
    assert _heavy(seen["modules"]) == []
    assert [m for m in seen["modules"] if m.startswith("passerelles.cli.commands_")] == []
    listed = [line.split()[0] for line in seen["out"].split("Commands:")[1].splitlines() if line.strip()]
    assert listed == [name for name, _, _ in COMMANDS]
    # each line says what the command does, in the words of its docstring
    assert "route      The routes from FROM to TO, each step with its legal basis" in seen["out"]
    assert "diagram    Figures for publications" in seen["out"]


def test_a_command_imports_its_own_module_only():
    # citations asks the store: neither the route model (networkx) nor the other commands
    seen = _start("citations", "--act", "décret du 3 juillet 1991", "--article", "6", "--json")
    assert seen["code"] == 0 and len(json.loads(seen["out"])) == 30       # l. 261 … (test_cli_citations)
    commands = {m for m in seen["modules"] if m.startswith("passerelles.cli.commands_")}
    assert commands == {"passerelles.cli.commands_citations"}
    assert "networkx" not in _heavy(seen["modules"]) and "passerelles.routes.service" not in seen["modules"]


def test_the_summaries_are_the_commands_docstrings():
    import inspect

    from passerelles.cli import main
    for name, module, attr in main.COMMANDS:
        loaded = main._load(name)
        assert loaded.help.strip() == main.summary(name).strip(), name
        if attr != "HELP":
            code = getattr(__import__(f"passerelles.cli.{module}", fromlist=[attr]), attr)
            assert main.reflow(inspect.getdoc(code)) == main.summary(name), name   # as help shows it


def test_a_query_of_queries_runs_without_rdflibs_sparql_parser():
    # the project's own query files are checked by a test, not parsed again at each command
    seen = _start("sparql", "reachable-to", "--param", "target=https://w3id.org/passerelles/id/title/CESS", "--json")
    assert seen["code"] == 0
    assert "CE6P" in {r["id"] for r in json.loads(seen["out"])}          # route CE6P CESS exists
    assert "rdflib.plugins.sparql.parser" not in seen["modules"] and "networkx" not in _heavy(seen["modules"])


def test_a_route_question_reads_its_view_and_imports_no_rdf_library():
    # the first asking builds the view and saves it beside the cache's store; the next one reads
    # it back: neither rdflib (the conditions' RDF words are loaded by the build only) nor YAML
    first = _start("route", "CE6P", "CESS", "--json")
    seen = _start("route", "CE6P", "CESS", "--json")
    assert first["code"] == seen["code"] == 0 and first["out"] == seen["out"]
    assert json.loads(seen["out"])["routes"][0]["steps"][-1]["source"]["line"] == 1191   # award of the CESS, l. 1191
    assert _heavy(seen["modules"]) == ["networkx", "pyoxigraph"]
    assert "passerelles.rules.loader" not in seen["modules"] and "passerelles.legal.acts" not in seen["modules"]
