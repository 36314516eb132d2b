"""Passerelles on a SPARQL server: publishing the graph (:mod:`.publish`) and serving it
read-only on this machine (:mod:`.serve`).

Both speak the standard protocols only — the SPARQL 1.1 Protocol for queries and the
SPARQL 1.1 Graph Store HTTP Protocol for loading — so any conforming server works
(Oxigraph, Apache Jena Fuseki, Virtuoso, GraphDB). The graph lives in one named graph,
:data:`DEFAULT_GRAPH` unless told otherwise; remote queries use it as their default graph.

This module holds what both sides share and stays import-light: the command line reads
:data:`DEFAULT_GRAPH` for its option help.
"""

from __future__ import annotations

import base64
import os
from urllib.parse import urlsplit

from ..errors import InputError

DEFAULT_GRAPH = "https://w3id.org/passerelles/graph/circulaire-7282"
"""The named graph ``publish`` writes and remote queries read by default."""

USER_VARIABLE = "PASSERELLES_ENDPOINT_USER"
PASSWORD_VARIABLE = "PASSERELLES_ENDPOINT_PASSWORD"


def credentials() -> tuple[str, str] | None:
    """The endpoint user and password from the environment, or None when no user is set.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {USER_VARIABLE: "reader", PASSWORD_VARIABLE: "pw"}):
    ...     credentials()
    ('reader', 'pw')
    """
    user = os.environ.get(USER_VARIABLE)
    if user is None:
        return None
    return user, os.environ.get(PASSWORD_VARIABLE, "")


def basic_auth_header() -> dict[str, str]:
    """An ``Authorization`` header for HTTP basic auth, or no header without credentials."""
    found = credentials()
    if found is None:
        return {}
    token = base64.b64encode(f"{found[0]}:{found[1]}".encode("utf-8")).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def check_url(url: str, option: str = "--endpoint") -> str:
    """Accept an http(s) URL without credentials in it (they belong in the environment).

    The message never repeats the URL: it may hold a password.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("http://me:secret@host/sparql")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: --endpoint must not hold credentials: set PASSERELLES_ENDPOINT_USER and PASSERELLES_ENDPOINT_PASSWORD instead
    >>> check_url("ftp://host/x", "--store")
    Traceback (most recent call last):
    ...
    passerelles.errors.InputError: --store must be an http:// or https:// URL
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{option} must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{option} must not hold credentials: set {USER_VARIABLE} and {PASSWORD_VARIABLE} instead")
    return url
