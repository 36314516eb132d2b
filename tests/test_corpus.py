"""The corpus: vendored documents, manifest, checksums, and bad input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from passerelles.corpus import load_corpus
from passerelles.errors import CorpusError


def test_manifest_describes_five_documents_with_their_checksums():
    corpus = load_corpus()
    assert list(corpus.documents) == ["circulaire-7282", "infor-jeunes-cess-cqss", "la-mache-cqp",
                                      "cqp-4-etapes", "titre-pro-sessions"]
    for doc in corpus.documents.values():
        data = (corpus.path / doc.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == doc.sha256
    circ = corpus.circular
    assert circ.date == "2019-09-02" and circ.language == "fr" and circ.kind == "circulaire"
    assert len(circ.lines) == 2920
    assert circ.line(8) == "Circulaire 7282"


def test_altered_file_is_a_one_line_error_naming_it(corpus_copy):
    target = corpus_copy / "004_0cd2d006c908e9f4.txt"
    data = bytearray(target.read_bytes())
    data[1000] ^= 0x20
    target.write_bytes(bytes(data))
    with pytest.raises(CorpusError, match="004_0cd2d006c908e9f4.txt: checksum mismatch"):
        load_corpus(corpus_copy)


def test_truncated_and_missing_files(corpus_copy):
    target = corpus_copy / "000_596d3887167686c3.txt"
    target.write_bytes(target.read_bytes()[:100])
    with pytest.raises(CorpusError, match="000_596d3887167686c3.txt: checksum mismatch"):
        load_corpus(corpus_copy)
    target.unlink()
    with pytest.raises(CorpusError, match="000_596d3887167686c3.txt: cannot read"):
        load_corpus(corpus_copy)


def _rewrite(corpus, name: str, data: bytes) -> None:
    """Replace a corpus file and record its new checksum in the manifest."""
    (corpus / name).write_bytes(data)
    manifest = json.loads((corpus / "manifest.json").read_text())
    for entry in manifest["documents"]:
        if entry["file"] == name:
            entry["sha256"] = hashlib.sha256(data).hexdigest()
    (corpus / "manifest.json").write_text(json.dumps(manifest))


def test_non_utf8_file_is_reported_even_with_a_matching_checksum(corpus_copy):
    target = corpus_copy / "003_2a96e9abcdd7dc4e.txt"
    _rewrite(corpus_copy, target.name, target.read_bytes().replace("é".encode(), b"\xe9", 1))
    with pytest.raises(CorpusError, match="003_2a96e9abcdd7dc4e.txt: not UTF-8"):
        load_corpus(corpus_copy)


def test_missing_manifest_and_folder(tmp_path, corpus_copy):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")
    (corpus_copy / "manifest.json").unlink()
    with pytest.raises(CorpusError, match="manifest missing"):
        load_corpus(corpus_copy)


def test_bad_corpus_on_the_command_line_exits_2_with_one_line_and_writes_nothing(corpus_copy, tmp_path):
    target = corpus_copy / "004_0cd2d006c908e9f4.txt"
    target.write_bytes(target.read_bytes()[:-10])
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "passerelles", "--corpus", str(corpus_copy),
                           "build", "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "004_0cd2d006c908e9f4.txt" in proc.stderr
    assert not out.exists()


def test_other_corpus_folder_with_same_manifest_format(corpus_copy, cli):
    result = cli("--corpus", str(corpus_copy), "footnotes", "1", "--json")
    assert result.code == 0
    assert result.json()[0]["text"].startswith("Décret du 3 juillet 1991")


def test_a_circular_whose_lines_moved_is_refused_for_the_curated_rules(corpus_copy, cli):
    # one line inserted at the top: the curated rules' quotations no longer stand at their lines
    target = corpus_copy / "004_0cd2d006c908e9f4.txt"
    _rewrite(corpus_copy, target.name, b"\n" + target.read_bytes())
    result = cli("--corpus", str(corpus_copy), "route", "CE6P", "CESS")
    assert result.code == 2 and "curated rules do not match" in result.err and result.err.count("\n") == 1


def test_malformed_manifest_entries(corpus_copy):
    manifest = json.loads((corpus_copy / "manifest.json").read_text())
    (corpus_copy / "manifest.json").write_text(json.dumps({"documents": manifest["documents"] + [5]}))
    with pytest.raises(CorpusError, match="entry 6 is not an object"):
        load_corpus(corpus_copy)
    (corpus_copy / "manifest.json").write_text(json.dumps({"documents": manifest["documents"] * 2}))
    with pytest.raises(CorpusError, match="repeats the id"):
        load_corpus(corpus_copy)
