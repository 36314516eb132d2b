"""Benchmark of the route engine and the build, at the corpus's real size.

Run: ``python benchmarks/bench_routes.py [--runs N] [--write]`` (``--write`` saves
``benchmarks/results/routes.json``). Times are medians of N runs (time.perf_counter).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from passerelles.api import Passerelles
from passerelles.routes.names import resolve
from passerelles.routes.search import find_routes
from passerelles.routes.view import build_view

QUESTIONS = [("4P", "CE6P"), ("CE6P", "CESS"), ("CE6P", "7e:O"), ("6P", "7e"), ("CE2D", "CESS"),
             ("ACP-D2", "ART45-D3"), ("F3-PHASE3", "5P"), ("START", "CESS")]


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    results: dict[str, float] = {}
    results["parse corpus (model)"] = median(lambda: Passerelles().model, args.runs)
    app = Passerelles()
    app.model
    results["build RDF graph"] = median(lambda: Passerelles.memory_graph.func(app), args.runs)
    results["load into Oxigraph"] = median(lambda: Passerelles.graph.func(app), args.runs)
    store = app.store
    results["build route view (SPARQL)"] = median(lambda: build_view(store), args.runs)
    view = build_view(store)
    for a, b in QUESTIONS:
        src, dst = resolve(view, a), resolve(view, b)
        results[f"route {a} → {b} (k=3)"] = median(lambda: find_routes(view, src, dst, k=3), args.runs)
    cmd = [sys.executable, "-m", "passerelles", "route", "CE6P", "CESS", "--json"]
    results["command: passerelles route CE6P CESS"] = median(
        lambda: subprocess.run(cmd, check=True, capture_output=True), max(1, args.runs // 2))
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds * 1000:9.1f} ms")
    if args.write:
        out = Path(__file__).parent / "results" / "routes.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
