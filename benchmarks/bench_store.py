"""The query suite of ``queries/`` on the Oxigraph-backed store vs rdflib's memory store.

At the size of our real graph (built from the bundled corpus): the time to load the
canonical N-Triples into each store, and the time of each query file (with the sample
parameters of its ``# Example:`` line), both as the median of N runs measured with
``time.perf_counter``. Answers are checked equal (row counts) so the timings compare the
same work. Also measured: what ``passerelles sparql`` adds to every user query — reading it
with the SPARQL parser (the SERVICE check) and running it in a forked child bounded in time
and memory (Oxigraph, bounded).

Usage::

    python benchmarks/bench_store.py            # print the table
    python benchmarks/bench_store.py --runs 9   # more runs per measure
    python benchmarks/bench_store.py --write    # also write benchmarks/results/store.json
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from rdflib import Graph
from rich.console import Console
from rich.table import Table

from passerelles.api import Passerelles
from passerelles.queries import example_args
from passerelles.terms import parse_params
from passerelles.queries import list_queries
from passerelles.rdf.serialize import ntriples
from passerelles.store import EmbeddedStore, Store, bind_values, check_query

RESULTS = Path(__file__).resolve().parent / "results" / "store.json"

LOADERS: dict[str, Callable[[str], Graph]] = {
    "rdflib": lambda text: Graph().parse(data=text, format="nt"),
    "oxigraph": lambda text: Graph(store="Oxigraph").parse(data=text, format="ox-nt"),
}
BOUNDED = "oxigraph, bounded"


def run(store: Store, query: str, form: str):
    return store.ask(query) if form == "ASK" else store.select(query)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``action``, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 3)


def measure(runs: int) -> dict:
    """Load and query times on both stores, in milliseconds."""
    text = ntriples(Passerelles().memory_graph)
    triples = sum(1 for line in text.splitlines() if line.strip())
    load = {name: median_ms(lambda: loader(text), runs) for name, loader in LOADERS.items()}
    stores = {name: EmbeddedStore(loader(text)) for name, loader in LOADERS.items()}
    stores[BOUNDED] = EmbeddedStore(stores["oxigraph"].graph, timeout=60)
    queries = []
    for query in list_queries():
        bound = bind_values(query.text, parse_params(example_args(query)[1::2]) or None)
        form = check_query(bound)
        parse = median_ms(lambda: check_query(bound), runs)
        rows, failed = {}, {}
        for name, store in stores.items():
            try:
                answer = run(store, bound, form)
                rows[name] = len(answer) if isinstance(answer, list) else int(answer)
            except Exception as exc:  # a store that cannot run a query is a result, not a crash
                failed[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
        if failed:
            queries.append({"query": query.name, "rows": rows.get("oxigraph"), "ms": None, "failed": failed})
            continue
        if len(set(rows.values())) != 1:
            raise SystemExit(f"{query.name}: the stores disagree ({rows}); fix that before timing")
        times = {name: median_ms(lambda: run(store, bound, form), runs) for name, store in stores.items()}
        queries.append({"query": query.name, "rows": rows["oxigraph"], "ms": {**times, "parse": parse}})
    timed = [q for q in queries if q["ms"]]
    return {
        "measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    **{lib: version(lib) for lib in ("rdflib", "oxrdflib", "pyoxigraph")}},
        "runs": runs,
        "triples": triples,
        "load_ms": load,
        "queries": queries,
        "suite_ms": {name: round(sum(q["ms"][name] for q in timed), 3) for name in (*LOADERS, BOUNDED, "parse")},
    }


def _ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}×" if fast > 0 else "—"


def report(results: dict, console: Console) -> None:
    table = Table(title=f"queries/ on {results['triples']} triples — median of {results['runs']} runs (ms)")
    table.add_column("measure", no_wrap=True)
    for col in ("rows", "rdflib memory", "Oxigraph", "speed-up", "Oxigraph, bounded", "parser check"):
        table.add_column(col, justify="right")
    load = results["load_ms"]
    table.add_row("load N-Triples", "", f"{load['rdflib']:.1f}", f"{load['oxigraph']:.1f}",
                  _ratio(load["rdflib"], load["oxigraph"]), "", "", end_section=True)
    for q in results["queries"]:
        if q["ms"] is None:
            cells = [("failed" if name in q["failed"] else "—") for name in (*LOADERS, BOUNDED)]
            table.add_row(q["query"], str(q["rows"] if q["rows"] is not None else ""), *cells[:2], "", cells[2], "",
                          style="red")
            continue
        ms = q["ms"]
        table.add_row(q["query"], str(q["rows"]), f"{ms['rdflib']:.1f}", f"{ms['oxigraph']:.1f}",
                      _ratio(ms["rdflib"], ms["oxigraph"]), f"{ms[BOUNDED]:.1f}", f"{ms['parse']:.1f}")
    suite = results["suite_ms"]
    table.add_row("whole suite (timed queries)", "", f"{suite['rdflib']:.1f}", f"{suite['oxigraph']:.1f}",
                  _ratio(suite["rdflib"], suite["oxigraph"]), f"{suite[BOUNDED]:.1f}", f"{suite['parse']:.1f}",
                  style="bold")
    console.print(table)
    for q in results["queries"]:
        for name, why in (q.get("failed") or {}).items():
            console.print(f"[red]{q['query']}[/red] failed on {name}: {why}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (the median is kept); default 5")
    parser.add_argument("--write", action="store_true", help="also write benchmarks/results/store.json")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    results = measure(args.runs)
    report(results, Console())
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
