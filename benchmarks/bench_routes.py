"""Benchmark of the route engine and the build, at the corpus's real size.

Run: ``python benchmarks/bench_routes.py [--runs N] [--write]`` (``--write`` saves
``benchmarks/results/routes.json``). Times are medians of N runs (time.perf_counter).

The route search is measured in-process (:func:`passerelles.routes.find.find_routes`, the
view built once) for the README's questions, against a budget of 5 ms each; ``--all`` is
measured with a bound on school years, and its number of routes is printed.
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
from passerelles.routes.find import find_routes
from passerelles.routes.names import resolve
from passerelles.routes.service import question_record
from passerelles.routes.view import build_view

#: The README's route questions (FROM, TO, filters), then a few more.
README = [("CE6P", "CESS", {}), ("CE6P", "7e:O", {}), ("4P", "CE6P", dict(age=19, adult=True, contracts=["contrat-alternance"])),
          ("CE6P", "7e:L", {}), ("4P", "CE6P", dict(age=19, adult=True, k=2))]
OTHERS = [("6P", "7e", {}), ("CE2D", "CESS", {}), ("ACP-D2", "ART45-D3", {}), ("F3-PHASE3", "5P", {}),
          ("CE1D", "CESS", dict(regime="article-49")), ("CQ6", "7e", {}), ("START", "CESS", {})]
ALL = [("CE6P", "CESS", 3), ("4P", "CESS", 4), ("START", "CESS", 4)]
BUDGET_MS = 5.0


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
    over = []
    for a, b, filters in README + OTHERS:
        filters = dict(filters)
        k = filters.pop("k", 3)
        src, dst = resolve(view, a), resolve(view, b)
        record = question_record(view, src, **filters)
        find_routes(view, src, dst, record, k=k)        # the view's caches, as in a session
        name = f"route {a} → {b}" + "".join(f" --{key} {v}" for key, v in filters.items()) + f" (k={k})"
        results[name] = median(lambda: find_routes(view, src, dst, record, k=k), max(args.runs, 20))
        if (a, b, filters) in [(x, y, {kk: vv for kk, vv in f.items() if kk != "k"}) for x, y, f in README] \
                and results[name] * 1000 > BUDGET_MS:
            over.append(name)
    counts = {}
    for a, b, years in ALL:
        src, dst = resolve(view, a), resolve(view, b)
        record = question_record(view, src)
        name = f"route {a} → {b} --all --max-years {years}"
        results[name] = median(lambda: find_routes(view, src, dst, record, all_routes=True, max_years=years), args.runs)
        counts[name] = len(find_routes(view, src, dst, record, all_routes=True, max_years=years).routes)
    cmd = [sys.executable, "-m", "passerelles", "route", "CE6P", "CESS", "--json"]
    results["command: passerelles route CE6P CESS"] = median(
        lambda: subprocess.run(cmd, check=True, capture_output=True), max(1, args.runs // 2))
    width = max(map(len, results))
    for name, seconds in results.items():
        extra = f"   ({counts[name]} routes)" if name in counts else ""
        print(f"{name:<{width}}  {seconds * 1000:9.2f} ms{extra}")
    print(f"README questions over the {BUDGET_MS:g} ms budget: {', '.join(over) or 'none'}")
    if args.write:
        out = Path(__file__).parent / "results" / "routes.json"
        out.parent.mkdir(exist_ok=True)
        data = {"medians_ms": {k: round(v * 1000, 3) for k, v in results.items()}, "all_routes": counts,
                "budget_ms": BUDGET_MS, "over_budget": over}
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
