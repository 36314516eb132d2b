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
