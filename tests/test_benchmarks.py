"""The benchmark of issue 14 runs (at ×1, one repetition) and says what it measured.

Speed is measured in benchmarks/, not here: this only checks that the documented command
works and writes its table and its JSON with every section filled.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_at_x1_and_writes_its_table_and_json(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--scales", "1", "--runs", "1",
                           "--rdflib-seconds", "20", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert set(data["commands"]) == {"route", "options", "sparql", "citations"}
    assert all(v["ms"] > 0 and v["floor_ms"] > 0 and v["ratio"] > 0 for v in data["commands"].values())
    assert data["startup"]["python -c pass"]["ratio"] < data["startup"]["--help"]["ratio"]
    assert data["build"]["cold"]["cpu_ms"] > 0 and data["build"]["cold"]["rss_mib"] > 0
    assert {"model (corpus parsed, curated files read)", "Turtle", "store (Oxigraph on disk)"} <= set(data["build"]["stages_ms"])
    names = {q["query"] for q in data["queries"]}
    assert {"citations", "citations-of-act", "reachable-to"} <= names
    assert all(q["pyoxigraph_ms"] >= 0 and q["project_ms"] >= 0 for q in data["queries"])
    assert "networkx" in data["importtime"]["route"]["heavy_ms"]
    growth = data["growth"]
    assert growth["triples"]["1"] > 30000 and growth["load_ms"]["1"] > 0
    assert len(growth["route_search_ms"]["1"]) == 5
    table = (tmp_path / "bench.md").read_text(encoding="utf-8")
    for heading in ("## Commands and start-up", "## Imports at start-up", "## Build", "## Query suite", "## Growth"):
        assert heading in table
    assert "| `route` |" in table and "| citations-of-act |" in table
