"""The citation evidence on a longer circular (issue 14: a build linear in the text).

Each citation weighs the other citations of its article and of its section. Those are
now counted once per place and per section (:class:`passerelles.legal.evidence.Evidence`)
instead of being filtered again for every citation, and a reason lists at most
:data:`~passerelles.legal.evidence.LISTED` passages, counting the rest: a reason a person
reads does not grow with the text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from passerelles.corpus import load_corpus
from passerelles.legal.evidence import LISTED
from passerelles.model import build_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

LISTING = re.compile(r"\(((?:notes? [\d, ]+)(?:; lines? [\d, ]+)?|lines? [\d, ]+)(?: and (\d+) more)?[);]")


@pytest.fixture(scope="module")
def tripled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("x3") / "corpus"
    write_corpus(3, folder)
    return build_model(load_corpus(folder)).citations.citations


def _reason(citations, line: int, footnote: int | None) -> str:
    return next(c.reason for c in citations if c.line == line and c.footnote == footnote)


def test_no_reason_of_the_circular_is_cut(model):
    """At ×1 the longest list has 16 passages (the other citations of the section « ENSEIGNEMENT
    PROFESSIONNEL »: notes 50–70 and line 812): all are written."""
    lengths = [len(re.findall(r"\d+", m.group(1))) for c in model.citations.citations if c.reason
               for m in LISTING.finditer(c.reason)]
    assert max(lengths) == 16 and not any("more)" in (c.reason or "") for c in model.citations.citations)


def test_a_long_list_of_passages_is_counted_not_written(tripled):
    """Note 232 (l. 2706, « Ibidem »), art. 14: in the circular ×3, the places of art. 14 in
    its chapter are notes 203–220 (7), 447–464 (7), 691–708 (7) and lines 2590, 5310, 8030
    — 24 passages: the first 20 are written, 4 counted."""
    reason = _reason(tripled, 2706, 232)
    assert ("art. 14 is cited in this chapter only as a place of Décret du 3 juillet 1991 (notes 203, 205, 206, "
            "208, 209, 210, 220, 447, 449, 450, 452, 453, 454, 464, 691, 693, 694, 696, 697, 698 and 4 more)") in reason


def test_every_listing_shows_at_most_listed_passages(tripled):
    shown = [len(re.findall(r"\d+", m.group(1))) for c in tripled if c.reason for m in LISTING.finditer(c.reason)]
    assert shown and max(shown) == LISTED
