"""The secondary documents' own slips, and the disagreements between documents, as
``passerelles check`` reports them after the circular's findings.

The circular's inconsistencies are computed from its tables and citations
(:mod:`passerelles.catalogue.check`); the four short secondary documents are read by hand:
their slips are curated in ``data/sources.yaml`` — a lost cross-reference (« voir le
témoignage de Yacine »), a reply addressed to the wrong reader, « Au-delà de cette date »
with no date, lost headings and lists, juries whose relation is not said … — each with its
lines and words (checked against the corpus like every quotation). A reply whose salutation
names a reader another reply already answered is found from the threads themselves.

>>> from passerelles.rules import load
>>> found = source_findings(load())
>>> [(f.document, f.lines[0]) for f in found if f.kind == "mis-threaded-reply"]
[('infor-jeunes-cess-cqss', 31)]
>>> sorted({f.document for f in found if f.kind == "undefined-reference"})
['titre-pro-sessions']
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The order of kinds in the report (after the circular's).
ORDER = ("lost-cross-reference", "mis-threaded-reply", "unanswered-question", "undefined-reference", "unstated-actor",
         "lost-content", "ambiguous-scope", "two-names", "duplicate-passage", "external-reference", "undated",
         "navigation-debris", "typo", "conflict-between-documents")


@dataclass(frozen=True)
class SourceFinding:
    """A slip of a secondary document (``document`` and its ``lines``), or a disagreement
    between documents (``document`` ``None``; ``sides`` gives each document and lines)."""

    kind: str
    message: str
    document: str | None
    lines: tuple[int, ...]
    quote: str | None = None
    sides: tuple[dict, ...] = field(default=())

    @property
    def codes(self) -> tuple[str, ...]:
        """What the finding is about, in the column the circular's findings give codes."""
        return (self.document,) if self.document else tuple(dict.fromkeys(s["document"] for s in self.sides))

    def to_record(self):
        """The finding as the front door gives it (:class:`~passerelles.records.DocumentFinding`)."""
        from .records import DocumentFinding, Side
        return DocumentFinding(self.kind, self.message, self.codes, self.lines, self.document, self.quote,
                               tuple(Side(s["document"], tuple(s["lines"]), s["says"]) for s in self.sides))


def source_findings(curated) -> list[SourceFinding]:
    """Every secondary document's slips (curated and found from its threads), then the
    disagreements between documents; sorted by kind, document and line."""
    out: list[SourceFinding] = []
    for src in curated.sources:
        for slip in src.slips:
            out.append(SourceFinding(slip.kind.value, slip.message, src.document, slip.lines, slip.source.quote))
        curated_threading = {s.source.first for s in src.slips if s.kind.value == "mis-threaded-reply"}
        for finding in misthreaded(src):
            # a curated slip may already say it at the reply's line
            if not set(finding.lines) & curated_threading:
                out.append(finding)
    for c in curated.conflicts:
        sides = tuple({"document": s.source.document, "lines": [s.source.first, s.source.last], "says": s.says}
                      for s in c.sides)
        lines = tuple(sorted({n for s in c.sides for n in range(s.source.first, s.source.last + 1)}))
        out.append(SourceFinding("conflict-between-documents", f"{c.id} ({c.overlap}): {c.title}", None, lines, None, sides))
    rank = {k: i for i, k in enumerate(ORDER)}
    return sorted(out, key=lambda f: (rank.get(f.kind, len(ORDER)), f.document or "", f.lines))


def misthreaded(src) -> list[SourceFinding]:
    """Replies addressed to a reader another reply already answered, under another question
    (document 000: « Bonjour Stéphanie » at l. 31 and at l. 34)."""
    out = []
    seen: dict[str, object] = {}
    for t in src.threads:
        if not t.addressed_to or t.reply is None:
            continue
        first = seen.get(t.addressed_to)
        if first is None:
            seen[t.addressed_to] = t
            continue
        out.append(SourceFinding(
            "mis-threaded-reply",
            f"the reply of l. {t.reply.first} is addressed to {t.addressed_to}, already answered at l. {first.reply.first} "
            f"(question l. {first.question.first}), but follows the question of l. {t.question.first}",
            src.document, tuple(sorted({first.reply.first, t.question.first, t.reply.first})), t.reply.quote))
    return out
