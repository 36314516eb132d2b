"""Passerelles against real SPARQL servers started on 127.0.0.1 for the tests: Oxigraph
and Virtuoso Open Source 7.

Publishing (staged, checked by digest, switched under a lock), the same answers embedded
and on each server, concurrent publishers, a server killed in the middle of a publish, a
server that is down, hostile parameters, and ``passerelles serve`` (read-only, SERVICE
refused, stopped by SIGINT, and by SIGKILL without leftovers). Every server is stopped
whatever happens (fixtures with ``finally``); every wait is bounded.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest_remote import comparable, listener, oxigraph_server, virtuoso  # noqa: F401 (fixtures)
from passerelles.queries import example_args
from passerelles.errors import EndpointError
from passerelles.queries import list_queries
from passerelles.rdf.serialize import ntriples
from passerelles.remote import DEFAULT_GRAPH
from passerelles.remote.publish import LOCKS_GRAPH, Published, count_triples, graph_digest, publish, put_graph
from passerelles.remote.serve import OxigraphServer, free_port

HOSTILE = "x> } ; DROP ALL ; #"


SERVERS = ("oxigraph", "virtuoso")


@pytest.fixture(scope="module", params=SERVERS)
def published(request, app, tmp_path_factory):
    """A read-write server of each kind holding the published graph (one each for the module)."""
    if request.param == "virtuoso":
        server = request.getfixturevalue("virtuoso")
        publish(ntriples(app.memory_graph), server.query_url)
        yield server
        return
    server = OxigraphServer(tmp_path_factory.mktemp("published") / "oxigraph", read_only=False)
    try:
        server.start(wait=15.0)
        publish(ntriples(app.memory_graph), server.query_url)
        yield server
    finally:
        server.stop()


@pytest.fixture(params=SERVERS)
def writable(request):
    """A read-write server of each kind, and a named graph of this test's own on it."""
    server = request.getfixturevalue("oxigraph_server" if request.param == "oxigraph" else "virtuoso")
    return server, f"urn:test:{request.node.name.split('[')[0]}:{time.monotonic_ns()}"


def test_publish_command_replaces_the_graph_and_checks_the_count(cli, app, published):
    result = cli("publish", "--endpoint", published.query_url, "--json")
    assert result.code == 0, result.err
    done = result.json()
    assert done["triples"] == done["remote_triples"] == len(app.memory_graph)
    assert done["store"] == published.store_url and done["graph"] == DEFAULT_GRAPH
    # a replace, not an append: publishing twice leaves the same count
    assert count_triples(published.query_url, DEFAULT_GRAPH) == len(app.memory_graph)


def test_publish_fails_when_the_server_holds_other_triples_than_were_sent(app, published, oxigraph_server):  # noqa: F811
    # the graph goes to one server, is read back from another: they cannot agree, and the
    # target graph is not touched on either
    three = "".join(f'<urn:s:{i}> <urn:p> "{i}" .\n' for i in range(3))
    with pytest.raises(EndpointError, match="holds other triples than were sent .* was not touched"):
        publish(three, published.query_url, store=oxigraph_server.store_url)
    assert count_triples(oxigraph_server.query_url, DEFAULT_GRAPH) == 0
    assert count_triples(published.query_url, DEFAULT_GRAPH) == len(app.memory_graph)


def _version(name: str, triples: int = 2000) -> str:
    return "".join(f'<urn:{name}:{i}> <urn:p> "{name} {i}" .\n' for i in range(triples))


def test_concurrent_publishers_never_mix_their_graphs(writable):
    # before, a publish was "clear, then load" (a PUT): 2 of 6 concurrent runs on Oxigraph ended
    # with both versions' triples, and the publishers exited 0
    import pyoxigraph

    from passerelles.rdf.serialize import canonical, digest
    server, graph = writable
    versions = {name: _version(name) for name in ("a", "b", "c", "d")}
    digests = {digest(canonical(pyoxigraph.parse(text, pyoxigraph.RdfFormat.N_TRIPLES))): name
               for name, text in versions.items()}
    for _ in range(2):
        outcomes: dict = {}

        def run(name: str) -> None:
            try:
                outcomes[name] = publish(versions[name], server.query_url, graph=graph, lease=60)
            except EndpointError as exc:
                outcomes[name] = exc
        threads = [threading.Thread(target=run, args=(name,)) for name in versions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        found, triples = graph_digest(server.query_url, graph)
        assert found in digests and triples == 2000           # one whole version, never a mix
        assert all(isinstance(o, Published) and o.sha256 in digests for o in outcomes.values()), outcomes
        assert _leftovers(server.query_url) == set()            # no lock, no staging graph left


def _leftovers(url: str) -> set[str]:
    """Publishers' locks, staging records and staging graphs still on a server."""
    from passerelles.store import RemoteStore
    store = RemoteStore(url)
    graphs = {row["g"] for row in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    records = {row["r"] for row in store.select(f"SELECT DISTINCT ?r WHERE {{ GRAPH <{LOCKS_GRAPH}> {{ ?r ?p ?o }} }}")}
    return {g for g in graphs if g.startswith("urn:uuid:")} | records


def test_a_publisher_that_finds_another_writers_content_exits_non_zero(cli, writable, monkeypatch):
    # a writer that ignores the lock replaces the graph between the switch and the check
    from passerelles.remote import publish as publishing
    (server, graph), real = writable, publishing.move_graph

    def move_then_overwritten(updates, source, target):
        real(updates, source, target)
        put_graph(server.store_url, target, _version("intruder", 10).encode(), 20)
    monkeypatch.setattr(publishing, "move_graph", move_then_overwritten)
    with pytest.raises(EndpointError, match="holds other content than this publish sent .* another writer"):
        publish(_version("mine", 50), server.query_url, graph=graph)
    assert _leftovers(server.query_url) == set()
    monkeypatch.setattr(publishing, "move_graph", move_then_overwritten)
    result = cli("publish", "--endpoint", server.query_url, "--graph", graph)
    assert result.code == 3 and result.err.count("\n") == 1 and "another writer" in result.err


def test_an_expired_lock_and_the_staging_graph_of_a_killed_publisher_are_cleared(writable):
    from passerelles.remote.publish import _insert, _record, _Updates
    server, graph = writable
    updates = _Updates(server.update_url, 10)
    put_graph(server.store_url, "urn:uuid:left-behind", _version("old", 5).encode(), 20)
    _insert(updates, _record("urn:uuid:left-behind", "stages", graph, int(time.time()) - 1))
    _insert(updates, _record("urn:uuid:dead-publisher", "locks", graph, int(time.time()) - 1))
    publish(_version("new", 5), server.query_url, graph=graph)
    assert _leftovers(server.query_url) == set() and count_triples(server.query_url, graph) == 5


def test_a_live_lock_makes_the_publisher_wait_then_give_up(writable):
    from passerelles.remote.publish import _forget, _insert, _record, _Updates
    server, graph = writable
    updates = _Updates(server.update_url, 10)
    _insert(updates, _record("urn:uuid:busy-publisher", "locks", graph, int(time.time()) + 600))
    try:
        with pytest.raises(EndpointError, match="another publisher has held the lock .* for 1 s"):
            publish(_version("new", 5), server.query_url, graph=graph, lock_wait=1)
        assert count_triples(server.query_url, graph) == 0                       # not touched
        assert _leftovers(server.query_url) == {"urn:uuid:busy-publisher"}      # its staging graph dropped
    finally:
        _forget(updates, "urn:uuid:busy-publisher")


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_answers_the_same_embedded_and_remote(cli, published, query):
    args = ("sparql", query.name, *example_args(query), "--json")
    here, there = cli(*args), cli(*args, "--endpoint", published.query_url)
    assert here.code == there.code and here.code in (0, 1), there.err
    if here.code == 0:
        assert comparable(query, there.json()) == comparable(query, here.json())


# Virtuoso once answered every route with "years": null, "no note 157", and "line": "602"
@pytest.mark.parametrize("args", [("citations",), ("citations", "--status", "ambiguous"), ("acts",),
                                  ("footnotes",), ("footnotes", "42"), ("footnotes", "157"),
                                  ("cited-by", "décret du 3 juillet 1991"),
                                  ("options",), ("options", "--sector", "7"), ("titles",),
                                  ("route", "CE6P", "CESS", "--k", "2"), ("route", "CE6P", "CESS", "--all"),
                                  ("route", "4P", "CE6P"), ("route", "CQ6", "7e:S-O"),
                                  ("route", "F3-PHASE3", "5P", "--age", "17"),
                                  ("explain", "CE6P", "7e:O"), ("resolve", "6e professionnelle")])
def test_analyst_commands_answer_the_same_embedded_and_remote(cli, published, args):
    here = cli(*args, "--json")
    there = cli(*args, "--json", "--endpoint", published.query_url)
    assert here.code == there.code == 0, there.err
    assert there.json() == here.json()


@pytest.mark.parametrize("kind", [("route", "CE6P", "CESS"), ("map", "--to", "CESS"), ("citations",)],
                         ids=lambda k: k[0])
def test_diagrams_are_the_same_drawn_from_any_server(cli, published, tmp_path, kind):
    here, there = tmp_path / "here.dot", tmp_path / "there.dot"
    assert cli("diagram", *kind, "-o", str(here)).code == 0
    result = cli("diagram", *kind, "-o", str(there), "--endpoint", published.query_url)
    assert result.code == 0, result.err
    assert there.read_bytes() == here.read_bytes()


def test_ask_answers_the_same_on_every_server(cli, published, tmp_path):
    # Virtuoso answers ASK as a one-row table (__ASK_RETVAL): before, every ASK said "no"
    prologue = "PREFIX psl: <https://w3id.org/passerelles/ontology#>\n"
    for number, truth in ((157, True), (245, False)):
        path = tmp_path / f"ask{number}.rq"
        path.write_text(prologue + f"ASK {{ ?note psl:noteNumber {number} }}\n", encoding="utf-8")
        here, there = cli("sparql", str(path), "--json"), cli("sparql", str(path), "--json", "--endpoint", published.query_url)
        assert here.code == there.code == (0 if truth else 1), there.err
        assert there.out == here.out


def test_an_answer_cut_at_the_servers_row_limit_is_an_error(cli, app, published, tmp_path):
    # Virtuoso's stock ResultSetMaxRows (10000) cuts answers, saying so only in a header
    path = tmp_path / "all.rq"
    path.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = cli("sparql", str(path), "--json", "--endpoint", published.query_url)
    if isinstance(published, OxigraphServer):   # no row limit
        assert result.code == 0 and len(result.json()) == len(app.memory_graph)
    else:
        assert result.code == 3 and "cut its answer at 10000 rows" in result.err and result.out == ""


@pytest.fixture
def fake_endpoint():
    """A loopback endpoint whose answer is set by the test: (delay in seconds, headers, body)."""
    answer = {"delay": 0.0, "headers": {}, "body": b""}

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(answer["delay"])
            self.send_response(200)
            for name, value in {"Content-Type": "application/sparql-results+json", **answer["headers"]}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", answer
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


ONE_ROW = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "typed-literal", ' \
          b'"datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "50"}}]}}'


def test_a_fractional_timeout_stops_a_slow_endpoint_with_exit_4(cli, fake_endpoint):
    # before, --timeout 0.5 became int(0.5) = 0, which SPARQLWrapper reads as "no timeout"
    url, answer = fake_endpoint
    answer.update(delay=5.0, body=ONE_ROW)
    started = time.monotonic()
    result = cli("sparql", "acts", "--endpoint", url, "--timeout", "0.5")
    assert result.code == 4 and "did not answer within 0.5 s (--timeout)" in result.err
    assert time.monotonic() - started < 4


def test_the_older_typed_literal_form_is_read_as_a_number(cli, fake_endpoint, tmp_path):
    url, answer = fake_endpoint
    answer.update(body=ONE_ROW)
    path = tmp_path / "n.rq"
    path.write_text("SELECT ?n WHERE { ?s ?p ?n }\n", encoding="utf-8")
    result = cli("sparql", str(path), "--json", "--endpoint", url)
    assert result.code == 0 and result.json() == [{"n": 50}]    # before: "50", a string


def test_a_partial_answer_is_an_error(cli, fake_endpoint, tmp_path):
    # Virtuoso's "anytime" queries return what they found when time ran out, saying so in headers
    url, answer = fake_endpoint
    answer.update(body=ONE_ROW, headers={"X-SQL-State": "S1TAT",
                                         "X-SQL-Message": "RC...: Returning incomplete results, query interrupted by result timeout"})
    path = tmp_path / "n.rq"
    path.write_text("SELECT ?n WHERE { ?s ?p ?n }\n", encoding="utf-8")
    result = cli("sparql", str(path), "--json", "--endpoint", url)
    assert result.code == 3 and "returned incomplete results" in result.err and result.out == ""


def test_the_graph_option_chooses_the_named_graph(cli, published):
    elsewhere = cli("sparql", "acts", "--endpoint", published.query_url, "--graph", "https://example.org/empty")
    assert elsewhere.code == 1
    bad = cli("sparql", "acts", "--endpoint", published.query_url, "--graph", "not an iri")
    assert bad.code == 2


def test_hostile_values_cannot_change_a_remote_query(cli, app, published):
    url = published.query_url
    before = len(cli("sparql", "acts", "--json", "--endpoint", url).json())
    as_literal = cli("sparql", "citations-of-provision", "--param", f"provision={HOSTILE}", "--endpoint", url)
    assert as_literal.code == 1
    as_iri = cli("sparql", "citations-of-provision", "--param", f"provision=https://{HOSTILE}", "--endpoint", url)
    assert as_iri.code == 2 and "not a valid IRI" in as_iri.err
    assert len(cli("sparql", "acts", "--json", "--endpoint", url).json()) == before
    assert count_triples(url, DEFAULT_GRAPH) == len(app.memory_graph)


def test_a_server_that_is_down_exits_3_with_one_line(cli):
    dead = f"http://127.0.0.1:{free_port()}/query"
    for args in (("sparql", "acts", "--endpoint", dead), ("acts", "--endpoint", dead),
                 ("publish", "--endpoint", dead, "--retries", "1")):
        result = cli(*args)
        assert result.code == 3, args
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "after 2 attempts" in result.err and "refused" in result.err
    # the same as a real process: one line on stderr, no traceback
    proc = subprocess.run([sys.executable, "-m", "passerelles", "sparql", "acts", "--endpoint", dead],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


@pytest.fixture
def refusing_server():
    """A loopback HTTP server that answers 401 to everything and records the requests."""
    seen: list[tuple[str, str | None]] = []

    class Refuse(http.server.BaseHTTPRequestHandler):
        def _refuse(self) -> None:
            seen.append((self.command, self.headers.get("Authorization")))
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(401, "Unauthorized")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = _refuse

        def log_message(self, *args) -> None:  # keep the test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_credentials_come_from_the_environment_and_are_never_shown(cli, monkeypatch, refusing_server):
    base, seen = refusing_server
    monkeypatch.setenv("PASSERELLES_ENDPOINT_USER", "reader")
    monkeypatch.setenv("PASSERELLES_ENDPOINT_PASSWORD", "s3cret-value")
    expected = "Basic " + base64.b64encode(b"reader:s3cret-value").decode("ascii")
    refused = cli("publish", "--endpoint", f"{base}/query", "--retries", "3")
    assert refused.code == 3 and "HTTP 401" in refused.err
    assert seen == [("POST", expected)]  # sent (the first request records the staging graph), not retried
    query = cli("sparql", "acts", "--endpoint", f"{base}/query")
    assert query.code == 3 and seen[-1] == ("POST", expected)
    in_url = cli("sparql", "acts", "--endpoint", "http://reader:s3cret-value@127.0.0.1:1/query")
    assert in_url.code == 2
    for result in (refused, query, in_url):
        assert "s3cret" not in result.err + result.out


def test_a_publish_killed_halfway_leaves_the_old_graph_whole(oxigraph_server):  # noqa: F811
    server = oxigraph_server
    old = "".join(f'<urn:old:{i}> <urn:p> "{i}" .\n' for i in range(1000))
    publish(old, server.query_url)
    halfway, killed = threading.Event(), threading.Event()

    def big_graph(triples: int = 200_000, chunk: int = 10_000):
        for start in range(0, triples, chunk):
            if start == triples // 2:
                halfway.set()
                killed.wait(20)  # hold the rest back until the server is dead
            yield "".join(f'<urn:new:{i}> <urn:p> "{i}" .\n' for i in range(start, start + chunk)).encode()

    failures: list[BaseException] = []

    def send() -> None:
        try:
            put_graph(server.store_url, DEFAULT_GRAPH, big_graph(), timeout=20)
        except BaseException as exc:  # the PUT must fail: the server is killed under it
            failures.append(exc)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        assert halfway.wait(20), "the PUT never got halfway"
        time.sleep(0.5)  # let the server read and parse what it was sent
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
    finally:
        killed.set()
        sender.join(20)
    assert failures and not sender.is_alive()
    again = OxigraphServer(server.location, read_only=False)
    try:
        again.start(wait=15.0)
        assert count_triples(again.query_url, DEFAULT_GRAPH) == 1000
        assert count_triples(again.query_url, "urn:nowhere") == 0
    finally:
        again.stop()


def _read_json(stream, seconds: float) -> dict:
    """The first JSON object a child prints, read within ``seconds``."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            text += lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        try:
            return json.loads(text)
        except ValueError:
            continue
    raise AssertionError(f"no JSON from the child within {seconds} s: {text!r}")


@contextlib.contextmanager
def _serving(*args: str):
    """A ``passerelles serve`` process and the JSON it printed; stopped (and its server child
    killed) whatever happens."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "passerelles", "serve", "--port", "0", "--json", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    info: dict = {}
    try:
        info = _read_json(proc.stdout, 60)
        yield proc, info
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        if info.get("pid"):
            try:
                os.kill(info["pid"], signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_serve_answers_refuses_updates_and_stops_on_sigint(cli, tmp_path):
    with _serving() as (proc, info):
        url = info["query"]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/query")
        assert count_triples(url, DEFAULT_GRAPH) == info["triples"] > 1000
        # the CLI's default graph is the published one; other clients see it too (union)
        assert cli("acts", "--json", "--endpoint", url).json() == cli("acts", "--json").json()
        with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
                                    timeout=10) as answer:
            assert b"results" in answer.read()
        for target in (url.replace("/query", "/update"), url):
            update = urllib.request.Request(target, method="POST", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                            headers={"Content-Type": "application/sparql-update"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(update, timeout=10)
            assert refused.value.code >= 400
        proc.send_signal(signal.SIGINT)
        assert proc.wait(15) == 0, proc.stderr.read()
        with pytest.raises(ProcessLookupError):  # the server child is gone too
            os.kill(info["pid"], 0)
        assert not Path(info["location"]).exists()
        said = proc.stderr.read()
        assert "Traceback" not in said
        # issue 9 §5: serve says each step, and hands the server a copy of the cache's store
        # (the cache was filled by the commands above) instead of loading the graph again
        steps = [line.split("serve: ", 1)[1] for line in said.splitlines() if "serve: " in line]
        assert [s.split(" ")[0] for s in steps] == ["opening", "copying", "starting", "starting"], said
        assert steps[1].endswith(str(Path(info["location"]) / "store")) and ".oxigraph" in steps[1]


def test_serve_refuses_service_for_strangers(listener):  # noqa: F811
    # before, the read-only endpoint fetched any URL a client's SERVICE named
    target, knocks = listener
    service = f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}"
    with _serving() as (proc, info):
        url = info["query"]
        requests = [
            urllib.request.Request(url + "?query=" + urllib.parse.quote(service)),
            urllib.request.Request(url, data=urllib.parse.urlencode({"query": service}).encode(),
                                   headers={"Content-Type": "application/x-www-form-urlencoded"}),
            urllib.request.Request(url, data=service.encode(), headers={"Content-Type": "application/sparql-query"}),
        ]
        for request in requests:
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=20)
            assert refused.value.code == 400 and b"SERVICE are refused" in refused.value.read()
        time.sleep(0.5)
        assert knocks == []
        fine = urllib.request.Request(url, data=b"ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query",
                                                                           "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(fine, timeout=20) as answer:
            assert json.loads(answer.read())["boolean"] is True


def test_a_killed_serve_leaves_no_server_and_its_folder_goes_at_the_next_start():
    # before, kill -9 of serve left the Oxigraph server running and its temporary folder behind
    with _serving() as (proc, info):
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(info["pid"], 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the Oxigraph server outlived its killed parent")
        left = Path(info["location"])
        assert left.is_dir()  # nothing can remove it at a SIGKILL: the next start does
    with _serving() as (_, again):
        assert not left.exists() and Path(again["location"]).is_dir()


def test_serve_without_the_server_program_exits_2(cli, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli("serve", "--port", "0")
    assert result.code == 2 and "pip install oxigraph" in result.err and result.err.count("\n") == 1
