"""Resolving citations: which act and which place each reference of the circular designates.

Footnotes are read in order. "Ibidem" takes the act of the previous note that cites an act
(prose notes are skipped), "Idem" and a bare "Ibidem." also take its place, "X précité" names
the act again. The chain is then checked against its context:

- the sentence that carries the note's anchor: if it names an act (without an article of its
  own) and the chain reached another one, the citation is ``ambiguous``;
- the act reached: a circular has no articles, so an article reached through it is
  ``ambiguous``;
- the previous note: if it cited several acts, "Ibidem" could mean any of them.

An ambiguous citation keeps the chain's reading as its main reading and lists the others
as alternatives, with the reason. Nothing is picked silently. Body text is read too: an
article followed by the act it belongs to (``l'article 56, 4° de l'arrêté royal du …``), an
act named without article, and articles with no act in their sentence (``unresolved``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..circular.footnotes import Footnote
from ..circular.superscripts import SUPERSCRIPT_RUN, superscript_to_int
from ..corpus import Document
from .acts import Registry
from .grammar import ActMention, Locator, LocatorGroup, ParsedText, format_locator, parse_text

RESOLVED, AMBIGUOUS, UNRESOLVED = "resolved", "ambiguous", "unresolved"


@dataclass(frozen=True)
class Reading:
    """One possible reading of a citation: an act and a place in it."""

    act: str | None
    locator: Locator


@dataclass(frozen=True)
class Citation:
    """One citation occurrence: a place of the corpus that cites a provision or an act."""

    document: str
    line: int
    footnote: int | None
    act: str | None
    locator: Locator
    status: str
    via: str                                  # direct | ibidem | idem | precite | nickname | title
    text: str
    alternatives: tuple[Reading, ...] = ()
    reason: str | None = None
    amended_by: str | None = None
    amendment: str | None = None              # modified | inserted
    amending_article: str | None = None


@dataclass
class _Ref:
    """A reference before resolution: a mention (or back reference) and a locator."""

    mention: ActMention | None
    locator: Locator
    text: str
    group: LocatorGroup | None = None
    other: tuple[Locator, str] | None = None   # another reading of the place, and why


@dataclass
class CitationIndex:
    """All citations of a document, and the registry of the acts they cite."""

    registry: Registry
    citations: list[Citation] = field(default_factory=list)



# --------------------------------------------------------------------------- helpers

def _attach(parsed: ParsedText, body: bool) -> tuple[list[_Ref], list[ActMention]]:
    """Pair locator groups with the mention they belong to; return refs and amending mentions."""
    amending = [a.act for a in parsed.amendments]
    amend_ids = {id(m) for m in amending}
    # Mentions inside another mention's title ("exécutant le décret du …") are not targets.
    in_title = set()
    for m in parsed.mentions:
        if m.title:
            span_end = m.end + len(m.title) + 3
            in_title.update(id(x) for x in parsed.mentions if m.end < x.start <= span_end)
    refs: list[_Ref] = []
    attached: set[int] = set()
    for g in parsed.groups:
        if g.in_quotes:
            continue
        target = g.forward
        if target is None:
            before = [m for m in parsed.mentions
                      if m.end <= g.start and id(m) not in amend_ids and id(m) not in in_title]
            if before and (not body or g.start - before[-1].end <= 12):
                target = before[-1]
        if target is None and body and re.search(r"\s-\s", parsed.text[g.end:g.end + 3]):
            continue  # table row "Article 45 - Habillement": a name, not a citation
        if target is not None:
            attached.add(id(target))
        for i, loc in enumerate(g.locators):
            refs.append(_Ref(target, loc, _span(parsed, target, g), g, g.guesses.get(i)))
    for m in parsed.mentions:
        if id(m) in attached or id(m) in amend_ids:
            continue
        refs.append(_Ref(m, Locator(), m.text.strip()))
    refs.sort(key=lambda r: (r.group.start if r.group else r.mention.start))
    return refs, amending


def _span(parsed: ParsedText, mention: ActMention | None, group: LocatorGroup) -> str:
    if mention is None:
        start = 0 if parsed.backref else group.start
        return parsed.text[start:group.end].strip(" ,.")
    start, end = min(mention.start, group.start), max(mention.end, group.end)
    return parsed.text[start:end].strip(" ,.")


def _sentence_before(line: str, number: int) -> str:
    """The sentence of ``line`` that ends at the anchor of note ``number``."""
    for m in SUPERSCRIPT_RUN.finditer(line):
        if superscript_to_int(m.group()) == number:
            before = line[: m.start()]
            cut = max(before.rfind(". "), before.rfind("; "))
            return before[cut + 1:] if cut >= 0 else before
    return line


class _Resolver:
    def __init__(self, doc: Document, registry: Registry):
        self.doc = doc
        self.registry = registry
        self.last_decree: str | None = None

    def keys(self, m: ActMention) -> tuple[list[str], str | None, str]:
        """Candidate act keys for a mention, the reason when not exactly one, and how it was found."""
        if m.plural:
            # "2 arrêtés du Gouvernement … du 21 février 2018": two acts, not told apart; one
            # key would merge them
            return [], (f"the text names several acts of this date ({m.text.strip()!r}) without "
                        "telling them apart"), "direct"
        if m.date and m.type:
            keys, why = self.registry.key_for(m)
            return keys, why, "precite" if m.precite else "direct"
        partial = self.registry.by_partial(m)
        if partial:
            missing = "date" if m.date is None else "kind of act"
            return [partial], f"the {missing} is not written here; identified by the title shared with another mention", "title"
        if m.nickname and not m.date:
            key = self.registry.by_nickname(m.nickname)
            if key:
                return [key], None, "nickname"
            return [], f"no dated mention gives the act called « {m.nickname} »", "nickname"
        if m.bare_precite:
            if self.last_decree:
                return [self.last_decree], "« le décret précité »: read as the last decree named before it", "precite"
            return [], "« le décret précité » with no decree named before it", "precite"
        # "arrêté du 6 novembre 2018" / "arrêté d'application du 15 mars 1993": type not said
        hits = self.registry.by_title(m.title or "")
        if len(hits) == 1:
            return hits, None, "title"
        return [], f"the kind of act is not stated ({m.text.strip()!r})", "direct"

    def note_that(self, m: ActMention | None, keys: list[str]) -> None:
        if m is not None and keys and keys[0].startswith("decret/"):
            self.last_decree = keys[0]


def _register_all(doc: Document, notes: list[Footnote], body_lines: list[int], registry: Registry) -> None:
    """First pass: register every dated act, so that nicknames and titles are known."""
    texts = [(n.text, False) for n in notes] + [(doc.line(n), True) for n in body_lines]
    parsed = [(parse_text(text), body) for text, body in texts]
    for p, _ in parsed:
        for m in p.mentions:
            keys, _ = registry.key_for(m)
            if len(keys) == 1 and not m.plural:
                registry.add(keys[0], m)
    registry.pair_partials([m for p, _ in parsed for m in p.mentions])
    # Articles each act is cited with by name (not through a chain): evidence for alternatives.
    for p, body in parsed:
        refs, _ = _attach(p, body=body)
        for ref in refs:
            if ref.mention is not None and ref.locator.article:
                keys, _ = registry.key_for(ref.mention)
                if len(keys) == 1:
                    registry.article_index.setdefault(ref.locator.article, set()).add(keys[0])


# --------------------------------------------------------------------------- main entry

def resolve_citations(doc: Document, notes: list[Footnote], body_start: int) -> CitationIndex:
    """All citations of the circular, footnotes and body, resolved.

    Parameters
    ----------
    doc : Document
        The circular.
    notes : list of Footnote
        Its footnotes (:func:`passerelles.circular.footnotes.parse_footnotes`).
    body_start : int
        First line of the body.

    Returns
    -------
    CitationIndex
        Citations sorted by line, and the act registry.
    """
    registry = Registry()
    note_lines = {n for note in notes for n in note.lines}
    body_lines = [n for n in range(body_start, len(doc.lines) + 1) if n not in note_lines and doc.line(n).strip()]
    _register_all(doc, notes, body_lines, registry)
    # Two passes: the first gathers which articles each act is cited with (evidence),
    # the second checks every Ibidem/Idem reading against that evidence.
    runs: dict[int, int] = {}
    first = _run(doc, notes, body_lines, _Resolver(doc, registry), evidence=None, runs=runs)
    evidence: dict[tuple, dict[str, set[int]]] = {}
    for c in first:
        if c.act and c.locator.article:
            where = runs.get(c.footnote, -c.line) if c.footnote else -c.line
            evidence.setdefault((c.locator.article, c.locator.paragraph), {}).setdefault(c.act, set()).add(where)
    out = _run(doc, notes, body_lines, _Resolver(doc, registry), evidence, runs={})
    out = _check_precite(out, registry, doc)
    for c in out:
        for key in [c.act, c.amended_by, *(a.act for a in c.alternatives)]:
            if key and key not in registry.acts:
                # keys reached only through curated same-day entries
                info = key.split("/")
                registry.add(key, ActMention(type=info[0], date="-".join(info[1:4])))
    out.sort(key=lambda c: (c.line, c.footnote or 0))
    return CitationIndex(registry, out)


def _run(doc: Document, notes: list[Footnote], body_lines: list[int], resolver: _Resolver,
         evidence: dict | None, runs: dict[int, int]) -> list[Citation]:
    """Read notes and body lines in document order.

    ``runs`` receives, for each note, its chain run: a run starts at a note that names an
    act and goes on through the "Ibidem"/"Idem" notes that follow it.
    """
    events: list[tuple[int, str, object]] = [(n.line, "note", n) for n in notes]
    events += [(n, "body", n) for n in body_lines]
    events.sort(key=lambda e: e[0])
    out: list[Citation] = []
    prev = _Previous()
    for _, kind, item in events:
        if kind == "body":
            out.extend(_body_line(doc, item, resolver))
            continue
        parsed = parse_text(item.text)   # once per note and pass
        if names_an_act(parsed, resolver):
            prev.start_run(item.number)
        runs[item.number] = prev.run
        cits = _footnote(doc, item, parsed, resolver, prev, evidence)
        out.extend(cits)
        prev.update(item.number, cits, resolver.registry)
    return out


@dataclass
class _Previous:
    """What an "Ibidem" looks back to: the previous note that cites an act."""

    number: int | None = None
    citations: list[Citation] = field(default_factory=list)
    history: list[str] = field(default_factory=list)   # acts of all earlier citing notes
    run: int = 0
    run_acts: dict[int, str] = field(default_factory=dict)  # run -> its last act
    run_head: int | None = None                              # the note that opened the run

    def start_run(self, number: int) -> None:
        if self.citations:
            self.run_acts[self.run] = self.citations[-1].act
        self.run += 1
        self.run_head = number

    @property
    def acts(self) -> list[str]:
        return list(dict.fromkeys(c.act for c in self.citations if c.act))

    @property
    def last(self) -> Reading | None:
        citing = [c for c in self.citations if c.act]
        return Reading(citing[-1].act, citing[-1].locator) if citing else None

    def update(self, number: int, cits: list[Citation], registry: Registry) -> None:
        citing = [c for c in cits if c.act]
        if citing:
            self.number = number
            self.citations = citing
            self.history.extend(c.act for c in citing if c.act in registry.acts)


def names_an_act(parsed: ParsedText, resolver: _Resolver) -> bool:
    """Whether a note names an act itself (it then opens a new chain run)."""
    return any(resolver.keys(m)[0] for m in parsed.mentions)


def _citation(doc: Document, line: int, footnote: int | None, ref: _Ref, keys: list[str],
              why: str | None, via: str, **extra) -> Citation:
    if keys and ref.other is not None:
        # the place itself can be read two ways: never pick silently
        other_loc, doubt = ref.other
        alternatives = [Reading(k, ref.locator) for k in keys[1:]] + [Reading(keys[0], other_loc)]
        reason = "; ".join(filter(None, [why, doubt]))
        return Citation(doc.id, line, footnote, keys[0], ref.locator, AMBIGUOUS, via, ref.text,
                        tuple(alternatives), reason, **extra)
    if not keys:
        return Citation(doc.id, line, footnote, None, ref.locator, UNRESOLVED, via, ref.text,
                        reason=why, **extra)
    if len(keys) > 1:
        return Citation(doc.id, line, footnote, keys[0], ref.locator, AMBIGUOUS, via, ref.text,
                        tuple(Reading(k, ref.locator) for k in keys[1:]), why, **extra)
    return Citation(doc.id, line, footnote, keys[0], ref.locator, RESOLVED, via, ref.text,
                    reason=why, **extra)


def _amendment_for(ref: _Ref, parsed: ParsedText, resolver: _Resolver) -> dict:
    """The amendment of the act a reference cites: the first "tel que modifié par …" after
    the act's mention and before the next act named (note 200 puts it between the act's
    title and the article; note 106 after the article)."""
    start = ref.mention.end if ref.mention is not None else (ref.group.end if ref.group else 0)
    amending = {id(a.act) for a in parsed.amendments}
    later = [m.start for m in parsed.mentions if m.start > start and id(m) not in amending]
    stop = min(later) if later else len(parsed.text)
    for a in parsed.amendments:
        if start <= a.start < stop:
            keys, _, _ = resolver.keys(a.act)
            if keys:
                return {"amended_by": keys[0], "amendment": a.how, "amending_article": a.article}
    return {}


def _body_line(doc: Document, line_no: int, resolver: _Resolver) -> list[Citation]:
    parsed = parse_text(doc.line(line_no))
    refs, _ = _attach(parsed, body=True)
    out = []
    for ref in refs:
        if ref.mention is None:
            out.append(Citation(doc.id, line_no, None, None, ref.locator, UNRESOLVED, "direct", ref.text,
                                reason="no act is named with this article in its sentence"))
            continue
        keys, why, via = resolver.keys(ref.mention)
        out.append(_citation(doc, line_no, None, ref, keys, why, via, **_amendment_for(ref, parsed, resolver)))
        resolver.note_that(ref.mention, keys)
    return out


def _footnote(doc: Document, note: Footnote, parsed: ParsedText, resolver: _Resolver, prev: _Previous,
              evidence: dict[str, set[str]] | None) -> list[Citation]:
    refs, _ = _attach(parsed, body=False)
    # acts the note names itself: a context act among them is satisfied (note 92)
    named_here = {k for m in parsed.mentions for k in resolver.keys(m)[0]}
    line = note.line
    out: list[Citation] = []
    if parsed.backref and not any(r.mention is None for r in refs) and (parsed.backref_bare or parsed.backref == "idem" or not parsed.groups):
        # "Idem", "Ibidem." alone: the previous citation's act and place
        refs.insert(0, _Ref(None, prev.last.locator if prev.last else Locator(), parsed.text.rstrip(" .")))
    for ref in refs:
        extra = _amendment_for(ref, parsed, resolver)
        if ref.mention is not None:
            keys, why, via = resolver.keys(ref.mention)
            out.append(_citation(doc, line, note.number, ref, keys, why, via, **extra))
            resolver.note_that(ref.mention, keys)
            continue
        if not parsed.backref:
            out.append(Citation(doc.id, line, note.number, None, ref.locator, UNRESOLVED, "direct", ref.text,
                                reason="no act is named in the note", **extra))
            continue
        out.append(_chain(doc, note, ref, parsed.backref, prev, resolver, extra, evidence, named_here))
    return out


def _chain(doc: Document, note: Footnote, ref: _Ref, backref: str, prev: _Previous,
           resolver: _Resolver, extra: dict, evidence: dict[str, set[str]] | None,
           named_here: set[str]) -> Citation:
    """Resolve an Ibidem/Idem reference and check it against its context."""
    via = backref
    prev_acts, prev_number, history = prev.acts, prev.number, prev.history
    if not prev_acts:
        return Citation(doc.id, note.line, note.number, None, ref.locator, UNRESOLVED, via, ref.text,
                        reason=f"{backref.capitalize()} with no earlier note citing an act", **extra)
    act = prev_acts[-1]
    reasons: list[str] = []
    alternatives: list[str] = []
    if len(prev_acts) > 1:
        alternatives += prev_acts[:-1]
        reasons.append(f"the previous citing note ({prev_number}) cites several acts")
    registry = resolver.registry
    reached = registry.acts.get(act)
    if reached is not None and not reached.has_articles and ref.locator.article:
        reasons.append(f"{backref.capitalize()} reaches {reached.label()} (note {prev_number}), "
                       f"which has no articles, yet the note cites art. {ref.locator.article}")
        alternatives += [k for k in reversed(history) if resolver.registry.acts[k].has_articles][:1]
        alternatives += _acts_citing_article(resolver, ref.locator.article, exclude=act)
    context = _context_acts(doc, note, resolver)
    # A context act the note itself names (note 92 cites the décret « Missions » too) is satisfied.
    if context and act not in context and not set(context) & named_here:
        names = ", ".join(registry.acts[k].label() if k in registry.acts else k for k in context)
        reasons.append(f"{backref.capitalize()} follows note {prev_number} ({_label(registry, act)}), "
                       f"but the sentence that carries note {note.number} names {names}")
        alternatives += context
        if ref.locator.article:
            alternatives += _acts_citing_article(resolver, ref.locator.article, exclude=act)
    article = ref.locator.article
    if article and prev.citations and all(c.locator.is_empty() for c in prev.citations):
        # note 238 names a decree without citing any article; what follows it cites articles
        reasons.append(f"{backref.capitalize()} follows note {prev_number}, which names "
                       f"{_label(registry, act)} without citing any of its articles")
        alternatives += sorted(k for k in (evidence or {}).get((article, ref.locator.paragraph), {}) if k != act)
        alternatives += [k for k in reversed(history[:-len(prev.citations)] if prev.citations else history)
                         if k != act and registry.acts[k].has_articles][:1]
    elif article and evidence is not None and prev.run - 1 in prev.run_acts:
        # The chain restarted at a note naming another act (note 224), yet this place is
        # cited elsewhere only as a place of the act the previous run cited (décret 1991).
        before = prev.run_acts[prev.run - 1]
        seen = evidence.get((article, ref.locator.paragraph), {})
        if before != act and seen.get(before, set()) - {prev.run} and not seen.get(act, set()) - {prev.run}:
            place = format_locator(replace(ref.locator, alinea=None, point=None))
            reasons.append(f"{place} is cited elsewhere in the circular as a place of "
                           f"{_label(registry, before)}, never of {_label(registry, act)} "
                           f"named by note {prev.run_head}")
            alternatives.append(before)
    inherited = [c for c in prev.citations if c.status == AMBIGUOUS and c.act == act]
    if inherited and not reasons:
        reasons.append(f"{backref.capitalize()} repeats note {prev_number}, itself ambiguous")
        alternatives += [a.act for c in inherited for a in c.alternatives if a.act]
    alternatives = [a for a in dict.fromkeys(alternatives) if a != act]
    if reasons:
        return Citation(doc.id, note.line, note.number, act, ref.locator, AMBIGUOUS, via, ref.text,
                        tuple(Reading(a, ref.locator) for a in alternatives), "; ".join(reasons), **extra)
    return Citation(doc.id, note.line, note.number, act, ref.locator, RESOLVED, via, ref.text, **extra)


def _label(registry: Registry, key: str) -> str:
    return registry.acts[key].label() if key in registry.acts else key


def _context_acts(doc: Document, note: Footnote, resolver: _Resolver) -> list[str]:
    """Acts named, without an article of their own, in the sentence carrying the note."""
    keys: list[str] = []
    for anchor in note.anchors:
        parsed = parse_text(_sentence_before(doc.line(anchor), note.number))
        refs, _ = _attach(parsed, body=True)
        for ref in refs:
            if ref.mention is None or not ref.locator.is_empty():
                continue
            found, _, _ = resolver.keys(ref.mention)
            keys += found[:1]
    return list(dict.fromkeys(keys))


def _acts_citing_article(resolver: _Resolver, article: str, exclude: str) -> list[str]:
    """The one other act that the corpus cites directly with this article, if exactly one."""
    seen = resolver.registry.article_index.get(article, set()) - {exclude}
    return sorted(seen) if len(seen) == 1 else []


def _check_precite(citations: list[Citation], registry: Registry, doc: Document) -> list[Citation]:
    """Check every "précité": was the act really cited before? (It may have another date.)"""
    first_line: dict[str, int] = {}
    for c in citations:
        if c.act and c.status != UNRESOLVED:
            first_line.setdefault(c.act, c.line)
    out = []
    for c in citations:
        if c.via != "precite" or not c.act or first_line.get(c.act, c.line) < c.line or c.reason:
            out.append(c)
            continue
        act = registry.acts.get(c.act)
        same = [k for t in (act.titles if act else []) for k in registry.by_title(t, act.type)
                if k != c.act and first_line.get(k, c.line) < c.line]
        if same:
            other = registry.acts[same[0]]
            out.append(replace(c, status=AMBIGUOUS, alternatives=(Reading(same[0], c.locator),),
                               reason=f"« précité », but no act of that date is cited before; the circular earlier "
                                      f"names an act with the same title dated {other.date} (line {first_line[same[0]]})"))
        else:
            out.append(replace(c, reason="« précité », but the act is not cited earlier in the circular"))
    return out
