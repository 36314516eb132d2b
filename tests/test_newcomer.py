"""A newcomer's first hour (issue 9): files others can read, a build that fills the cache,
``--version``. One test per reported problem."""

from __future__ import annotations

import os
import stat

import pytest

from passerelles import __version__
from passerelles.corpus import load_corpus
from passerelles.rdf import cache


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_build_outputs_and_cache_entries_follow_the_umask(cli, tmp_path, monkeypatch, umask_022):
    # Reported: every output was 0600 (mkstemp + os.replace without chmod).
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    assert cli("build", "--out", str(tmp_path / "out")).code == 0
    for name in ("passerelles.nt", "passerelles.ttl"):
        assert _mode(tmp_path / "out" / name) == 0o644, name
    [entry] = (tmp_path / "cache").glob("graph-*.nt")
    assert _mode(entry) == 0o644


def test_a_replaced_output_keeps_its_mode(cli, tmp_path, monkeypatch, umask_022):
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert cli("build", "--out", str(out)).code == 0
    os.chmod(out / "passerelles.ttl", 0o664)
    assert cli("build", "--out", str(out)).code == 0
    assert _mode(out / "passerelles.ttl") == 0o664


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz 'dot' is not installed")
def test_a_figure_is_readable_by_others(cli, tmp_path, umask_022):
    svg = tmp_path / "route.svg"
    assert cli("diagram", "route", "CE6P", "CESS", "-o", str(svg)).code == 0
    assert _mode(svg) == 0o644


def test_build_fills_the_cache(cli, tmp_path, monkeypatch):
    # Reported: the first question after a build re-parsed the whole corpus.
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    corpus = load_corpus()
    assert cache.load(corpus) is None
    assert cli("build", "--out", str(tmp_path / "out")).code == 0
    cached = cache.load(corpus)
    assert cached is not None
    assert cached == (tmp_path / "out" / "passerelles.nt").read_text(encoding="utf-8")


def test_version(cli):
    r = cli("--version")
    assert r.code == 0 and r.out == f"passerelles {__version__}\n"


def test_no_module_global_warns_when_pytest_probes_it():
    # Reported: "_mock_name is not defined in namespace XSD" at collection. pytest's doctest
    # collector reads ``_mock_name`` on every module global; rdflib's DefinedNamespace XSD
    # warns on unknown names, so no module may hold it as a global.
    import importlib
    import pkgutil
    import warnings

    import passerelles
    for info in pkgutil.walk_packages(passerelles.__path__, "passerelles."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue   # the CLI registers commands on import, __main__ runs it
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                getattr(value, "_mock_name", None)


@pytest.mark.parametrize("name, expected", [
    ("attestation de compétences professionnelles du deuxième degré", "ACP-D2"),   # failed before
    ("attestation de compétences professionnelles du 2e degre", "ACP-D2"),
    ("C.E.S.S.", "CESS"), ("CE 6P", "CE6P"), ("CQ 6", "CQ6"),
    ("sixième professionnelle", "6P"), ("6ème P", "6P"),
    ("tout élève", "START"),                                                       # the label of START
])
def test_route_names_as_people_write_them(cli, name, expected):
    r = cli("resolve", name, "--json")
    assert r.code == 0, r.err
    assert r.json()["id"] == expected


def test_article_45_is_ambiguous_not_silently_the_2nd_degree(cli):
    # Reported: "article 45" picked ART45-D2 although ART45-D3 exists (l. 1850-1938 list both).
    r = cli("route", "article 45", "CESS")
    assert r.code == 2 and r.out == ""
    assert "ART45-D2" in r.err and "ART45-D3" in r.err and len(r.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["9999", "CEFA"])
def test_unknown_names_always_get_suggestions(cli, name):
    # Reported: '9999' and 'CEFA' got no suggestion at all.
    r = cli("resolve", name)
    assert r.code == 2 and f"unknown name {name!r}" in r.err
    assert "nearest" in r.err or "did you mean" in r.err
