"""The route view saved beside the build cache's store (issue 14: a ``route`` reads it back
instead of asking the store eight questions and typing every rule again)."""

from __future__ import annotations

import os
import pickle

import pytest

from passerelles.api import Passerelles
from passerelles.routes.saved_view import view_path
from passerelles.routes.service import view_of
from passerelles.routes.view import RouteView


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _answer(app: Passerelles) -> dict:
    return app.route("CE6P", "CESS").to_dict()


def test_the_view_is_saved_once_and_read_back(cache):
    first = Passerelles()
    answer = _answer(first)
    path = view_path(first)
    assert path.parent == cache and path.is_file() and oct(path.stat().st_mode & 0o022) == "0o0"
    again = Passerelles()
    assert _answer(again) == answer
    # read back, not built: the store of the second app was never opened
    assert "store" not in again.__dict__ and "_embedded" not in again.__dict__
    assert view_of(again).index.rules["award-CESS-7P"].source.first == 1191


def test_a_damaged_file_is_built_again_and_replaced(cache):
    answer = _answer(Passerelles())
    path = view_path(Passerelles())
    path.write_bytes(b"not a pickle")
    assert _answer(Passerelles()) == answer
    assert isinstance(pickle.loads(path.read_bytes()), RouteView)


def test_a_file_others_may_write_is_never_read(cache):
    app = Passerelles()
    _answer(app)
    path = view_path(app)
    planted = RouteView()                      # a view with no rules: the answer would be « no route »
    path.write_bytes(pickle.dumps(planted))
    os.chmod(path, 0o666)
    fresh = Passerelles()
    assert view_of(fresh).index.rules            # built from the store, not the planted file
    assert "award-CESS-7P" in pickle.loads(path.read_bytes()).index.rules   # and saved anew


def test_no_cache_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSERELLES_NO_CACHE", "1")
    app = Passerelles()
    assert view_path(app) is None and _answer(app)["routes"]
