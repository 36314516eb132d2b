"""A read-only SPARQL endpoint in front of another, that reads each query before passing
it on: a public server must not fetch URLs for strangers.

``passerelles serve`` puts :class:`QueryFront` on the port it announces and Oxigraph on
a private one behind it (Oxigraph has no option to turn ``SERVICE`` off). Each query —
``GET /query?query=…``, or ``POST /query`` as a form or as ``application/sparql-query`` —
is parsed by :func:`passerelles.store.check_query`: a query that calls ``SERVICE``
anywhere, or that is not SPARQL 1.1, is answered ``400`` and never reaches the server.
Everything else that reads is passed on as it came (the dataset parameters, ``Accept``);
writes are answered ``405``. Queries above :data:`MAX_QUERY_BYTES` are answered ``413``.
"""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

from ..errors import InputError

HOST = "127.0.0.1"
#: The largest query read (a larger one is refused before it is parsed).
MAX_QUERY_BYTES = 256 * 1024
_PASSED_HEADERS = ("Content-Type", "Accept")
# rdflib's parser (pyparsing) keeps state in its grammar objects: one reader at a time.
_PARSER = threading.Lock()


class QueryFront:
    """The front on ``port`` (0: any free port) of the SPARQL server at ``backend``
    (its base URL, e.g. ``http://127.0.0.1:7879``); a context manager that always stops it.

    Examples
    --------
    >>> front = QueryFront("http://127.0.0.1:9").start()
    >>> front.query_url.startswith("http://127.0.0.1:") and front.query_url.endswith("/query")
    True
    >>> front.stop()
    """

    def __init__(self, backend: str, port: int = 0, timeout: float = 60.0):
        self.backend, self.timeout = backend.rstrip("/"), timeout
        front = self

        class Handler(_Handler):
            owner = front

        self._server = http.server.ThreadingHTTPServer((HOST, port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.query_url = f"http://{HOST}:{self.port}/query"
        self._thread: threading.Thread | None = None

    def start(self) -> "QueryFront":
        self._thread = threading.Thread(target=self._server.serve_forever, name="passerelles-front", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(10)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "QueryFront":
        return self.start() if self._thread is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: QueryFront
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # the terminal shows the endpoint, not a log
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's names)
        parts = urlsplit(self.path)
        if parts.path != "/query":
            if parts.path in ("/", "/store"):  # the query page, and reading graphs
                self._forward(None)
            else:
                self._answer(404, "not found: the SPARQL endpoint is /query")
            return
        if len(parts.query) > 3 * MAX_QUERY_BYTES:
            self._answer(413, f"query refused: more than {MAX_QUERY_BYTES} bytes")
            return
        if self._checked(parse_qs(parts.query, keep_blank_values=True).get("query", [])):
            self._forward(None)

    def do_POST(self) -> None:  # noqa: N802
        if urlsplit(self.path).path != "/query":
            self._refuse_write()
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= 3 * MAX_QUERY_BYTES:
            self._answer(413, f"query refused: more than {MAX_QUERY_BYTES} bytes, or no length")
            self.close_connection = True
            return
        body = self.rfile.read(length)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            queries = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).get("query", [])
        elif kind == "application/sparql-query":
            queries = [body.decode("utf-8", "replace")]
        else:
            self._answer(415, "a query is sent as application/x-www-form-urlencoded or application/sparql-query")
            return
        if self._checked(queries):
            self._forward(body)

    def _refuse_write(self) -> None:
        self.close_connection = True  # its body is not read
        self._answer(405, "this endpoint is read-only: updates are refused")

    do_PUT = do_DELETE = do_PATCH = _refuse_write  # noqa: N815

    def _checked(self, queries: list[str]) -> bool:
        """Whether the request holds one query, below the size limit, free of SERVICE;
        if not, the refusal is sent."""
        from ..store import check_query
        if len(queries) != 1:
            self._answer(400, "give exactly one 'query' parameter")
            return False
        if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
            self._answer(413, f"query refused: more than {MAX_QUERY_BYTES} bytes")
            return False
        try:
            with _PARSER:
                check_query(queries[0])
        except InputError as exc:
            self._answer(400, f"query refused: {exc}")
            return False
        return True

    def _forward(self, body: bytes | None) -> None:
        headers = {name: self.headers[name] for name in _PASSED_HEADERS if self.headers.get(name)}
        request = urllib.request.Request(self.owner.backend + self.path, data=body, headers=headers,
                                         method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=self.owner.timeout) as response:
                self._send(response.status, response.headers.get("Content-Type"), response.read())
        except urllib.error.HTTPError as exc:
            self._send(exc.code, exc.headers.get("Content-Type"), exc.read())
        except (OSError, urllib.error.URLError) as exc:
            self._answer(504 if "timed out" in str(exc) else 502, f"the SPARQL server behind did not answer: {exc}")

    def _answer(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: int, kind: str | None, data: bytes) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
