"""What a command answered from the build cache reads of the corpus (issue 14: a warm command
must not cost as much as the corpus is long): the manifest, and each file checked against its
checksum unless it has not changed since it last was."""

from __future__ import annotations

import json
import os
import shutil

import pytest

import passerelles.corpus as corpus_module
from passerelles.corpus import default_corpus_dir, load_corpus
from passerelles.errors import CorpusError
from passerelles.rdf import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSERELLES_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), copy)
    return copy


def _no_reading(monkeypatch):
    def refuse(folder, entry):
        raise AssertionError(f"{entry['file']} read again")
    monkeypatch.setattr(corpus_module, "_checked_text", refuse)


def test_files_verified_once_are_not_read_again(folder, monkeypatch):
    stamp = cache.corpus_stamp(folder)
    assert stamp.fingerprint() == load_corpus(folder).fingerprint()      # the same cache key
    record = json.loads((cache.cache_dir() / cache.VERIFIED).read_text())
    assert len(record) == 5 and oct(os.stat(cache.cache_dir() / cache.VERIFIED).st_mode & 0o022) == "0o0"
    _no_reading(monkeypatch)
    assert cache.corpus_stamp(folder).fingerprint() == stamp.fingerprint()


def test_a_file_changed_since_is_checked_again_and_refused(folder):
    cache.corpus_stamp(folder)
    circular = next(f for f in sorted(folder.glob("*.txt")) if b"Circulaire 7282" in f.read_bytes())
    text = circular.read_bytes()
    circular.write_bytes(text.replace(b"Circulaire 7282", b"Circulaire 7283", 1))   # same size, new time
    with pytest.raises(CorpusError, match="checksum mismatch"):
        cache.corpus_stamp(folder)


def test_a_record_others_may_write_is_not_trusted(folder, monkeypatch):
    cache.corpus_stamp(folder)
    os.chmod(cache.cache_dir() / cache.VERIFIED, 0o666)
    _no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        cache.corpus_stamp(folder)
