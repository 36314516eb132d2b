"""The standing of what the graph holds: which kind of source says it, who in the document
says it, how firmly, and where two documents disagree.

Read from ``data/sources.yaml`` (each document's kind, author, date, who speaks on which
lines — the author, a reader, a reply — its readers' threads and its own slips), from
``data/conflicts.yaml`` (disagreements between documents, both sides with their lines) and
from the ``statements`` of the rule files (what a source says that is not a step of a route:
an employment rule, a recognition, a hedged dispensation).

A rule's or statement's speaker is not written by hand: it is the speaker of the lines it
quotes (:meth:`SourceInfo.speaker_at`).

>>> info = SourceInfo("doc", SourceKind.INFORMATION_SERVICE, "Infor Jeunes", "Infor Jeunes", None, None,
...                   (Span(1, 10, Speaker.AUTHOR, None), Span(13, 15, Speaker.READER, "Valérie")), (), ())
>>> info.speaker_at(3, 4), info.speaker_at(14, 14)
(<Speaker.AUTHOR: 'author'>, <Speaker.READER: 'reader'>)
>>> info.according(Speaker.READER)
"selon Infor Jeunes (service d'information, non daté ; un lecteur)"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Source
from .parse import DataError, ident, line_of, mapping, member, sequence, source as parse_source, text
from .vocab import MODALITY_LABELS, SOURCE_KIND_LABELS, SPEAKER_LABELS, Modality, SlipKind, SourceKind, Speaker


@dataclass(frozen=True)
class Span:
    """Lines ``first``..``last`` of a document spoken by ``speaker`` (``name``: a reader's name,
    taken from the reply's salutation when the message has none)."""

    first: int
    last: int
    speaker: Speaker
    name: str | None = None


@dataclass(frozen=True)
class Thread:
    """A reader's question and the reply to it (document 000): what the reply settles (rule
    and statement ids) and what it leaves open."""

    id: str
    question: Source
    reply: Source | None
    reader: str | None
    addressed_to: str | None
    settles: tuple[str, ...]
    open: tuple[str, ...]


@dataclass(frozen=True)
class Slip:
    """A document's own slip: a lost cross-reference, a mis-threaded reply, « cette date » with
    no date … (``message`` in English, as ``check`` reports; ``source`` its lines and words)."""

    kind: SlipKind
    source: Source
    message: str
    also: tuple[Source, ...] = ()

    @property
    def lines(self) -> tuple[int, ...]:
        out = set(range(self.source.first, self.source.last + 1))
        for s in self.also:
            out |= set(range(s.first, s.last + 1))
        return tuple(sorted(out))


@dataclass(frozen=True)
class SourceInfo:
    """What kind of text a corpus document is, who wrote it, when, and who speaks where."""

    document: str
    kind: SourceKind
    name: str                      # how an answer names it: « Infor Jeunes Laeken »
    author: str | None
    date: str | None               # ISO date, or None: undated
    date_note: str | None
    spans: tuple[Span, ...]
    threads: tuple[Thread, ...]
    slips: tuple[Slip, ...]

    @property
    def id(self) -> str:
        return self.document

    def speaker_at(self, first: int, last: int) -> Speaker:
        """Who speaks on lines ``first``..``last`` (the author where no span says otherwise)."""
        for s in self.spans:
            if s.first <= first and last <= s.last:
                return s.speaker
        return Speaker.AUTHOR

    def according(self, speaker: Speaker | None = None, modality: Modality | None = None,
                  hedge: str | None = None) -> str:
        """« selon Infor Jeunes (service d'information, non daté ; une réponse à un lecteur) »."""
        return according(self.name, SOURCE_KIND_LABELS[self.kind], self.date, speaker, modality, hedge)


def according(name: str, kind_label: str, date: str | None, speaker: str | None = None, modality: str | None = None,
              hedge: str | None = None) -> str:
    """How an answer names its source, with its standing: kind, date (or undated), who in the
    document says it (when not its author), how firmly (when not plainly stated).

    >>> according("Infor Jeunes Laeken", "service d'information", None, "answer", "hedged", "vraisemblablement")
    "selon Infor Jeunes Laeken (service d'information, non daté ; une réponse à un lecteur ; avec réserve : « vraisemblablement »)"
    >>> according("la circulaire 7282", "circulaire administrative", "2019-09-02")
    'selon la circulaire 7282 (circulaire administrative, du 2 septembre 2019)'
    """
    from ..legal.citing import french_date
    parts = [kind_label, f"du {french_date(date)}" if date else "non daté"]
    detail = []
    if speaker is not None and speaker != Speaker.AUTHOR.value:
        detail.append(SPEAKER_LABELS[Speaker(speaker)])
    if modality is not None and modality != Modality.STATED.value:
        detail.append(MODALITY_LABELS[Modality(modality)] + (f" : « {hedge} »" if hedge else ""))
    return f"selon {name} ({', '.join(parts)}" + (f" ; {' ; '.join(detail)}" if detail else "") + ")"


@dataclass(frozen=True)
class ConflictSide:
    """One side of a disagreement: a document's words (``source``), what it says in short,
    and the rules and statements of the graph that carry it."""

    source: Source
    says: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Two (or more) documents that disagree; ``overlap`` says how far they speak of the
    same thing (``full``, ``partial``, ``tension``); the graph holds every side and answers
    show them all, never one picked."""

    id: str
    title: str
    overlap: str
    summary: str
    sides: tuple[ConflictSide, ...]

    @property
    def rules(self) -> frozenset[str]:
        return frozenset(r for s in self.sides for r in s.rules)


@dataclass(frozen=True)
class Statement:
    """What a source says that is not a step of a route (an employment rule, a recognition,
    a hedged dispensation, a reader's belief), with its standing."""

    id: str
    document: str
    about: tuple[str, ...]
    says: str
    modality: Modality
    hedge: str | None
    source: Source
    speaker: Speaker = Speaker.AUTHOR
    note: str | None = None
    line: int | None = None


# --------------------------------------------------------------------------- reading
OVERLAPS = ("full", "partial", "tension")
_SOURCE_KEYS = {"document", "kind", "name", "author", "date", "date_note", "speakers", "threads", "slips"}
_STATEMENT_KEYS = {"id", "about", "says", "modality", "hedge", "source", "note"}


def _span(d: Any) -> Span:
    d = mapping(d, "a speaker span", {"lines", "speaker", "name"}, ("lines", "speaker"))
    lines = d["lines"]
    if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(n, int) for n in lines) and lines[0] <= lines[1]):
        raise DataError(f"speaker lines must be [first, last], got {lines!r}", d)
    return Span(lines[0], lines[1], member(Speaker, d["speaker"], "speaker", d), d.get("name"))


def _thread(d: Any, document: str) -> Thread:
    d = mapping(d, "a thread", {"id", "question", "reply", "reader", "addressed_to", "settles", "open"}, ("id", "question"))
    question = parse_source({**d["question"], "document": document})
    reply = parse_source({**d["reply"], "document": document}) if d.get("reply") else None
    return Thread(ident(d["id"], "thread id", d), question, reply, d.get("reader"), d.get("addressed_to"),
                  tuple(ident(x, "settles", d) for x in sequence(d.get("settles") or [], "settles")),
                  tuple(text(x, "open", d) for x in sequence(d.get("open") or [], "open")))


def _slip(d: Any, document: str) -> Slip:
    d = mapping(d, "a slip", {"kind", "lines", "quote", "message", "also"}, ("kind", "lines", "quote", "message"))
    src = parse_source({"document": document, "lines": d["lines"], "quote": d["quote"]})
    also = tuple(parse_source({**a, "document": document}) for a in sequence(d.get("also") or [], "also"))
    return Slip(member(SlipKind, d["kind"], "slip kind", d), src, text(d["message"], "message", d), also)


def source_info(d: Any) -> SourceInfo:
    """One entry of ``sources.yaml``."""
    d = mapping(d, "a source", _SOURCE_KEYS, ("document", "kind", "name"))
    document = text(d["document"], "document", d)
    date = d.get("date")
    if date is not None and not (isinstance(date, str) and len(date) == 10 and date[4] == "-" and date[7] == "-"):
        raise DataError(f"date must be YYYY-MM-DD or null, got {date!r}", d)
    spans = tuple(_span(s) for s in sequence(d.get("speakers") or [], "speakers"))
    threads = tuple(_thread(t, document) for t in sequence(d.get("threads") or [], "threads"))
    thread_spans = tuple(Span(t.question.first, t.question.last, Speaker.READER, t.reader) for t in threads) + \
        tuple(Span(t.reply.first, t.reply.last, Speaker.ANSWER, None) for t in threads if t.reply)
    return SourceInfo(document, member(SourceKind, d["kind"], "source kind", d), text(d["name"], "name", d),
                      d.get("author"), date, d.get("date_note"), spans + thread_spans, threads,
                      tuple(_slip(s, document) for s in sequence(d.get("slips") or [], "slips")))


def conflict(d: Any) -> Conflict:
    """One entry of ``conflicts.yaml``."""
    d = mapping(d, "a conflict", {"id", "title", "overlap", "summary", "sides"}, ("id", "title", "overlap", "summary", "sides"))
    if d["overlap"] not in OVERLAPS:
        raise DataError(f"overlap {d['overlap']!r} not one of {', '.join(OVERLAPS)}", d)
    sides = []
    for s in sequence(d["sides"], "sides", allow_empty=False):
        s = mapping(s, "a side", {"source", "says", "rules"}, ("source", "says"))
        sides.append(ConflictSide(parse_source(s["source"]), text(s["says"], "says", s),
                                  tuple(ident(r, "rules", s) for r in sequence(s.get("rules") or [], "rules"))))
    if len({s.source.document for s in sides}) < 2:
        raise DataError("a conflict between documents has sides in two documents at least", d)
    return Conflict(ident(d["id"], "id", d), text(d["title"], "title", d), d["overlap"], text(d["summary"], "summary", d),
                    tuple(sides))


def statement(d: Any, document: str) -> Statement:
    """One entry of a rule file's ``statements``."""
    d = mapping(d, "a statement", _STATEMENT_KEYS, ("id", "says", "source"))
    about = d.get("about") or []
    about = tuple(ident(a, "about", d) for a in (about if isinstance(about, list) else [about]))
    modality = member(Modality, d.get("modality", "stated"), "modality", d)
    hedge = d.get("hedge")
    if modality is Modality.HEDGED and not hedge:
        raise DataError("a hedged statement names its hedge (the words that hedge it)", d)
    return Statement(ident(d["id"], "id", d), document, about, text(d["says"], "says", d), modality, hedge,
                     parse_source(d["source"]), note=d.get("note"), line=line_of(d))


__all__ = ["Span", "Thread", "Slip", "SourceInfo", "ConflictSide", "Conflict", "Statement", "source_info", "conflict",
           "statement", "according"]
