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


def _edit_entry(corpus, index: int, **changes) -> None:
    """Change fields of one manifest entry (``None`` as a value: JSON null; ``...``: remove)."""
    path = corpus / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is ...:
            manifest["documents"][index].pop(key)
        else:
            manifest["documents"][index][key] = value
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("changes, message", [
    ({"date": "2019-13-45"}, 'date must be an ISO date YYYY-MM-DD that exists, or null, not "2019-13-45"'),
    ({"date": "02/09/2019"}, "date must be an ISO date"),
    ({"date": 20190902}, "date must be an ISO date"),
    ({"language": ["fr"]}, 'language must be a language code such as \'fr\' or \'fr-BE\', not ["fr"]'),
    ({"language": "français"}, "language must be a language code"),
    ({"kind": None}, "kind must be a lower-case word such as 'circulaire' or 'web-page', not null"),
    ({"title": ""}, "title must be a non-empty string"),
    ({"issuer": 7}, "issuer must be a non-empty string"),
    ({"id": 4}, "id must be an identifier"),
    ({"id": "a b/c"}, "id must be an identifier"),
    ({"file": 3}, "file must be a non-empty string"),
    ({"file": "../corpus/004_0cd2d006c908e9f4.txt"}, "file must name a file inside the corpus folder"),
    ({"file": "/etc/passwd"}, "file must name a file inside the corpus folder"),
    ({"sha256": None}, "sha256 must be 64 lower-case hexadecimal digits, not null"),
    ({"jurisdiction": "Belgique"}, "jurisdiction must be a region code"),
    ({"titel": "x"}, "unknown field 'titel' (did you mean 'title'?)"),
    ({"issuer": ...}, "lacks issuer"),
])
def test_manifest_fields_of_the_wrong_type_are_refused(corpus_copy, changes, message):
    # before, "2019-13-45"^^xsd:date, dct:language "['fr']" and psl:kind "None" entered the graph
    # with exit 0, and a number as id, file or sha256 gave a traceback
    _edit_entry(corpus_copy, 0, **changes)
    with pytest.raises(CorpusError) as refused:
        load_corpus(corpus_copy)
    assert message in str(refused.value)
    assert str(refused.value).startswith(str(corpus_copy / "manifest.json") + ": entry 1")


def test_every_manifest_problem_is_one_line_and_the_command_exits_2(corpus_copy, cli):
    _edit_entry(corpus_copy, 1, date="2019-02-30", language=["fr"])
    _edit_entry(corpus_copy, 3, file="../../elsewhere.txt")
    result = cli("--corpus", str(corpus_copy), "acts", "--json")
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 3 and all(line.startswith("passerelles: error: ") for line in lines)
    assert "entry 2 (infor-jeunes-cess-cqss): date" in lines[0] and "entry 2 (infor-jeunes-cess-cqss): language" in lines[1]
    assert "entry 4 (cqp-4-etapes): file must name a file inside the corpus folder" in lines[2]


def test_a_symbolic_link_out_of_the_corpus_folder_is_refused(corpus_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes((corpus_copy / "000_596d3887167686c3.txt").read_bytes())
    (corpus_copy / "000_596d3887167686c3.txt").unlink()
    (corpus_copy / "000_596d3887167686c3.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="entry 2 .*file must name a file inside the corpus folder"):
        load_corpus(corpus_copy)


def test_a_fifo_as_a_corpus_file_or_manifest_is_refused_without_waiting(corpus_copy):
    import os
    target = corpus_copy / "001_cfd75f1ae8e1ffe4.txt"
    target.unlink()
    os.mkfifo(target)   # before, reading it blocked for ever
    with pytest.raises(CorpusError, match="001_cfd75f1ae8e1ffe4.txt: refused: not a regular file \\(a FIFO\\)"):
        load_corpus(corpus_copy)
    (corpus_copy / "manifest.json").unlink()
    os.mkfifo(corpus_copy / "manifest.json")
    with pytest.raises(CorpusError, match="manifest.json: refused: not a regular file"):
        load_corpus(corpus_copy)


def test_a_file_above_the_size_limit_is_refused_before_it_is_parsed(corpus_copy):
    from passerelles.corpus import MAX_DOCUMENT_BYTES
    big = b"x" * (MAX_DOCUMENT_BYTES + 1)
    _rewrite(corpus_copy, "002_35a3d0baa31e48c4.txt", big)
    with pytest.raises(CorpusError, match=f"002_35a3d0baa31e48c4.txt: refused: {MAX_DOCUMENT_BYTES + 1} bytes, "
                                          f"above the limit of {MAX_DOCUMENT_BYTES} bytes"):
        load_corpus(corpus_copy)


def test_the_fingerprint_covers_every_manifest_field(corpus_copy):
    # before, only ids and checksums: an edited title, issuer or date served the old graph
    before = load_corpus(corpus_copy).fingerprint()
    assert load_corpus(corpus_copy).fingerprint() == before
    for field, value in (("title", "Autre titre"), ("issuer", "Autre"), ("date", "2019-09-03"),
                         ("kind", "article"), ("language", "nl"), ("jurisdiction", "FR")):
        _edit_entry(corpus_copy, 0, **{field: value})
        after = load_corpus(corpus_copy).fingerprint()
        assert after != before, field
        before = after
