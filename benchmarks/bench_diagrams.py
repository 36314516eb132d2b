"""Benchmark of the diagrams: each figure of the README as the command draws it, and in
process (building the figure from the graph, then fitting it to the page).

Run: ``python benchmarks/bench_diagrams.py [--runs N] [--write]`` (``--write`` saves
``benchmarks/results/diagrams.json``). Times are medians of N runs (time.perf_counter); the
commands run in a fresh process each time, with the build cache warm (as a user meets them
after the first run).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from passerelles.api import Passerelles
from passerelles.diagrams import citations_diagram, map_diagram, route_diagram

DECREE = "décret du 3 juillet 1991"


def median(fn, runs: int) -> float:
    """The median wall time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
COMMANDS = {
    "route CE6P CESS": ["route", "CE6P", "CESS"],
    "map --to CESS": ["map", "--to", "CESS"],
    "map --to CESS --split degree": ["map", "--to", "CESS", "--split", "degree"],
    "citations --act 1991": ["citations", "--act", DECREE],
    "citations --act 1991 --min-count 2": ["citations", "--act", DECREE, "--min-count", "2"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    app = Passerelles()
    app.store  # the graph, from the build cache (filled by the first run)
    results: dict[str, float] = {}
    results["figure: route CE6P → CESS"] = median(lambda: route_diagram(app, "CE6P", "CESS"), args.runs)
    results["figure: map to the CESS"] = median(lambda: map_diagram(app, "CESS"), args.runs)
    results["figure: citations of the decree of 1991"] = median(lambda: citations_diagram(app, DECREE), args.runs)
    results["fit to 17 cm: route CE6P → CESS"] = median(lambda: route_diagram(app, "CE6P", "CESS").fitted, args.runs)
    results["fit to 17 cm: citations of 1991"] = median(lambda: citations_diagram(app, DECREE).fitted, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in COMMANDS.items():
            cmd = [sys.executable, "-m", "passerelles", "diagram", *argv, "-o", str(Path(tmp) / "f.svg")]
            subprocess.run(cmd, check=True, capture_output=True)   # warm the cache
            results[f"command: diagram {name}"] = median(
                lambda: subprocess.run(cmd, check=True, capture_output=True), max(1, args.runs // 2))
    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds * 1000:9.1f} ms")
    if args.write:
        out = Path(__file__).parent / "results" / "diagrams.json"
        out.parent.mkdir(exist_ok=True)
        dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
        out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                   "graphviz": dot, "runs": args.runs,
                                   "median_ms": {k: round(v * 1000, 1) for k, v in results.items()}},
                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
