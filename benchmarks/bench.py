"""The benchmarks of issue 14 (and issue 9 §5) in one command: a Markdown table and JSON.

Usage::

    python benchmarks/bench.py                          # ×1, ×10, ×100; 5 runs at ×1
    python benchmarks/bench.py --scales 1,10 --runs 3   # quicker
    python benchmarks/bench.py --scales 1 --runs 1 --out /tmp/bench   # the smoke test's run

Writes ``bench.md`` and ``bench.json`` into ``--out`` (default ``benchmarks/results``).

The machine is shared and wall times swing several-fold, so what is compared is CPU time
(user + system, of the process and its children, from ``wait4``), as medians, and every
command is measured paired with its comparison in the same run: the floor
(``python -c "import rdflib, networkx, pyoxigraph"``) runs just before each run of a
command, and its ratio is the median of the pairs' ratios.

What it measures:

- **start-up** (issue 9 §5): ``python -c pass``, ``--version`` and ``--help``, and
  ``python -X importtime`` of a command: the time of its imports and which of the heavy
  packages it imports;
- **commands**, warm (the build cache filled first): ``route``, ``options``, ``sparql``,
  ``citations --act --article``, each as a ratio to the floor;
- **build**: a cold ``passerelles build`` (an empty cache) — CPU time and peak memory —
  and its stages in this process (model, triples, N-Triples, Turtle, store);
- **the query suite** of ``queries/`` at ×1: on pyoxigraph directly, through the project
  (:class:`passerelles.store.EmbeddedStore`, plain values), and on rdflib's memory store
  (bounded in time: a query that does not finish is said so);
- **growth** with synthetic corpora (:mod:`synthetic`: the circular's body replicated):
  the cold build, the load (opening the cache's store, against parsing its N-Triples into
  memory as before), the warm commands and the route search, at each scale, with the
  exponents (the slope of log cost against log scale between the two largest scales);
- **serve**: the time until ``passerelles serve`` prints its URL, the cache warm.

Before measuring, the package's bytecode is compiled (``compileall``), as ``pip install``
does for an installed package: with an editable install and ``PYTHONDONTWRITEBYTECODE``
set (as on the machine these results come from), every command would otherwise compile
the package's sources again — some 100 ms of each, which no user of an installed package
pays.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import COMMAND, lifted_limit, write_corpus  # noqa: E402

PY = sys.executable
FLOOR = [PY, "-c", "import rdflib, networkx, pyoxigraph"]
D1991 = "https://w3id.org/passerelles/eli/decret/1991/07/03"
#: The warm commands (arguments after ``passerelles``).
COMMANDS = {
    "route": ["route", "CE6P", "CESS", "--json"],
    "options": ["options", "--access", "O", "--json"],
    "sparql": ["sparql", "reachable-to", "--param", "target=https://w3id.org/passerelles/id/title/CESS", "--json"],
    "citations": ["citations", "--act", "décret du 3 juillet 1991", "--article", "6", "--json"],
}
START = {"python -c pass": [PY, "-c", "pass"], "--version": [PY, "-m", "passerelles", "--version"],
         "--help": [PY, "-m", "passerelles", "--help"]}
HEAVY = ("rdflib", "networkx", "pyoxigraph", "oxrdflib", "typer", "rich", "pydantic", "yaml", "pyshacl",
         "owlready2", "rapidfuzz", "SPARQLWrapper", "pyparsing", "importlib.metadata")
#: The README's route questions (route, explain, diagram), for the search in-process; then
#: the widest one, from any pupil.
ROUTES = [("CE6P", "CESS", {}), ("CE6P", "7e:O", {}), ("4P", "CE6P", dict(age=19, adult=True, contracts=["contrat-alternance"])),
          ("4P", "CE6P", dict(age=19, adult=True, k=2)), ("START", "CESS", {})]
README_ROUTES = 4
ROUTE_BUDGET_MS = {1: 5.0, 100: 100.0}


# --------------------------------------------------------------------------- measuring
def run_cpu(cmd: list[str], env: dict | None = None, check: bool = True) -> dict:
    """CPU seconds (user + system, the process and its children) and peak memory (MiB) of
    one run of ``cmd``."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if check and proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd[:6])} … exited {proc.returncode}: {err.read().decode()[-400:]}")
    # the children's own usage is in ru_*time only once they are waited for (they are)
    return {"cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def paired(cmd: list[str], runs: int, env: dict | None = None) -> dict:
    """``cmd`` against the floor, each run paired with a floor run just before it."""
    run_cpu(cmd, env)                       # a first run: the file cache, not the measure
    floors, costs, ratios = [], [], []
    for _ in range(runs):
        f = run_cpu(FLOOR)["cpu"]
        c = run_cpu(cmd, env)["cpu"]
        floors.append(f)
        costs.append(c)
        ratios.append(c / f)
    return {"floor_ms": _ms(statistics.median(floors)), "ms": _ms(statistics.median(costs)),
            "ratio": round(statistics.median(ratios), 2), "runs": runs}


def cpu_median(action: Callable[[], object], runs: int, clock: Callable[[], float] = time.process_time) -> float:
    """The median CPU time of ``action()`` in this process (or of ``clock``: wall time for
    work done in a forked child), in milliseconds."""
    times = []
    for _ in range(runs):
        t = clock()
        action()
        times.append(clock() - t)
    return _ms(statistics.median(times))


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def exponent(points: dict[int, float], sizes: dict[int, float] | None = None) -> float | None:
    """The slope of log(cost) against log(scale) — or against log(size), the triples at each
    scale — between the two largest scales.

    >>> exponent({1: 2.0, 10: 20.0, 100: 400.0}), exponent({10: 20.0, 100: 160.0}, {10: 1000, 100: 8000})
    (1.3, 1.0)
    """
    scales = sorted(s for s, v in points.items() if v and v > 0)
    if len(scales) < 2:
        return None
    a, b = scales[-2], scales[-1]
    x = (sizes[b] / sizes[a]) if sizes else (b / a)
    return round(math.log(points[b] / points[a]) / math.log(x), 2) if x > 1 else None


# --------------------------------------------------------------------------- start-up
def importtime(args: list[str], env: dict | None = None) -> dict:
    """What ``passerelles ARGS`` imports: total import time and the heavy packages' times
    (cumulative, µs as ``-X importtime`` says), from one run."""
    proc = subprocess.run([PY, "-X", "importtime", "-m", "passerelles", *args], capture_output=True, text=True, env=env)
    total, heavy = 0, {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        cumulative, depth, name = int(m[2]), len(m[3]), m[4]
        if depth == 1:
            total += cumulative
        if name in HEAVY and name not in heavy:
            heavy[name] = round(cumulative / 1000, 1)
    return {"imports_ms": round(total / 1000, 1), "heavy_ms": heavy}


# --------------------------------------------------------------------------- build
def build_stages(corpus_dir: Path | None, runs: int) -> dict:
    """The build's stages in this process, CPU ms (median of ``runs``)."""
    from passerelles.corpus import load_corpus
    from passerelles.model import build_model
    from passerelles.rdf.build import build_triples
    from passerelles.rdf.disk import prepare_store
    from passerelles.rdf.serialize import canonical, to_oxigraph, turtle
    import passerelles.rules.loader as loader
    corpus = load_corpus(corpus_dir)
    out: dict[str, float] = {}

    def model():
        loader._load_once.cache_clear()      # the curated files are read once per process: a cold read
        return build_model(corpus)
    out["model (corpus parsed, curated files read)"] = cpu_median(model, runs)
    m = build_model(corpus)
    out["triples"] = cpu_median(lambda: build_triples(m), runs)
    triples = build_triples(m)
    out["N-Triples (canonical)"] = cpu_median(lambda: canonical(to_oxigraph(triples)), runs)
    nt = canonical(to_oxigraph(triples))
    out["Turtle"] = cpu_median(lambda: turtle(nt), runs)
    folder = Path(tempfile.mkdtemp())

    def store():
        made, _ = prepare_store(nt, folder / "store")
        shutil.rmtree(made)
    out["store (Oxigraph on disk)"] = cpu_median(store, runs)
    shutil.rmtree(folder, ignore_errors=True)
    return out


def cold_build(corpus_dir: Path | None, runs: int) -> dict:
    """``passerelles build`` with an empty cache: CPU and peak memory (medians)."""
    results = []
    for _ in range(runs):
        work = Path(tempfile.mkdtemp())
        env = dict(os.environ, PASSERELLES_CACHE_DIR=str(work / "cache"))
        args = (["--corpus", str(corpus_dir)] if corpus_dir else []) + ["build", "--out", str(work / "out"), "--json"]
        results.append(run_cpu(COMMAND + args, env))
        shutil.rmtree(work, ignore_errors=True)
    return {"cpu_ms": _ms(statistics.median(r["cpu"] for r in results)),
            "rss_mib": round(statistics.median(r["rss_mib"] for r in results), 1), "runs": runs}


# --------------------------------------------------------------------------- load and search
def load_costs(corpus_dir: Path | None, runs: int) -> dict:
    """Opening the cache's store (what a command does now) against parsing its N-Triples
    into an in-memory Oxigraph store (what each command did before), CPU ms."""
    import pyoxigraph
    from passerelles.api import Passerelles
    from passerelles.rdf import cache
    from passerelles.rdf.disk import open_sealed
    app = Passerelles(corpus_dir)
    app.store                                           # filled
    folder, key = cache.store_path(app.corpus), cache.key(app.corpus)
    nt = cache.load_ntriples(app.corpus, app._ntriples)
    parse = cpu_median(lambda: pyoxigraph.Store().load(nt.encode(), pyoxigraph.RdfFormat.N_TRIPLES), max(1, min(runs, 3)))
    return {"open store": cpu_median(lambda: open_sealed(folder, key), max(runs, 5)), "parse N-Triples": parse,
            "triples": nt.count("\n")}


def route_search(corpus_dir: Path | None, runs: int) -> dict:
    """The route search in-process, the view built once (as in a session): ms per question."""
    from passerelles.api import Passerelles
    from passerelles.routes.find import find_routes
    from passerelles.routes.names import resolve
    from passerelles.routes.service import question_record, view_of
    view = view_of(Passerelles(corpus_dir))
    out = {}
    for a, b, filters in ROUTES:
        filters = dict(filters)
        k = filters.pop("k", 3)
        src, dst = resolve(view, a), resolve(view, b)
        record = question_record(view, src, **filters)
        find_routes(view, src, dst, record, k=k)
        name = f"{a} → {b}" + "".join(f" --{key} {v}" for key, v in filters.items()) + (f" --k {k}" if k != 3 else "")
        out[name] = cpu_median(lambda: find_routes(view, src, dst, record, k=k), max(runs * 4, 5))
    return out


# --------------------------------------------------------------------------- queries
def query_suite(runs: int, rdflib_seconds: float) -> list[dict]:
    """Each query of ``queries/`` (its header's sample parameters): pyoxigraph directly,
    through the project, and on rdflib's memory store (bounded), ms."""
    import pyoxigraph
    from rdflib import Graph
    from passerelles.api import Passerelles
    from passerelles.queries import example_args
    from passerelles.terms import parse_params
    from passerelles.queries import list_queries
    from passerelles.rdf import cache
    from passerelles.sandbox import run_bounded
    from passerelles.errors import QueryStopped
    from passerelles.store import EmbeddedStore, bind_values, check_query
    app = Passerelles()
    project = app.store
    nt = cache.load_ntriples(app.corpus, app._ntriples)
    memory = EmbeddedStore(Graph().parse(data=nt, format="nt"))
    memory.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")   # rdflib builds its query parser once, here
    bounded = project.bounded(60)
    via_rdflib = EmbeddedStore(project.graph)              # before: rdflib's API over Oxigraph (oxrdflib)
    via_rdflib._rdflib, via_rdflib.oxigraph = project.graph, None
    raw = project.oxigraph
    options = project._options
    out = []
    for query in list_queries():
        bound = bind_values(query.text, parse_params(example_args(query)[1::2]) or None)

        def direct():
            result = raw.query(bound, **options)
            return [list(s) for s in result] if isinstance(result, pyoxigraph.QuerySolutions) else bool(result)

        ask = isinstance(raw.query(bound, **options), pyoxigraph.QueryBoolean)

        def through(store=project):
            return store.ask(bound) if ask else store.select(bound)
        rows = through()
        row = {"query": query.name, "rows": len(rows) if isinstance(rows, list) else rows,
               "pyoxigraph_ms": cpu_median(direct, runs), "project_ms": cpu_median(through, runs),
               "oxrdflib_ms": cpu_median(lambda: through(via_rdflib), runs),
               "bounded_wall_ms": cpu_median(lambda: through(bounded), runs, time.perf_counter),
               "parser_check_ms": cpu_median(lambda: check_query(bound), runs)}
        try:
            seconds = []
            for _ in range(max(1, min(runs, 3))):
                def timed():
                    t = time.process_time()
                    through(memory)
                    return time.process_time() - t
                seconds.append(run_bounded(timed, rdflib_seconds, what="rdflib's query"))
            row["rdflib_ms"] = _ms(statistics.median(seconds))
        except QueryStopped:
            row["rdflib_ms"] = None
            row["rdflib"] = f"not finished in {rdflib_seconds:g} s"
        except Exception as exc:  # noqa: BLE001 - a store that cannot run a query is a result
            row["rdflib_ms"] = None
            row["rdflib"] = f"fails: {str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__}"
        out.append(row)
    return out


# --------------------------------------------------------------------------- serve
def serve_ready(env: dict | None = None) -> dict | None:
    """Wall and CPU time until ``passerelles serve --json`` prints its URL (cache warm)."""
    from passerelles.remote.serve import oxigraph_binary
    from passerelles.errors import InputError
    try:
        oxigraph_binary()
    except InputError:
        return None
    start = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "passerelles", "serve", "--port", "0", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        wall = time.perf_counter() - start
        with open(f"/proc/{proc.pid}/stat") as fh:      # the process's own CPU so far (Linux)
            fields = fh.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
    finally:
        proc.send_signal(2)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"ready_wall_ms": _ms(wall), "ready_cpu_ms": _ms(cpu), "printed": first.strip()[:1] == "{"}


# --------------------------------------------------------------------------- the whole
def measure(scales: list[int], runs: int, rdflib_seconds: float, work: Path) -> dict:
    from importlib.metadata import version
    results: dict = {
        "measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
                    **{lib: version(lib) for lib in ("rdflib", "oxrdflib", "pyoxigraph", "networkx")}},
        "runs": runs, "scales": scales, "bytecode": "compiled before measuring (compileall), as an installed package",
    }
    env = dict(os.environ, PASSERELLES_CACHE_DIR=str(work / "cache"))
    os.environ["PASSERELLES_CACHE_DIR"] = env["PASSERELLES_CACHE_DIR"]
    _say("start-up")
    results["startup"] = {name: paired(cmd, runs) for name, cmd in START.items()}
    _say("cold build ×1")
    results["build"] = {"cold": cold_build(None, runs), "stages_ms": build_stages(None, runs)}
    run_cpu([PY, "-m", "passerelles", "build", "--out", str(work / "out")], env)        # the cache, warm
    run_cpu([PY, "-m", "passerelles", *COMMANDS["route"]], env)                        # and the route view saved
    # the imports of a warm command (a cold one builds the graph, and imports all it takes)
    results["importtime"] = {name: importtime(args, env) for name, args in
                             (("--help", ["--help"]), ("route", COMMANDS["route"]))}
    _say("commands ×1")
    results["commands"] = {name: paired([PY, "-m", "passerelles", *args], runs, env) for name, args in COMMANDS.items()}
    _say("serve")
    results["serve"] = serve_ready(env)
    _say("query suite ×1")
    results["queries"] = query_suite(runs, rdflib_seconds)
    growth: dict = {"triples": {}, "cold_build_ms": {}, "cold_build_rss_mib": {}, "load_ms": {}, "parse_ms": {},
                    "commands_ms": {name: {} for name in COMMANDS}, "commands_ratio": {name: {} for name in COMMANDS},
                    "route_search_ms": {}}
    with lifted_limit():
        for scale in scales:
            _say(f"growth ×{scale}")
            # ×1 is the bundled corpus: its build and commands are those measured above
            corpus_dir = None if scale == 1 else write_corpus(scale, work / f"corpus-x{scale}")
            build = results["build"]["cold"] if scale == 1 else cold_build(corpus_dir, 1)
            growth["cold_build_ms"][scale], growth["cold_build_rss_mib"][scale] = build["cpu_ms"], build["rss_mib"]
            load = load_costs(corpus_dir, runs)
            growth["triples"][scale] = load["triples"]
            growth["load_ms"][scale], growth["parse_ms"][scale] = load["open store"], load["parse N-Triples"]
            for name, args in COMMANDS.items():
                found = (results["commands"][name] if scale == 1 else
                         paired(COMMAND + ["--corpus", str(corpus_dir), *args], max(1, min(runs, 3)), env))
                growth["commands_ms"][name][scale], growth["commands_ratio"][name][scale] = found["ms"], found["ratio"]
            growth["route_search_ms"][scale] = route_search(corpus_dir, runs)
            if corpus_dir is not None:
                shutil.rmtree(corpus_dir, ignore_errors=True)
    exponents = {key: exponent(growth[key]) for key in ("triples", "cold_build_ms", "cold_build_rss_mib", "load_ms", "parse_ms")}
    exponents.update({f"command {name}": exponent(growth["commands_ms"][name]) for name in COMMANDS})
    # against the size of the graph: the body grows with the scale, the rules and the catalogue do not
    growth["exponents_by_triples"] = {key: exponent(growth[key], growth["triples"]) for key in
                                      ("cold_build_ms", "cold_build_rss_mib", "load_ms", "parse_ms")}
    growth["exponents_by_triples"].update({f"command {name}": exponent(growth["commands_ms"][name], growth["triples"])
                                           for name in COMMANDS})
    growth["route_search_worst_ms"] = {s: max(list(v.values())[:README_ROUTES]) for s, v in growth["route_search_ms"].items()}
    exponents["route search (worst question)"] = exponent(growth["route_search_worst_ms"])
    growth["exponents"] = exponents
    if len(scales) > 1:
        lo, hi = min(scales), max(scales)
        growth["commands_growth"] = {name: round(growth["commands_ms"][name][hi] / growth["commands_ms"][name][lo], 2)
                                     for name in COMMANDS}
    results["growth"] = growth
    _say("done")
    return results


_STARTED = time.perf_counter()


def _say(what: str) -> None:
    print(f"… {what} ({time.perf_counter() - _STARTED:.0f} s)", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the report
def markdown(r: dict) -> str:
    m = r["machine"]
    lines = [f"# Benchmarks — {r['measured']}", "",
             f"Python {m['python']}, {m['platform']}, {m['cpus']} CPUs (load {m['load']:.2f} at the start); "
             f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}, oxrdflib {m['oxrdflib']}, networkx {m['networkx']}. "
             f"CPU times, medians of {r['runs']} run(s); each command paired with the floor "
             "(`python -c \"import rdflib, networkx, pyoxigraph\"`) in the same run. "
             f"The package's bytecode {r.get('bytecode', 'as found')}.", ""]
    lines += ["## Commands and start-up (×1, cache warm)", "", "| command | CPU ms | floor ms | × floor |", "|---|---:|---:|---:|"]
    for name, v in {**r["startup"], **r["commands"]}.items():
        lines.append(f"| `{name}` | {v['ms']:.0f} | {v['floor_ms']:.0f} | {v['ratio']:.2f} |")
    lines += ["", "## Imports at start-up (`python -X importtime`, one run)", "",
              "| command | imports ms | heavy packages imported (cumulative ms) |", "|---|---:|---|"]
    for name, v in r["importtime"].items():
        heavy = ", ".join(f"{k} {t:g}" for k, t in sorted(v["heavy_ms"].items(), key=lambda kv: -kv[1]))
        lines.append(f"| `{name}` | {v['imports_ms']:.0f} | {heavy} |")
    b = r["build"]
    lines += ["", "## Build (×1)", "", f"Cold `passerelles build` (empty cache): **{b['cold']['cpu_ms'] / 1000:.2f} s CPU**, "
              f"peak {b['cold']['rss_mib']:.0f} MiB. Stages in-process:", "", "| stage | CPU ms |", "|---|---:|"]
    lines += [f"| {k} | {v:.0f} |" for k, v in b["stages_ms"].items()]
    if r.get("serve"):
        s = r["serve"]
        lines += ["", f"`passerelles serve` ready (URL printed, cache warm): {s['ready_wall_ms'] / 1000:.2f} s wall, "
                      f"{s['ready_cpu_ms'] / 1000:.2f} s CPU."]
    lines += ["", "## Query suite (×1)", "",
              "CPU ms on pyoxigraph directly; through the project (pyoxigraph, plain values: what the "
              "commands do); through rdflib's API over the same Oxigraph store (oxrdflib: what they did "
              "before, every term converted to rdflib's); on rdflib's memory store. What `passerelles "
              "sparql` adds to a user's query: the run in a child bounded in time and memory (wall ms), "
              "and the parser's SERVICE check (CPU ms).", "",
              "| query | rows | pyoxigraph | through the project | via rdflib (oxrdflib) | rdflib memory | "
              "bounded (wall) | parser check |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for q in r["queries"]:
        rdf = f"{q['rdflib_ms']:.1f}" if q.get("rdflib_ms") is not None else q.get("rdflib", "—")
        lines.append(f"| {q['query']} | {q['rows']} | {q['pyoxigraph_ms']:.1f} | {q['project_ms']:.1f} | "
                     f"{q['oxrdflib_ms']:.1f} | {rdf} | {q['bounded_wall_ms']:.1f} | {q['parser_check_ms']:.1f} |")
    keys = ("pyoxigraph_ms", "project_ms", "oxrdflib_ms", "rdflib_ms", "bounded_wall_ms", "parser_check_ms")
    tot = {k: sum(q[k] for q in r["queries"] if q.get(k) is not None) for k in keys}
    lines.append(f"| **suite** | | **{tot['pyoxigraph_ms']:.0f}** | **{tot['project_ms']:.0f}** | "
                 f"**{tot['oxrdflib_ms']:.0f}** | **{tot['rdflib_ms']:.0f}** (finished ones) | "
                 f"**{tot['bounded_wall_ms']:.0f}** | **{tot['parser_check_ms']:.0f}** |")
    g = r["growth"]
    scales = r["scales"]
    head = "| measure | " + " | ".join(f"×{s}" for s in scales) + " | exponent (scale) | exponent (triples) |"
    lines += ["", "## Growth (synthetic corpora: the circular's body replicated)", "",
              "Exponents: the slope of log cost between the two largest scales, against the scale and "
              "against the graph's size (the body grows with the scale; the rules, titles and catalogue do not).",
              "", head, "|---|" + "---:|" * (len(scales) + 2)]

    def row(label, values, key=None, fmt="{:.0f}"):
        cells = [fmt.format(values[s]) if values.get(s) is not None else "—" for s in scales]
        e = g["exponents"].get(key) if key else None
        t = g["exponents_by_triples"].get(key) if key else None
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {e if e is not None else ''} | {t if t is not None else ''} |")
    row("triples", g["triples"], "triples")
    row("cold build, CPU ms", g["cold_build_ms"], "cold_build_ms")
    row("cold build, peak MiB", g["cold_build_rss_mib"], "cold_build_rss_mib")
    row("load: open the store, CPU ms", g["load_ms"], "load_ms", "{:.1f}")
    row("(before: parse the N-Triples), CPU ms", g["parse_ms"], "parse_ms")
    for name in COMMANDS:
        row(f"`{name}` warm, CPU ms", g["commands_ms"][name], f"command {name}")
        row(f"`{name}` × floor", g["commands_ratio"][name], None, "{:.2f}")
    row("route search, slowest README question, ms", g["route_search_worst_ms"], "route search (worst question)", "{:.2f}")
    if g.get("commands_growth"):
        lines += ["", f"Warm commands from ×{min(scales)} to ×{max(scales)}: " +
                  ", ".join(f"`{k}` ×{v}" for k, v in g["commands_growth"].items()) + "."]
    lines += ["", "Route search per question (ms, in-process, the view built once):", "",
              "| question | " + " | ".join(f"×{s}" for s in scales) + " |", "|---|" + "---:|" * len(scales)]
    for q in g["route_search_ms"][scales[0]]:
        lines.append(f"| {q} | " + " | ".join(f"{g['route_search_ms'][s][q]:.2f}" for s in scales) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,10,100", help="corpus scales, comma-separated (default 1,10,100)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measure at ×1 (the median is kept); default 5")
    ap.add_argument("--rdflib-seconds", type=float, default=60.0, help="time bound of a query on rdflib's store")
    ap.add_argument("--out", type=Path, default=HERE / "results", help="folder for bench.md and bench.json")
    args = ap.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    if args.runs < 1 or not scales or min(scales) < 1:
        ap.error("--runs and --scales must be 1 or more")
    import passerelles
    compileall.compile_dir(Path(passerelles.__file__).parent, quiet=1)     # see the module's notes
    work = Path(tempfile.mkdtemp(prefix="passerelles-bench-"))
    try:
        results = measure(scales, args.runs, args.rdflib_seconds, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "bench.md").write_text(markdown(results), encoding="utf-8")
    print(f"wrote {args.out / 'bench.md'} and {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
