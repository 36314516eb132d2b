"""Resolving citations: which act and which place each reference of the circular designates.

Every reference is read where it stands — a footnote, or a sentence of the body (a
paragraph's lines are joined across page breaks, :mod:`passerelles.circular.paragraphs`):

- a reference that names its act (``Décret du 3 juillet 1991``, ``… précité``,
  ``décret « Missions »``, an act found by its title or its number) is ``resolved``;
- "Ibidem" takes the act of the previous note that cites one (prose notes are skipped),
  "Idem" and a bare "Ibidem." also take its place;
- a body article with no act (``visé à l'article 2bis, §1er, 1°``) has only evidence.

The evidence (:mod:`passerelles.legal.evidence`) is then weighed for every reference that
does not name its act alone: the sentence that carries the note, the notes anchored in the
same sentence, the other citations of the same place, notes with the very same words, the
section's other citations. A reading is ``resolved`` when the evidence agrees with it (or,
for a body article, when it points to one act only), ``ambiguous`` when it disagrees —
the readings then ranked, the most likely first, ``via`` naming the evidence that put it
first and ``reason`` citing every clue with its lines — and ``unresolved`` when nothing
points to an act. Evidence is gathered from settled readings only, and a note's own chain
run never counts as evidence for itself; the rounds repeat until no reading changes.

Acts named inside another act's title (``exécutant le décret du …``) are not citations:
they are :class:`TitleMention` records. Slips of the text the resolution meets (an act
given two dates) are :class:`Slip` records, which ``passerelles check`` reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..circular.footnotes import Footnote
from ..circular.paragraphs import Paragraph, body_paragraphs
from ..circular.structure import Division, division_at, parse_structure
from ..circular.superscripts import SUPERSCRIPT_RUN, superscript_to_int
from ..corpus import Document
from .acts import Registry, french_date
from .evidence import Clue, Evidence, Observation, deciding, group_of, rank
from .grammar import ActMention, Locator, LocatorGroup, ParsedText, normalize, parse_text, sentence_spans

RESOLVED, AMBIGUOUS, UNRESOLVED = "resolved", "ambiguous", "unresolved"
#: How the act of a citation was found from its own words.
NAMED_VIAS = ("direct", "precite", "nickname", "title", "number")
_MAX_ROUNDS = 10   # the rounds stop as soon as no reading changes (four here)


@dataclass(frozen=True)
class Reading:
    """One possible reading of a citation: an act and a place in it, and the evidence for it."""

    act: str | None
    locator: Locator
    via: str | None = None


@dataclass(frozen=True)
class Citation:
    """One citation occurrence: a place of the corpus that cites a provision or an act."""

    document: str
    line: int                                 # the line of the cited words
    footnote: int | None
    act: str | None
    locator: Locator
    status: str
    via: str                                  # how the text names the act, or the evidence that decided
    text: str
    alternatives: tuple[Reading, ...] = ()    # other readings, most likely first
    reason: str | None = None
    amended_by: str | None = None
    amendment: str | None = None              # modified | inserted
    amending_article: str | None = None
    amendment_line: int | None = None         # the line of "tel que modifié par …"


@dataclass(frozen=True)
class TitleMention:
    """An act (or one of its articles) named inside the title of another act: not a citation.

    ``relation``: ``executes`` (``exécutant le décret du …``), ``amends`` (``modifiant
    l'arrêté …``) or ``names`` (a circular's title that names an act or an article).
    """

    document: str
    line: int
    footnote: int | None
    act: str                                  # the act whose title it is
    named: str                                # the act its title names
    locator: Locator
    relation: str
    text: str


@dataclass(frozen=True)
class Slip:
    """A slip of the text met while resolving (an act given two dates), with every line."""

    kind: str
    message: str
    acts: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass
class CitationIndex:
    """All citations of a document, the registry of the acts they cite, the acts named in
    other acts' titles, and the slips of the text."""

    registry: Registry
    citations: list[Citation] = field(default_factory=list)
    title_mentions: list[TitleMention] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)


# --------------------------------------------------------------------------- texts

@dataclass
class _Text:
    """A footnote or a body paragraph, parsed, with the way back to its lines."""

    parsed: ParsedText
    lines: tuple[int, ...]
    norm_lines: tuple[str, ...]               # each own line, normalised
    starts: tuple[int, ...] | None = None     # offset of each line in parsed.text (body)
    note: Footnote | None = None
    anchors: list[tuple[int, int]] = field(default_factory=list)   # (note number, offset)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def order(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int, snippet: str = "") -> int:
        """The line of the words at ``offset`` (found by their first words when offsets drift)."""
        if self.starts is not None:
            return self.lines[max(i for i, s in enumerate(self.starts) if s <= offset)]
        probe = snippet.strip()[:18]
        for n, text in zip(self.lines, self.norm_lines):
            if probe and probe in text:
                return n
        return next((n for n, t in zip(self.lines, self.norm_lines) if t), self.lines[0])

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (an anchor just after a full stop belongs to it)."""
        for a, b in self.sentences:
            if a <= offset <= b + 1:
                return a, b
        return 0, len(self.parsed.text)


def _note_text(doc: Document, note: Footnote) -> _Text:
    own = []
    for i, n in enumerate(note.lines):
        raw = doc.line(n).strip()
        if i == 0:
            raw = re.sub(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+)\s*", "", raw, count=1)
        own.append(normalize(raw))
    return _Text(parse_text(note.text), note.lines, tuple(own), note=note)


def _body_text(par: Paragraph) -> _Text:
    norm = [normalize(t) for t in par.texts]
    joined = " ".join(t for t in norm if t)
    parsed = parse_text(joined)
    starts = None
    if parsed.text == joined:
        starts, pos = [], 0
        for t in norm:
            starts.append(pos)
            pos += len(t) + (1 if t else 0)
    text = _Text(parsed, par.lines, tuple(norm), tuple(starts) if starts else None)
    for i, raw in enumerate(par.texts):
        base = starts[i] if starts else 0
        for m in SUPERSCRIPT_RUN.finditer(raw):
            text.anchors.append((superscript_to_int(m.group()), base + len(normalize(raw[:m.start()]))))
    text.sentences = sentence_spans(parsed.text)
    return text


# --------------------------------------------------------------------------- references

@dataclass
class _Ref:
    """A reference before resolution: a mention (or back reference) and a locator."""

    mention: ActMention | None
    locator: Locator
    text: str
    start: int
    group: LocatorGroup | None = None
    other: tuple[Locator, str] | None = None   # another reading of the place, and why
    remark: str | None = None


def _attach(parsed: ParsedText, body: bool) -> list[_Ref]:
    """Pair locator groups with the mention they belong to.

    Mentions inside another act's title and amending acts ("tel que modifié par …") are not
    references; a lone "§ 3" that a garbled note repeats before "article 24, §3" (note 163)
    is one reference, with a remark.
    """
    amend_ids = {id(a.act) for a in parsed.amendments}
    targets = [m for m in parsed.mentions if id(m) not in amend_ids and not parsed.in_title(m)]
    target_ids = {id(m) for m in targets}
    refs: list[_Ref] = []
    attached: set[int] = set()
    groups = [g for g in parsed.groups if not g.in_quotes and g.title_of is None]
    for gi, g in enumerate(groups):
        target = g.forward if g.forward is not None and id(g.forward) in target_ids else None
        if target is None and g.forward is None:
            before = [m for m in targets if m.end <= g.start]
            if before and (not body or g.start - before[-1].end <= 12):
                target = before[-1]
        if target is None and body and re.search(r"\s-\s", parsed.text[g.end:g.end + 3]):
            continue  # table row "Article 45 - Habillement": a name, not a citation
        if not body and _garbled(g, groups[gi + 1:]):
            continue
        if target is not None:
            attached.add(id(target))
        for i, loc in enumerate(g.locators):
            remark = g.remarks.get(i)
            if not body and any(_garbled(earlier, [g]) for earlier in groups[:gi]):
                remark = (f"the note is garbled (« {_garbled_words(parsed, groups[:gi], g)} »): the lone "
                          f"§{loc.paragraph} before it repeats the paragraph of art. {loc.article}; one citation")
            refs.append(_Ref(target, loc, _span(parsed, target, g), g.start, g, g.guesses.get(i), remark))
    for m in targets:
        if id(m) not in attached:
            refs.append(_Ref(m, Locator(), m.text.strip(), m.start))
    refs.sort(key=lambda r: r.start)
    return refs


def _garbled(group: LocatorGroup, later: list[LocatorGroup]) -> bool:
    """A paragraph cited without its article, repeated by a later group of the same note."""
    if len(group.locators) != 1 or group.locators[0].article or not group.locators[0].paragraph:
        return False
    para = group.locators[0].paragraph
    return any(loc.article and loc.paragraph == para for g in later for loc in g.locators)


def _garbled_words(parsed: ParsedText, earlier: list[LocatorGroup], group: LocatorGroup) -> str:
    start = next(g.start for g in earlier if _garbled(g, [group]))
    return parsed.text[start:group.end].strip(" ,.")


def _span(parsed: ParsedText, mention: ActMention | None, group: LocatorGroup) -> str:
    if mention is None:
        start = 0 if parsed.backref else group.start
        return parsed.text[start:group.end].strip(" ,.")
    start, end = min(mention.start, group.start), max(mention.end, group.end)
    if parsed.text[:start].endswith("« "):   # « articles 45 et 49 » du décret « Missions »
        start -= 2
    return parsed.text[start:end].strip(" ,.")


class _Namer:
    """The acts a mention names, read in document order ("le décret précité" is the last
    decree named before it)."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.last_decree: tuple[str, int] | None = None   # (key, line)

    def keys(self, m: ActMention) -> tuple[list[str], str | None, str]:
        """Candidate act keys, the reason when not exactly one (or a remark), and the via."""
        registry = self.registry
        if m.date and m.type:
            keys, why = registry.key_for(m)
            if m.plural and keys:
                why = (f"the text names {m.count} acts of this date together ({m.text.strip()!r}) without "
                       f"telling them apart: the key stands for all of them")
            return keys, why, "precite" if m.precite else "direct"
        if m.type == "circulaire" and m.number:
            keys, why = registry.key_for(m)
            return keys, why, "number"
        partial = registry.by_partial(m)
        if partial:
            missing = "date" if m.date is None else "kind of act"
            return [partial], f"the {missing} is not written here; identified by the title shared with another mention", "title"
        if m.nickname and not m.date:
            key = registry.by_nickname(m.nickname)
            if key:
                return [key], None, "nickname"
            return [], f"no dated mention gives the act called « {m.nickname} »", "nickname"
        if m.bare_precite:
            if self.last_decree:
                key, line = self.last_decree
                return [key], f"« {m.text.strip()} »: read as the last decree named before it (line {line})", "precite"
            return [], f"« {m.text.strip()} » with no decree named before it", "precite"
        # "arrêté du 6 novembre 2018" / "arrêté d'application du 15 mars 1993": type not said
        hits = registry.by_title(m.title or "")
        if len(hits) == 1:
            return hits, "the kind of act is not written here; identified by its title", "title"
        return [], f"the kind of act is not stated ({m.text.strip()!r})", "direct"

    def saw(self, m: ActMention, keys: list[str], line: int) -> None:
        if len(keys) == 1 and keys[0].startswith("decret/") and not m.bare_precite:
            self.last_decree = (keys[0], line)


@dataclass
class _Unit:
    """One reference to resolve, with everything the evidence needs."""

    uid: int
    text: _Text
    ref: _Ref
    line: int
    keys: list[str]
    why: str | None
    via: str                     # a NAMED_VIAS value, "ibidem"/"idem", or "none"
    amendment: dict
    anchor_line: int             # where it stands in the body (a note: its first anchor)
    division: Division | None
    chapter: str | None
    run: int | None = None

    @property
    def footnote(self) -> int | None:
        return self.text.note.number if self.text.note else None

    @property
    def passage(self) -> str:
        return f"note {self.footnote}" if self.text.note else f"line {self.line}"


@dataclass(frozen=True)
class _Decision:
    act: str | None
    locator: Locator
    status: str
    via: str
    alternatives: tuple[Reading, ...] = ()
    reason: str | None = None


# --------------------------------------------------------------------------- main entry

def resolve_citations(doc: Document, notes: list[Footnote], body_start: int) -> CitationIndex:
    """All citations of the circular, footnotes and body, resolved on the evidence of the text.

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
        Citations sorted by line, the act registry, the acts named in titles and the slips.

    Examples
    --------
    >>> from passerelles.corpus import load_corpus
    >>> from passerelles.circular.footnotes import parse_footnotes
    >>> from passerelles.circular.structure import body_start
    >>> doc = load_corpus().circular
    >>> index = resolve_citations(doc, parse_footnotes(doc.lines, body_start(doc.lines)), body_start(doc.lines))
    >>> [(c.act, c.locator.article, c.status, c.via) for c in index.citations if c.line == 694]
    [('decret/1991/07/03', '2bis', 'resolved', 'place')]
    >>> [c.act for c in index.citations if c.footnote == 225], [a.act for c in index.citations if c.footnote == 225
    ...                                                         for a in c.alternatives]
    (['decret/1991/07/03'], ['decret/2019/03/14/organisation-travail'])
    """
    divisions = parse_structure(doc.lines)
    note_lines = {n for note in notes for n in note.lines}
    texts = [_note_text(doc, n) for n in notes]
    texts += [_body_text(p) for p in body_paragraphs(doc.lines, body_start, note_lines)]
    texts.sort(key=lambda t: (t.order, t.note is None))
    registry = Registry()
    merged = _register(texts, registry)
    units, titles = _units(doc, texts, registry, divisions)
    world = _World(doc, texts, units, registry, divisions)
    decisions = world.decide()
    citations = [_citation(doc, u, decisions[u.uid]) for u in units]
    citations = _check_precite(citations, registry)
    slips = _adoption_slips(merged, units, registry)
    remarks = {s.acts[1]: s for s in slips if s.kind == "act-date-mismatch"}
    citations = [_with_adoption_remark(c, u, remarks) for c, u in zip(citations, units)]
    slips += _citation_slips(citations, world)
    for c in citations:
        for key in [c.act, c.amended_by, *(a.act for a in c.alternatives)]:
            if key and key not in registry.acts:
                info = key.split("/")
                registry.add(key, ActMention(type=info[0], date="-".join(info[1:4])))
    citations.sort(key=lambda c: (c.line, c.footnote or 0))
    return CitationIndex(registry, citations, titles, slips)


def _register(texts: list[_Text], registry: Registry) -> list[tuple[str, str]]:
    """First pass: register every dated act, so that nicknames, titles and numbers are known."""
    mentions = [m for t in texts for m in t.parsed.mentions]
    for m in mentions:
        keys, _ = registry.key_for(m)
        if len(keys) == 1:
            registry.add(keys[0], m)
    registry.pair_partials(mentions)
    return registry.merge_adoption_dates(mentions)


def _units(doc: Document, texts: list[_Text], registry: Registry,
           divisions: list[Division]) -> tuple[list[_Unit], list[TitleMention]]:
    """Every reference of the circular in document order, and the acts named in titles."""
    namer = _Namer(registry)
    units: list[_Unit] = []
    titles: list[TitleMention] = []
    for t in texts:
        parsed, body = t.parsed, t.note is None
        refs = _attach(parsed, body)
        if not body and parsed.backref and not any(r.mention is None for r in refs) \
                and (parsed.backref_bare or parsed.backref == "idem" or not parsed.groups):
            # "Idem", "Ibidem." alone: the previous citation's act and place
            refs.insert(0, _Ref(None, Locator(), parsed.text.rstrip(" ."), 0))
        anchor = (t.note.anchors[0] if t.note and t.note.anchors else t.order)
        for ref in refs:
            line = t.line_at(ref.start, ref.text)
            if ref.mention is not None:
                keys, why, via = namer.keys(ref.mention)
                namer.saw(ref.mention, keys, line)
            else:
                keys, why, via = [], None, parsed.backref if (parsed.backref and not body) else "none"
            where = anchor if not body else line
            division = division_at(divisions, where)
            units.append(_Unit(len(units), t, ref, line, keys, why, via, _amendment_for(ref, t, namer),
                               where, division, division.path.split("__")[0] if division else None))
        for link in parsed.title_links:
            outer, _, _ = namer.keys(link.outer)
            inner, _, _ = namer.keys(link.inner)
            if len(outer) == 1 and len(inner) == 1:
                for loc in link.locators or (Locator(),):
                    line = t.line_at(link.inner.start, link.inner.text)
                    titles.append(TitleMention(doc.id, line, t.note.number if t.note else None, outer[0], inner[0],
                                               loc, link.relation, link.inner.text.strip()))
    return units, titles


def _amendment_for(ref: _Ref, t: _Text, namer: _Namer) -> dict:
    """The amendment of the act a reference cites: the first "tel que modifié par …" after
    the act's mention and before the next act cited (note 200 puts it between the act's
    title and the article, note 106 after the article; at line 1256 the loi-programme named
    in the arrêté's title comes between)."""
    parsed = t.parsed
    start = ref.mention.end if ref.mention is not None else (ref.group.end if ref.group else 0)
    amending = {id(a.act) for a in parsed.amendments}
    later = [m.start for m in parsed.mentions
             if m.start > start and id(m) not in amending and not parsed.in_title(m)]
    stop = min(later) if later else len(parsed.text)
    for a in parsed.amendments:
        if start <= a.start < stop:
            keys, _, _ = namer.keys(a.act)
            if keys:
                return {"amended_by": keys[0], "amendment": a.how, "amending_article": a.article,
                        "amendment_line": t.line_at(a.act.start, a.act.text)}
    return {}


# --------------------------------------------------------------------------- evidence

class _World:
    """The units and what the text around them says; decides every reading, round by round."""

    def __init__(self, doc: Document, texts: list[_Text], units: list[_Unit], registry: Registry,
                 divisions: list[Division]):
        self.doc = doc
        self.units = units
        self.registry = registry
        self.divisions = {d.path: d for d in divisions}
        self.body = [t for t in texts if t.note is None]
        # superscripts that are the anchors of notes (not a table's own "maintien¹", l. 1717)
        real = {(t.note.number, a) for t in texts if t.note is not None for a in t.note.anchors}
        self.anchored: dict[int, list[tuple[_Text, int]]] = {}
        for t in self.body:
            t.anchors = [(n, o) for n, o in t.anchors if (n, t.line_at(o)) in real]
            for number, offset in t.anchors:
                self.anchored.setdefault(number, []).append((t, offset))
        self.by_note: dict[int, list[_Unit]] = {}
        self.of_text: dict[int, list[_Unit]] = {}      # id of a text -> its units: a sentence's neighbours
        for u in units:
            self.of_text.setdefault(id(u.text), []).append(u)
            if u.footnote is not None:
                self.by_note.setdefault(u.footnote, []).append(u)
        self._labels: dict[str, str] = {}
        self._runs()

    def label(self, key: str) -> str:
        if key not in self._labels:       # asked for every clue: written once per act
            self._labels[key] = self._label(key)
        return self._labels[key]

    def _label(self, key: str) -> str:
        act = self.registry.acts.get(key)
        if act is None:
            return key
        if key.count("/") == 4 and act.title and not act.number:
            return f"{act.label()} ({act.title[:60]}{'…' if len(act.title) > 60 else ''})"
        return act.label()

    def _runs(self) -> None:
        """A run starts at a note that names an act and goes on through its Ibidem/Idem notes."""
        run = 0
        for number in sorted(self.by_note):
            units = self.by_note[number]
            if any(u.via in NAMED_VIAS and u.keys for u in units):
                run += 1
            for u in units:
                u.run = run

    # ----------------------------------------------------------------- rounds

    def decide(self) -> dict[int, _Decision]:
        previous: dict[int, _Decision] | None = None
        for _ in range(_MAX_ROUNDS):
            observations = self._observations(previous)
            decisions: dict[int, _Decision] = {}
            chain = _Chain()
            self.interrupted: dict[int, tuple[str, int, int]] = {}   # run -> (act, its last note, head)
            streak: list[tuple[str, int]] = []      # the Ibidem/Idem notes since the last named note
            block_from: tuple[str, int] | None = None
            for number in sorted(self.by_note):
                units = self.by_note[number]
                named = any(u.keys for u in units)
                if named:
                    # a run of at least three Ibidem notes of one act, then notes naming other acts:
                    # the runs those notes open interrupt the citations of that act
                    if len(streak) >= 3 and len({a for a, _ in streak}) == 1:
                        block_from = streak[-1]
                    streak = []
                    if block_from:
                        self.interrupted[units[0].run] = (*block_from, number)
                for u in units:
                    decisions[u.uid] = self._note(u, chain, observations)
                chain.update(number, [(u, decisions[u.uid]) for u in units])
                chained = [decisions[u.uid].act for u in units if u.via in ("ibidem", "idem") and decisions[u.uid].act]
                if chained and not named:
                    streak.append((chained[-1], number))
                    block_from = None
            for u in self.units:
                if u.footnote is None:
                    decisions[u.uid] = self._body(u, observations, decisions)
            if decisions == previous:
                break
            previous = decisions
        return previous

    def _observations(self, decisions: dict[int, _Decision] | None) -> "_Observations":
        """Settled readings as evidence: names, and resolved chains; never a reading that
        evidence alone produced (it would vouch for itself)."""
        out = _Observations()
        for u in self.units:
            if decisions is None:
                act = u.keys[0] if len(u.keys) == 1 else None
                settled = act is not None
            else:
                d = decisions[u.uid]
                act, settled = d.act, d.status == RESOLVED and d.via in (*NAMED_VIAS, "ibidem", "idem")
                if settled and d.locator != u.ref.locator and u.ref.locator.article:
                    settled = False
            if act and settled:
                loc = decisions[u.uid].locator if decisions else u.ref.locator
                out.add(u, Observation(act, loc, u.passage, u.run, u.chapter,
                                       u.division.path if u.division else None))
        return out

    def _evidence(self, u: _Unit, observations: "_Observations", locator: Locator) -> list[Clue]:
        """Clues from the other citations: the same place, the same section (never the
        citation's own note run or body line)."""
        own = group_of(u.run, u.passage)
        clues = observations.evidence.place_clues(locator, u.chapter, self.label, without=own)
        if u.division is not None:
            clues += observations.evidence.section_clues(u.division.path, u.division.heading, self.label,
                                                         without=own)
        return clues

    # ----------------------------------------------------------------- footnotes

    def _note(self, u: _Unit, chain: "_Chain", observations) -> _Decision:
        if u.keys:
            return self._named(u, observations, {})
        if u.via not in ("ibidem", "idem"):
            return _Decision(None, u.ref.locator, UNRESOLVED, "direct", reason="no act is named in the note")
        backref = u.via
        locator = u.ref.locator if (u.ref.locator.article or u.ref.locator.paragraph) else chain.locator
        if not chain.acts:
            return _Decision(None, locator, UNRESOLVED, backref,
                             reason=f"{backref.capitalize()} with no earlier note citing an act")
        targets = chain.acts
        clues: list[Clue] = []
        for act in targets:
            weight = 1 if len(targets) > 1 or not chain.with_article.get(act) else 2
            what = "cites" if chain.with_article.get(act) else "names, without citing any of its articles,"
            clues.append(Clue(backref, act, weight, f"{backref.capitalize()} follows note {chain.number}, "
                                                    f"which {what} {self.label(act)}"))
        for alt in chain.inherited:
            clues.append(Clue(backref, alt, 1, f"note {chain.number} may also be read as {self.label(alt)}"))
        named_here = {k for v in self.by_note[u.footnote] for k in v.keys}
        clues += self._anchored_sentence(u, named_here)
        clues += self._same_text(u, observations)
        clues += self._evidence(u, observations, locator)
        interrupted = self.interrupted.get(u.run)
        if interrupted and interrupted[0] not in targets:
            act, last, head = interrupted
            clues.append(Clue("run", act, 1, f"note {head} names another act in the middle of citations of "
                                             f"{self.label(act)} (up to note {last})"))
        impossible = [a for a in dict.fromkeys(c.act for c in clues)
                      if locator.article and a in self.registry.acts and not self.registry.acts[a].has_articles]
        clues = [c for c in clues if c.act not in impossible]
        # an act the chain does not reach is a reading only on strong evidence
        contenders = {a for a in {c.act for c in clues} - set(targets)
                      if _contradicts([c for c in clues if c.act == a])}
        clues = [c for c in clues if c.act in targets or c.act in contenders]
        ranked = rank(clues, targets)
        reasons = []
        for act in impossible:
            reasons.append(f"{backref.capitalize()} reaches {self.label(act)} (note {chain.number}), which has "
                           f"no articles, yet the note cites art. {locator.article}")
        strong = contenders
        if chain.ambiguous:
            reasons.append(f"{backref.capitalize()} repeats note {chain.number}, itself ambiguous")
        if not ranked:
            act = impossible[0] if impossible else targets[-1]
            return _Decision(act, locator, AMBIGUOUS, backref, (), "; ".join(reasons))
        top_act = ranked[0][0]
        close = len(targets) > 1 and len(ranked) > 1 and ranked[1][0] in targets and ranked[0][1] - ranked[1][1] < 2
        if top_act in targets and not (impossible or strong or chain.ambiguous or close):
            extra = [c.detail for c in ranked[0][2] if c.kind not in ("ibidem", "idem")] if len(targets) > 1 else []
            reason = "; ".join([f"the previous citing note ({chain.number}) cites several acts", *extra]) if extra else None
            return _Decision(top_act, locator, RESOLVED, backref, (), reason)
        return self._ambiguous(ranked, locator, targets + chain.inherited + impossible, backref, reasons, u.ref)

    def _anchored_sentence(self, u: _Unit, named_here: set[str]) -> list[Clue]:
        """Acts named in the sentence that carries the note (not those the note names itself)."""
        clues = []
        for t, offset in self.anchored.get(u.footnote, []):
            a, b = t.sentence_of(offset)
            for ref in _attach(t.parsed, body=True):
                if ref.mention is None or not a <= ref.start < b:
                    continue
                keys = self.registry.key_for(ref.mention)[0] if ref.mention.date else []
                keys = keys or [k for k in self._named_keys(t, ref)]
                for key in keys[:1]:
                    if key in named_here:
                        continue
                    own = ref.locator.article is not None
                    line = t.line_at(ref.start, ref.text)
                    clues.append(Clue("sentence", key, 1 if own else 2,
                                      f"the sentence that carries note {u.footnote} names {self.label(key)}"
                                      f"{' with an article of its own' if own else ''} (line {line})"))
        return _unique(clues)

    def _named_keys(self, t: _Text, ref: _Ref) -> list[str]:
        unit = next((v for v in self.of_text.get(id(t), ()) if v.ref.start == ref.start), None)
        return unit.keys if unit and len(unit.keys) == 1 else []

    def _same_text(self, u: _Unit, observations) -> list[Clue]:
        """Other notes with the very same words (note 235 repeats note 219 word for word)."""
        return [Clue("same-text", o.act, 3, f"note {v.footnote} has the very same words and cites {self.label(o.act)}")
                for v, o in observations.same_words(u)]

    # ----------------------------------------------------------------- named references

    def _named(self, u: _Unit, observations, decisions) -> _Decision:
        reason = "; ".join(filter(None, [u.why, u.ref.remark]))
        if len(u.keys) == 1:
            return self._with_other_place(_Decision(u.keys[0], u.ref.locator, RESOLVED, u.via, (), reason or None), u)
        # several acts share this date (two decrees of 14 March 2019): the evidence chooses
        clues = [c for c in self._evidence(u, observations, u.ref.locator) + self._anchored_notes(u, decisions)
                 if c.act in u.keys]
        ranked = rank(clues, u.keys)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < 2):
            act, _, cs = ranked[0]
            why = f"{u.why}; " + "; ".join(c.detail for c in cs)
            return self._with_other_place(_Decision(act, u.ref.locator, RESOLVED, deciding(cs).kind, (), why), u)
        ranked += [(k, 0, []) for k in u.keys if k not in [r[0] for r in ranked]]
        return self._ambiguous(ranked, u.ref.locator, list(u.keys), u.via, [u.why], u.ref)

    def _with_other_place(self, d: _Decision, u: _Unit) -> _Decision:
        """A place the text lets read two ways (``articles 9, §§1er, 10 et 11``) keeps both."""
        if u.ref.other is None or d.act is None:
            return d
        other_loc, doubt = u.ref.other
        alternatives = d.alternatives + (Reading(d.act, other_loc, d.via),)
        return replace(d, status=AMBIGUOUS, alternatives=alternatives,
                       reason="; ".join(filter(None, [d.reason, doubt])))

    # ----------------------------------------------------------------- body text

    def _anchored_notes(self, u: _Unit, decisions: dict[int, _Decision]) -> list[Clue]:
        """Acts cited by the notes anchored in the reference's own sentence."""
        t = u.text
        if t.note is not None:
            return []
        a, b = t.sentence_of(u.ref.start)
        clues = []
        for number, offset in t.anchors:
            if not a <= offset <= b + 1:
                continue
            for v in self.by_note.get(number, []):
                d = decisions.get(v.uid)
                if d and d.act and d.status == RESOLVED:
                    clues.append(Clue("note", d.act, 2, f"note {number}, anchored in this sentence, cites "
                                                        f"{self.label(d.act)}"))
        return _unique(clues)

    def _body(self, u: _Unit, observations, decisions) -> _Decision:
        if u.keys:
            return self._named(u, observations, decisions)
        if u.via != "none":
            return _Decision(None, u.ref.locator, UNRESOLVED, u.via, reason=u.why)
        t = u.text
        a, b = t.sentence_of(u.ref.start)
        clues = []
        for v in self.of_text[id(t)]:
            if v is not u and v.keys and len(v.keys) == 1 and a <= v.ref.start < b \
                    and v.via in NAMED_VIAS and v.ref.locator.is_empty():
                clues.append(Clue("sentence", v.keys[0], 3, f"the sentence names {self.label(v.keys[0])} "
                                                            f"(line {v.line})"))
        clues = _unique(clues) + self._anchored_notes(u, decisions) + self._evidence(u, observations, u.ref.locator)
        ranked = rank(clues)
        lead = "no act is named with this article in its sentence"
        if not ranked or ranked[0][1] < 2:
            weak = "; ".join(c.detail for c in clues)
            return _Decision(None, u.ref.locator, UNRESOLVED, "none",
                             reason=f"{lead}{'; only weak evidence: ' + weak if weak else ''}")
        if len(ranked) == 1 or ranked[1][1] < 2:
            act, _, cs = ranked[0]
            reason = f"{lead}; " + "; ".join(c.detail for c in sorted(cs, key=lambda c: -c.weight))
            return self._with_other_place(_Decision(act, u.ref.locator, RESOLVED, deciding(cs).kind, (), reason), u)
        return self._ambiguous(ranked, u.ref.locator, [], "none", [lead], u.ref)

    # ----------------------------------------------------------------- ambiguity

    def _ambiguous(self, ranked, locator: Locator, pointed: list[str], via: str, reasons: list[str],
                   ref: _Ref) -> _Decision:
        """Readings ranked by their evidence, the most likely first; the reason cites every clue."""
        listed = [(act, score, cs) for act, score, cs in ranked
                  if any(c.weight >= 2 for c in cs) or act in pointed or act == ranked[0][0]]
        for act in dict.fromkeys(pointed):
            if act not in [r[0] for r in listed]:
                listed.append((act, 0, []))
        top_act, top_score, top_clues = listed[0]
        primary_via = deciding(top_clues).kind if top_clues else via
        details = [c.detail for _, _, cs in listed for c in sorted(cs, key=lambda c: -c.weight)]
        why = "; ".join(filter(None, [*reasons, *dict.fromkeys(details)]))
        why += f" — read first as {self.label(top_act)}" if len(listed) > 1 else ""
        alternatives = tuple(Reading(act, locator, deciding(cs).kind if cs else via) for act, _, cs in listed[1:])
        d = _Decision(top_act, locator, AMBIGUOUS, primary_via, alternatives, why)
        if ref.other is not None:
            other_loc, doubt = ref.other
            d = replace(d, alternatives=d.alternatives + (Reading(top_act, other_loc, primary_via),),
                        reason=f"{d.reason}; {doubt}")
        return d


def _contradicts(clues: list[Clue]) -> bool:
    """Whether the clues for an act the chain does not reach are strong enough to doubt the
    chain: the sentence carrying the note names it, a note with the same words cites it, or
    the place is cited as its place while the chain was restarted amid its citations (a
    place alone is no proof: every act has an article 4)."""
    kinds = {c.kind for c in clues if c.weight >= 2}
    return bool(kinds & {"sentence", "same-text"}) or {"place", "run"} <= {c.kind for c in clues}


class _Observations:
    """The settled readings of a round, ``(unit, observation)``, indexed for the clues that
    read them: by article and section (:class:`Evidence`), by a note's words."""

    def __init__(self):
        self.evidence = Evidence()
        self._words: dict[str, dict[str, list]] = {}     # words of a note -> act -> (order, reading)
        self._added = 0                                  # readings so far: their order

    def add(self, unit: _Unit, observation: Observation) -> None:
        self.evidence.add(observation)
        if unit.footnote is not None and unit.text.parsed.groups:    # "Ibidem." alone has no words of its own
            by_act = self._words.setdefault(_words(unit), {})
            by_act.setdefault(observation.act, []).append((self._added, (unit, observation)))
        self._added += 1

    def same_words(self, unit: _Unit) -> list[tuple[_Unit, Observation]]:
        """For each act, the first reading of a note with ``unit``'s very words outside its
        run, in the order of all readings (looked up by the words: the cost does not grow
        with the notes that repeat them)."""
        first = []
        for seen in self._words.get(_words(unit), {}).values():
            found = next((item for item in seen if item[1][0].run != unit.run), None)
            if found:
                first.append(found)
        return [pair for _, pair in sorted(first, key=lambda item: item[0])]


def _words(unit: _Unit) -> str:
    return unit.text.parsed.text.rstrip(" .")


def _unique(clues: list[Clue]) -> list[Clue]:
    seen, out = set(), []
    for c in clues:
        if (c.kind, c.act) not in seen:
            seen.add((c.kind, c.act))
            out.append(c)
    return out


@dataclass
class _Chain:
    """What an "Ibidem" looks back to: the previous note that cites an act, as decided."""

    number: int | None = None
    acts: list[str] = field(default_factory=list)
    with_article: dict[str, bool] = field(default_factory=dict)
    locator: Locator = field(default_factory=Locator)
    ambiguous: bool = False
    inherited: list[str] = field(default_factory=list)

    def update(self, number: int, decided: list[tuple[_Unit, _Decision]]) -> None:
        citing = [(u, d) for u, d in decided if d.act]
        if not citing:
            return
        self.number = number
        # the acts the note cites, its own acts first and acts it only mentions in passing last
        self.acts = list(dict.fromkeys(d.act for _, d in citing))
        self.with_article = {a: any(d.act == a and d.locator.article for _, d in citing) for a in self.acts}
        self.locator = citing[-1][1].locator
        self.ambiguous = any(d.status == AMBIGUOUS and any(r.act != d.act for r in d.alternatives) for _, d in citing)
        self.inherited = [r.act for _, d in citing if d.status == AMBIGUOUS for r in d.alternatives
                          if r.act and r.act not in self.acts]


# --------------------------------------------------------------------------- records

def _citation(doc: Document, u: _Unit, d: _Decision) -> Citation:
    return Citation(doc.id, u.line, u.footnote, d.act, d.locator, d.status, d.via, u.ref.text,
                    d.alternatives, d.reason, **u.amendment)


def _check_precite(citations: list[Citation], registry: Registry) -> list[Citation]:
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
            out.append(replace(c, status=AMBIGUOUS, alternatives=(Reading(same[0], c.locator, "title"),),
                               reason=f"« précité », but no act of that date is cited before; the circular earlier "
                                      f"names an act with the same title dated {other.date} (line {first_line[same[0]]})"))
        else:
            out.append(replace(c, reason="« précité », but the act is not cited earlier in the circular"))
    return out


def _adoption_slips(merged: list[tuple[str, str]], units: list[_Unit], registry: Registry) -> list[Slip]:
    """An act named once by its adoption date and elsewhere by its own date: one act, one key;
    the discrepancy is a slip, reported with every line."""
    slips = []
    for adopted, key in merged:
        adoption = [u.line for u in units if u.ref.mention is not None and u.ref.mention.adopted and u.keys == [key]]
        dated = sorted({u.line for u in units if u.keys == [key] and not (u.ref.mention and u.ref.mention.adopted)})
        act = registry.acts[key]
        said = french_date("-".join(adopted.split("/")[1:4]))
        slips.append(Slip("act-date-mismatch",
                          f"line {', '.join(map(str, adoption))} dates the {act.label().split(' du ')[0].lower()} "
                          f"« {(act.title or '')[:60]}… » {said} (the day the Parliament adopted it); lines "
                          f"{', '.join(map(str, dated))} give its date, {french_date(act.date)}: one act, keyed {key}",
                          (adopted, key), tuple(sorted({*adoption, *dated}))))
    return slips


def _citation_slips(citations: list[Citation], world: "_World") -> list[Slip]:
    """Slips the citations show: a "précité" never cited before, a garbled note, an Ibidem
    chain that an interrupting note broke."""
    slips = []
    for c in citations:
        if c.via == "precite" and c.reason and "not cited earlier" in c.reason:
            slips.append(Slip("precite-without-antecedent", f"line {c.line}: « {c.text} précité », but the act is "
                              "cited nowhere earlier in the circular", (c.act,), (c.line,)))
        if c.reason and "garbled" in c.reason:
            slips.append(Slip("garbled-note", f"note {c.footnote} (line {c.line}): {c.reason}", (c.act,), (c.line,)))
    broken = [c for c in citations if c.footnote and c.status == AMBIGUOUS
              and any(a.via in ("ibidem", "idem") for a in c.alternatives)]
    runs: list[list[Citation]] = []
    for c in broken:
        target = next(a.act for a in c.alternatives if a.via in ("ibidem", "idem"))
        last = runs[-1][-1] if runs else None
        if last and last.footnote + 1 >= c.footnote - 1 and last.act == c.act and \
                next(a.act for a in last.alternatives if a.via in ("ibidem", "idem")) == target:
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        first, last = run[0], run[-1]
        target = next(a.act for a in first.alternatives if a.via in ("ibidem", "idem"))
        notes = f"note {first.footnote}" if first is last else f"notes {first.footnote}-{last.footnote}"
        slips.append(Slip("broken-ibidem", f"{notes}: « Ibidem » reaches {world.label(target)}, but the text "
                          f"shows {'it' if first is last else 'them'} to cite {world.label(first.act)} "
                          f"(see {'its reason' if first is last else 'their reasons'})",
                          (first.act, target), tuple(sorted({c.line for c in run}))))
    return slips


def _with_adoption_remark(c: Citation, u: _Unit, remarks: dict[str, Slip]) -> Citation:
    slip = remarks.get(c.act)
    if slip is None or u.ref.mention is None or not u.ref.mention.adopted:
        return c
    others = [n for n in slip.lines if n != c.line]
    said = french_date("-".join(slip.acts[0].split("/")[1:4]))
    return replace(c, reason=f"the text gives {said}, the day the Parliament adopted the decree; the decree is "
                             f"dated {french_date(c.act and '-'.join(c.act.split('/')[1:4]))} "
                             f"(lines {', '.join(map(str, others))})")
