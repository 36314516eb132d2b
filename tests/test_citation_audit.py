"""A random sample of citation records, checked by hand against the circular.

tests/data/citation_audit.yaml holds a fixed-seed sample of the records of ``citations``
(stratified by status: 60 resolved records drawn at random, every ambiguous and every
unresolved record), each read by hand in the circular with the lines that were read and a
verdict. This test draws the sample again from the records the resolver gives today: if the
resolver changed the records, the draw or the readings differ and the test fails — the
sample must then be drawn afresh and checked again by hand (it cannot be tuned to one
sample). Then it measures the precision per status, which must be at least 98%.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

AUDIT = Path(__file__).parent / "data" / "citation_audit.yaml"


def record_key(c) -> tuple:
    """A citation's identity and reading, in a stable order."""
    loc = c.locator
    return (c.line, c.footnote or 0, c.act or "", loc.article or "", loc.paragraph or "", loc.alinea or "", loc.point or "")


def draw_sample(citations, seed: int, resolved: int) -> list:
    """``resolved`` resolved records drawn with ``seed``, then every ambiguous and unresolved one."""
    strata: dict[str, list] = {}
    for c in sorted(citations, key=record_key):
        strata.setdefault(c.status, []).append(c)
    rng = random.Random(seed)
    sample = rng.sample(strata.get("resolved", []), resolved)
    sample += strata.get("ambiguous", []) + strata.get("unresolved", [])
    return sorted(sample, key=record_key)


def as_record(c) -> dict:
    """What the audit checked of a record: its place, its reading(s), its status."""
    loc = c.locator
    return {"line": c.line, "footnote": c.footnote, "act": c.act, "article": loc.article,
            "paragraph": loc.paragraph, "alinea": loc.alinea, "point": loc.point, "status": c.status,
            "via": c.via,
            "alternatives": [" ".join(filter(None, [a.act, a.locator.article and f"art. {a.locator.article}",
                                                     a.locator.paragraph and f"§{a.locator.paragraph}",
                                                     a.locator.alinea and f"al. {a.locator.alinea}",
                                                     a.locator.point and f"{a.locator.point}°"]))
                             for a in c.alternatives]}


@pytest.fixture(scope="module")
def audit():
    return yaml.safe_load(AUDIT.read_text(encoding="utf-8"))


def test_the_sample_is_drawn_again_from_todays_records(model, audit):
    sample = draw_sample(model.citations.citations, audit["seed"], audit["resolved_drawn"])
    today = [as_record(c) for c in sample]
    checked = [{k: r[k] for k in today[0]} for r in audit["records"]]
    assert len(checked) >= 60
    assert today == checked, "the records changed: draw the sample again and check it by hand"


def test_every_record_was_read_in_the_text(model, audit):
    doc = model.corpus.circular
    for r in audit["records"]:
        assert r["verdict"] in ("right", "wrong"), r
        assert r["line"] in r["lines_read"] and r["justification"], r
        assert all(1 <= n <= len(doc.lines) for n in r["lines_read"])


def test_precision_per_status_is_at_least_98_percent(audit):
    by_status: dict[str, list[bool]] = {}
    for r in audit["records"]:
        by_status.setdefault(r["status"], []).append(r["verdict"] == "right")
    for status, verdicts in by_status.items():
        assert sum(verdicts) / len(verdicts) >= 0.98, (status, sum(verdicts), len(verdicts))
    # the figures stated in the README
    assert {s: [sum(v), len(v)] for s, v in by_status.items()} == audit["measured"]
