"""Helpers of the SPARQL tests: sample parameters of the query files, answers compared
across stores, and real servers on loopback that are always stopped — Oxigraph, and
Virtuoso Open Source 7 (Debian's ``virtuoso-opensource-7-bin``, which ``.ci/run``
installs; without it the Virtuoso tests skip, and in CI a skip is a failure).

Imported by ``test_sparql_command.py`` and ``test_remote.py`` (pytest loads only files
named ``conftest.py`` by itself).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from passerelles.queries import example_args
from passerelles.terms import parse_params
from passerelles.queries import QueryFile
from passerelles.remote.serve import HOST, OxigraphServer, die_with_parent, free_port, wait_for_answer

_CONCAT = re.compile(r'GROUP_CONCAT\s*\([^;]*;\s*SEPARATOR\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', re.I)


def example_params(query: QueryFile) -> dict:
    """The sample parameters of the query's ``# Example:`` line, as RDF terms."""
    return parse_params(example_args(query)[1::2])


def comparable(query: QueryFile, rows: list[dict]) -> list[str]:
    """Rows in a form that does not depend on what SPARQL leaves to the engine.

    The order of GROUP_CONCAT's values and of rows tied under ORDER BY is unspecified, and
    an empty GROUP_CONCAT is "" in rdflib but unbound in Oxigraph.
    """
    separators = {column: sep for sep, column in _CONCAT.findall(query.text)}
    out = []
    for row in rows:
        row = dict(row)
        for column, sep in separators.items():
            values = (row.get(column) or "").split(sep) if sep else list(row.get(column) or "")
            row[column] = sorted(v for v in values if v)
        out.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(out)


@pytest.fixture
def oxigraph_server(tmp_path) -> Iterator[OxigraphServer]:
    """A read-write ``oxigraph serve`` on a free loopback port with its own data folder."""
    server = OxigraphServer(tmp_path / "oxigraph", read_only=False)
    try:
        server.start(wait=15.0)
        yield server
    finally:
        server.stop()


@pytest.fixture
def listener():
    """A loopback TCP listener that records every connection: a SERVICE call that got
    through would knock here."""
    import socket
    import threading
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    knocks: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            knocks.append(conn.recv(200))
            conn.close()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", knocks
    finally:
        stop.set()
        thread.join(5)
        server.close()


class VirtuosoServer:
    """Virtuoso Open Source 7 on loopback, its database in a folder of its own, with the
    stock limits that matter to clients (``ResultSetMaxRows = 10000``,
    ``MaxQueryCostEstimationTime = 400``) and the SPARQL user allowed to write.

    Start: ``virtuoso-t +foreground`` (ready in about 5 s), then ``isql-vt`` grants
    SPARQL_UPDATE; stop: ``isql-vt … shutdown``, then SIGKILL if it lingers. The server
    dies with the process that started it.
    """

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")

    def __init__(self, folder: Path, query_seconds: int = 30):
        self.folder = Path(folder)
        self.sql_port, self.http_port = free_port(), free_port()
        self.base_url = f"http://{HOST}:{self.http_port}"
        self.query_url = self.update_url = f"{self.base_url}/sparql"
        self.store_url = f"{self.base_url}/sparql-graph-crud"
        self.query_seconds = query_seconds
        self.process: subprocess.Popen | None = None

    def _ini(self) -> str:
        d = self.folder
        return f"""[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {HOST}:{self.sql_port}
DirsAllowed = {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {HOST}:{self.http_port}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = {self.query_seconds}
"""

    def _sql(self, statements: str, timeout: float = 30.0) -> subprocess.CompletedProcess:
        return subprocess.run([self.isql, f"{HOST}:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=timeout)

    def start(self, wait: float = 90.0) -> "VirtuosoServer":
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "virtuoso.ini").write_text(self._ini(), encoding="utf-8")
        with open(self.folder / "stdout.log", "wb") as log:
            self.process = subprocess.Popen([self.binary, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                                            cwd=self.folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=die_with_parent())
        try:
            self._wait_ready(wait)
            granted = self._sql('GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);')
            assert granted.returncode == 0, granted.stdout + granted.stderr
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, wait: float) -> None:
        wait_for_answer(f"{self.query_url}?query=ASK%7B%7D", self.process, wait, "Virtuoso",
                        lambda: (self.folder / "virtuoso.log").read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self._sql("shutdown;", timeout=20)
            self.process.wait(20)
        except (subprocess.TimeoutExpired, OSError):
            self.process.kill()
            self.process.wait(10)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Iterator[VirtuosoServer]:
    """One Virtuoso server for the session (it takes some 5 s to start)."""
    if VirtuosoServer.binary is None or VirtuosoServer.isql is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server.start()
    finally:
        server.stop()
