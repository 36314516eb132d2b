"""Route searches: the shortest routes by school years, every route under a bound — a search
over pupils' records.

A route starts from the record the question gives (FROM, ``--holds`` and the filters) and
each step extends it: an admission enrols the pupil, the study of a year adds its result,
an award adds a title. A step is allowed when its rule applies to the record at that point:
its ``from`` state is there (the year just left, in the right way, or a title just obtained
or given), it lies within the question's regime and school year, and its conditions do not
fail — conditions that cannot be told stay on the step. Rules that ask for no prior state
(``START``) open a route, evaluated against the record the question gives.

The search is best-first on (school years at least, whether a length is unknown, steps), so
routes come shortest first; records are the search states (frozen, hashed), so two routes
reaching the same record meet, and a record is expanded at most ``k`` times.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field, replace
from functools import cached_property

import networkx as nx

from ..rules.conditions import AllOf, AnyOf, Attended, Completed, Condition, NotNextYear
from ..rules.record import Record, Result, YearDone
from ..rules.truth import MET, NOT_MET, Truth
from ..rules.vocab import Effect, FromMode, within
from .states import ADMITTING, START, Mode, State, StateKind, StepKind, Transition
from .view import RouteView

#: ``--all`` lists at most this many routes (and says so rather than cutting silently).
MAX_ROUTES = 2000


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Step:
    """One step of a route: the transition taken (and the others that also allow it), the
    conditions still to meet, and the record the rule was checked against."""

    source: State
    target: State
    transition: Transition
    also: tuple[Transition, ...] = ()
    conditions: tuple[Condition, ...] = ()
    before: Record = field(default_factory=Record, compare=False)
    years: int | None = 0
    years_at_least: int = 0

    @property
    def kind(self) -> StepKind:
        return self.transition.kind

    @property
    def rule(self):
        return self.transition.rule


@dataclass(frozen=True)
class Route:
    steps: tuple[Step, ...]
    record: Record = field(default_factory=Record, compare=False)

    @property
    def years(self) -> int | None:
        """School years of study; ``None`` when a formation's length is not given by the text."""
        values = [s.years for s in self.steps]
        return None if any(v is None for v in values) else sum(values)

    @property
    def years_at_least(self) -> int:
        return sum(s.years_at_least for s in self.steps)

    @property
    def nodes(self) -> list[State]:
        return [self.steps[0].source] + [s.target for s in self.steps] if self.steps else []

    @property
    def signature(self) -> tuple:
        return tuple((s.source.key, s.target.key, s.kind.value, s.transition.id) for s in self.steps)

    def sort_key(self) -> tuple:
        return (self.years_at_least, self.years is None, len(self.steps), self.signature)


# --------------------------------------------------------------------------- one move
@dataclass(frozen=True)
class Move:
    """A candidate step from a record: the transitions that allow it (none failing), or —
    in a diagnosis — the reasons they fail."""

    source: State
    target: State
    transitions: tuple[Transition, ...]
    extra: tuple[Condition, ...]
    faults: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class _Missing(Condition):
    """In a diagnosis: the year is not on the record in the way a rule needs (never met)."""

    key = "missing"
    year: str
    mode: Mode
    why: str = "FROM"

    def evaluate(self, record: Record) -> Truth:
        return NOT_MET

    def words(self) -> str:
        how = {Mode.PASSED: "terminée avec fruit", Mode.ATTENDED: "suivie", Mode.FAILED: "échouée"}[self.mode]
        return f"la {self.year} n'est pas {how} selon {self.why}"

    def value(self):
        return {"year": self.year, "mode": self.mode.value}


def exclusions(t: Transition, record: Record, view: RouteView) -> list[str]:
    """Why the question's scope rules a transition out (regime, school year, option's sector
    or organisation): one function for the pruning and for the message."""
    scope = record.scope
    if scope.regime is None and scope.school_year is None and scope.sector is None and scope.jurisdiction is None:
        return []
    out = []
    rule = t.rule
    if scope.regime and t.regimes and scope.regime not in t.regimes:
        out.append(f"regime {'/'.join(t.regimes)}, not {scope.regime}")
    if scope.jurisdiction and rule is not None and t.kind is not StepKind.STUDY and not within(rule.jurisdiction, scope.jurisdiction):
        out.append(f"jurisdiction {rule.jurisdiction}, not within {scope.jurisdiction}")
    if scope.school_year and rule is not None and not rule.valid_in(scope.school_year):
        v = rule.validity
        out.append(f"valid {v.start}–{v.until}, not {scope.school_year}")
    if t.target.kind is StateKind.OPTION:
        o = view.index.options[t.target.id]
        if scope.sector is not None and o.sector != scope.sector:
            out.append(f"option {o.code} is in sector {o.sector}, not {scope.sector}")
        y = scope.school_year
        if y and ((o.valid_until and y > o.valid_until) or (o.valid_from and y < o.valid_from)):
            out.append(f"option {o.code} may be organised {o.valid_from or '…'}–{o.valid_until or '…'} only "
                       f"(l. {o.line}), not in {y}")
    return out


def crossing(t: Transition, node: State, record: Record, index) -> list[str]:
    """Why a step would cross from one system to another without a rule that says so: a
    rule open to any pupil (``START``) serves only the systems FROM belongs to (never the
    CEFA admissions from a French or a promotion-sociale title); a rule from a state of
    another system than its own must say it crosses (an equivalence, the CESS towards
    higher education)."""
    rule = t.rule
    if node == START:
        if not record.systems or rule.system in record.systems:
            return []
        return [f"system {rule.system}, not {'/'.join(sorted(record.systems))}: a rule open to any pupil serves its own "
                "system only"]
    systems = index.systems(node.id)
    if rule.crosses or not systems or rule.system in systems:
        return []
    return [f"system {rule.system}, not {'/'.join(systems)}"]


def _fault(t: Transition, reasons: tuple[str, ...]) -> str:
    where = f", {t.rule.source.lines}" if t.rule is not None else ""
    return f"{t.id}{where}: {'; '.join(reasons)}"


def full_conditions(t: Transition, extra: tuple[Condition, ...]) -> Condition | None:
    parts = ([t.conditions] if t.conditions is not None else []) + list(extra)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else AllOf(items=tuple(parts))


class Search:
    """Routes from one record to a set of goal states on a view (see the module docstring)."""

    def __init__(self, view: RouteView, goals: tuple[State, ...], entries: bool, relaxed: bool = False):
        self.view = view
        self.index = view.index
        self.goals = frozenset(goals)
        self.entries = entries
        self.relaxed = relaxed   # a diagnosis: failing steps are taken, and counted
        self._cache: dict[int, tuple[Condition | None, bool]] = {}

    @cached_property
    def useful(self) -> frozenset[State]:
        """The states from which a goal can be reached at all (the graph, without conditions);
        kept on the view, per goal."""
        cache = self.view.__dict__.setdefault("_useful", {})
        if self.goals not in cache:
            out = set(self.goals)
            for g in self.goals:
                if g in self.view:
                    out |= nx.ancestors(self.view, g)
            cache[self.goals] = frozenset(out)
        return cache[self.goals]

    # -- where a record may go ----------------------------------------------------------
    def _froms(self, rec: Record, first: bool) -> list[tuple[State, State, tuple[Condition, ...], frozenset[str] | None]]:
        """Where the next step may start: (node whose out-edges serve, node shown as the step's
        start, extra conditions, the rules allowed — ``None``: all)."""
        if rec.enrolled:
            node = State.year(rec.enrolled, Mode.ENROLLED)
            return [(node, node, (), None)]
        if rec.chain:
            node = State.title(rec.chain)
            return [(node, node, (), None)]
        out = []
        if rec.last:
            entries = rec.entries(rec.last)
            own = {Result.PASSED: Mode.PASSED, Result.FAILED: Mode.FAILED, Result.ATTENDED: Mode.ATTENDED}
            if any(e.in_route for e in entries):
                modes = [own[e.result] for e in entries if e.in_route]     # the route's own outcome only
            else:
                modes = [m for m, truth in ((Mode.PASSED, rec.passed(rec.last)), (Mode.ATTENDED, rec.attended(rec.last)),
                                            (Mode.FAILED, rec.failed(rec.last))) if truth is MET]
            for mode in modes:
                node = State.year(rec.last, mode)
                out.append((node, node, (), None))
            if self.relaxed:
                for mode in {Mode.PASSED, Mode.ATTENDED, Mode.FAILED} - set(modes):
                    node = State.year(rec.last, mode)
                    out.append((node, node, (_Missing(year=rec.last, mode=mode, why=self._why_not(rec, rec.last)),), None))
        for title in sorted(rec.fresh):
            node = State.title(title)
            out.append((node, node, (), None))
        if not rec.studied_in_route and not rec.last:
            out += self._implied_froms(rec)
        if first and self.entries:
            out.append((START, START, (), None))
        return out

    def _why_not(self, rec: Record, year: str) -> str:
        """What the record says against leaving ``year`` that way: the attestation that closes it."""
        for held in rec.titles:
            effect = self.index.effects.get(held.title)
            if held.closes == year and effect is not None:
                return f"{held.title} ({effect.source.lines})"
            if held.closes == year and any(r.from_mode is FromMode.FAILED for r in self.index.awards_of.get(held.title, ())):
                return f"{held.title} ({self.index.awards_of[held.title][0].source.lines})"
        return "FROM"

    def _implied_froms(self, rec: Record) -> list:
        """A title the question gives stands for the years it implies, in the rules that name
        it: the CQ6 for a 6th year attended (passed or not) in the 7th-year admissions."""
        out = []
        for held in rec.titles:
            if held.regimes is not None or held.title not in rec.fresh:
                continue
            named = self.index.named_by.get(held.title, frozenset())
            implied = self.index.implied(held.title)
            if not named or not implied:
                continue
            years = sorted({y for _, y in implied})
            failed = all(m is Mode.FAILED for m, _ in implied)
            for want in ((Mode.ATTENDED,) if failed else (Mode.PASSED, Mode.ATTENDED)):
                extra = (self._implied(held.title, years, want),)
                for y in years:
                    out.append((State.year(y, want), State.title(held.title), extra, named))
        return out

    def _implied(self, title: str, years: list[str], want: Mode) -> Condition:
        """The years a title given by the question stands for, still to show."""
        idx = self.index
        award = idx.awards_of[title][0]
        attesting = sorted(t for t, y in idx.attests.items() if y in years)
        hint = f"FROM {years[0]}" + (f" ou --holds {attesting[0]}" if attesting else "")
        which = ", ".join(years)
        if want is Mode.PASSED and award.from_mode is FromMode.COMPLETED:
            words = (f"une année réussie parmi {which} est aussi nécessaire : le {title} atteste la réussite d'une "
                     f"de ces années ({award.source.lines}) sans dire laquelle — ajoutez-la : {hint}")
        elif want is Mode.PASSED:
            words = (f"une année réussie parmi {which} est aussi nécessaire : le {title} atteste seulement "
                     f"qu'elle a été suivie ({award.source.lines}) et FROM ne dit pas qu'elle a été réussie — "
                     f"ajoutez-le : {hint}")
        else:
            words = (f"avoir suivi une année parmi {which} : le {title} le laisse supposer "
                     f"({award.source.lines}), FROM ne le dit pas — ajoutez-le : {hint}")
        items = tuple(Completed(years=(y,)) if want is Mode.PASSED else Attended(years=1, of=(y,)) for y in years)
        return replace(items[0], text=words) if len(items) == 1 else AnyOf(items=items, text=words)

    def moves(self, rec: Record, first: bool = False) -> list[Move]:
        """The steps the record may take (in a diagnosis, failing ones too, with their faults)."""
        if rec.option:
            return []
        idx = self.index
        groups: dict[tuple[State, State], list] = {}
        for node, shown, extra, allowed in self._froms(rec, first):
            if node not in self.view:
                continue
            for target, data in self.view._succ[node].items():
                if target not in self.useful:
                    continue
                if not self._new(rec, target):
                    continue
                for t in data["transitions"]:
                    if allowed is not None and (t.rule is None or t.rule.id not in allowed):
                        continue
                    more = extra + self._effects(rec, t)
                    faults = exclusions(t, rec, self.view)
                    if node.kind is StateKind.YEAR and node.mode is not Mode.ENROLLED and \
                            not all(e.sanctioned for e in rec.entries(node.id)):
                        faults.append(f"{node.id} is not sanctioned (élève libre)")
                    if t.rule is not None and t.kind is not StepKind.STUDY:
                        faults += crossing(t, node, rec, self.index)
                    cond, stretches = self._specialized(t, more, rec)
                    if cond is not None and cond.evaluate(rec) is NOT_MET:
                        full = full_conditions(t, more)
                        faults += [c.describe() for c in full.failing(rec)][:4] or ["its conditions"]
                    if faults and not self.relaxed:
                        continue
                    needs = tuple(sorted(cond.school_years_needed(rec).items())) if stretches and not faults else ()
                    groups.setdefault((shown, target, needs), []).append((t, more, tuple(faults)))
        out = []
        for (shown, target, _), items in groups.items():
            once: dict[str, tuple] = {}
            for i in items:             # one rule may allow a step from several of its states
                once.setdefault(i[0].id, i)
            items = list(once.values())
            clean = [i for i in items if not i[2]]
            chosen = clean or items
            out.append(Move(shown, target, tuple(i[0] for i in chosen), chosen[0][1],
                            () if clean else tuple(_fault(i[0], i[2]) for i in items)))
        return out

    def _specialized(self, t: Transition, extra: tuple[Condition, ...], rec: Record) -> tuple[Condition | None, bool]:
        """The transition's conditions with what the question settles settled (once per search),
        and whether they may lengthen a formation."""
        if extra:
            full = full_conditions(t, extra)
            cond = full.specialize(rec) if full is not None else None
            return cond, cond is not None and any(c.stretches for c in cond.walk())
        key = id(t)
        if not self._cache:     # kept on the view, per profile of the question (what specialize reads)
            profile = (rec.age, rec.adult, rec.contracts, rec.scope, rec.experience, rec.status, rec.registered,
                       rec.since_result)
            self._cache = self.view.__dict__.setdefault("_specialized", {}).setdefault(profile, {})
        if key not in self._cache:
            cond = t.conditions.specialize(rec) if t.conditions is not None else None
            self._cache[key] = (cond, cond is not None and any(c.stretches for c in cond.walk()))
        return self._cache[key]

    def _new(self, rec: Record, target: State) -> bool:
        """A step leads somewhere new: a year not attended yet (or a session sat again while
        more than one part is known to be missing), a title not held yet (or one more part of
        a whole not complete)."""
        if target.kind is StateKind.YEAR and target.mode is Mode.ENROLLED:
            if rec.enrolled == target.id:
                return False
            done = rec.entries(target.id)
            if not done:
                return True
            return bool(self.index.states.get(target.id, {}).get("repeatable")) and done[-1].result is Result.PASSED \
                and any(p.missing is not None and p.missing >= 2 for p in rec.parts)
        if target.kind is StateKind.TITLE:
            whole = self.index.part_of(target.id)
            if whole is not None:
                held = rec.parts_of(whole)
                return rec.title(whole) is None and (held is None or held.missing != 0)
            return rec.title(target.id) is None
        if target.kind is StateKind.YEAR and target.mode is Mode.PASSED and not rec.enrolled:
            return not rec.entries(target.id)      # a title attesting a year not on record yet
        return True

    def _effects(self, rec: Record, t: Transition) -> tuple[Condition, ...]:
        """The conditions titles held add to the next admission (AO-B's restriction, AO-C)."""
        if t.kind not in ADMITTING or not rec.pending:
            return ()
        out: list[Condition] = []
        for rule_id in rec.pending:
            rule = self.index.rules[rule_id]
            if rule.effect is Effect.NEXT_ADMISSION and rule.conditions is not None:
                out.append(rule.conditions)
            elif rule.effect is Effect.NOT_NEXT_YEAR:
                for title in rule.from_:
                    held = rec.title(title)
                    if held is None:
                        continue
                    closes = held.closes
                    grades = ((self.index.grade(closes),) if closes else
                              tuple(sorted({self.index.grade(y) for _, y in self.index.implied(title)} - {None})))
                    out.append(NotNextYear(title=title, target=t.target.id, target_grade=self.index.grade(t.target.id),
                                           closes=closes, grades=tuple(g for g in grades if g is not None),
                                           source=rule.source))
        return tuple(out)

    # -- what a step does -----------------------------------------------------------------
    def apply(self, rec: Record, move: Move) -> list[tuple[Record, int | None, bool]]:
        """The records after ``move`` (a study has two outcomes), each with the school years
        the step takes (``None``: unknown) and whether they are exact."""
        t = move.transitions[0]
        target = move.target
        if t.kind is StepKind.STUDY:
            year = target.id
            libre = any(self.index.effects.get(h.title) is not None and
                        self.index.effects[h.title].effect is Effect.NO_SANCTION and h.closes == year for h in rec.titles)
            result = {Mode.PASSED: Result.PASSED, Mode.FAILED: Result.FAILED, Mode.ATTENDED: Result.ATTENDED}[target.mode]
            if libre and result is Result.PASSED:
                return []
            form = self.index.states.get(year, {}).get("form")
            return [(rec.study(result, t.years, sanctioned=not libre, form=form), t.years, t.years is not None)]
        if t.kind is StepKind.ATTESTS:
            return [(rec.attest(target.id, self.index.duration(target.id), self.index.states.get(target.id, {}).get("form")),
                     0, True)]
        if t.kind is StepKind.OPTION_ACCESS:
            return [(rec.enter_option(target.id), 0, True)]
        regimes = tuple(sorted({r for x in move.transitions for r in x.regimes}))
        whole = self.index.part_of(target.id) if t.kind in (StepKind.AWARD, StepKind.EQUIVALENCE) else None
        if whole is not None:
            # a part of a qualification: one more when a session on one part is passed, « un ou
            # plusieurs » (a number not said) after a partial success
            new = rec.award_part(whole, target.id, 1 if t.rule.from_mode is FromMode.COMPLETED else None, regimes)
        elif t.kind in (StepKind.AWARD, StepKind.EQUIVALENCE):
            closes = move.source.id if move.source.kind is StateKind.YEAR else None
            effect = self.index.effects.get(target.id)
            pending = effect.id if effect is not None and effect.effect is not Effect.NO_SANCTION else None
            new = rec.award(target.id, regimes, closes, pending).complete(target.id)
        else:
            new = rec.enrol(target.id, regimes)
        added = 0
        cond, stretches = self._specialized(t, move.extra, rec)
        if stretches:
            for year, n in cond.school_years_needed(rec).items():
                new, more = new.extend(year, n)
                added += more
        return [(new, added, True)]

    @staticmethod
    def _needs(t: Transition, extra, rec: Record) -> dict[str, int]:
        cond = full_conditions(t, extra)
        return cond.school_years_needed(rec) if cond is not None else {}


# --------------------------------------------------------------------------- the search
@dataclass(order=True)
class _Item:
    cost: tuple
    order: int
    record: Record = field(compare=False)
    steps: tuple = field(compare=False)
    faults: tuple = field(compare=False, default=())


def search(view: RouteView, start: Record, goals: tuple[State, ...], k: int = 3, entries: bool = False,
           max_years: int | None = None, all_routes: bool = False, max_steps: int = 16,
           relaxed: bool = False) -> list[tuple[tuple, Record, tuple]]:
    """Raw search: the ``(moves, final record, faults)`` of up to ``k`` routes (every route
    with ``all_routes``), cheapest first. ``relaxed``: also take failing steps, fewest
    failing steps first (a diagnosis).

    Examples
    --------
    A three-state view: the 4P passed, admitted to the 5P (from 16 years), the 5P passed.

    >>> from passerelles.rules import Record, Rule, Source
    >>> from passerelles.rules.conditions import Age
    >>> from passerelles.rules.vocab import RuleKind
    >>> view = RouteView()
    >>> view.index.states = {y: {"kind": "year", "label": y, "duration": 1} for y in ("4P", "5P")}
    >>> rule = Rule("admission-5P", "doc", RuleKind.ADMISSION, ("4P",), "5P", ("article-49",), Age(ge=16), (),
    ...             Source("doc", 1, 1), None)
    >>> four, five_in, five = State.year("4P", Mode.PASSED), State.year("5P", Mode.ENROLLED), State.year("5P", Mode.PASSED)
    >>> view.add_transition(Transition(StepKind.ADMISSION, four, five_in, rule, rule.conditions))
    >>> view.add_transition(Transition(StepKind.STUDY, five_in, five, years=1))
    >>> start = Record(years=(YearDone("4P", (), Result.PASSED, 1),), last="4P")
    >>> [[m.target.key for m, _, _ in steps] for steps, _, _ in search(view, start, (five,))]
    [['in:5P', 'done:5P']]
    >>> search(view, Record(years=start.years, last="4P", age=15), (five,))
    []
    """
    s = Search(view, goals, entries, relaxed)
    counter = itertools.count()
    heap = [_Item((0, 0, False, 0), next(counter), start, ())]
    expanded: dict[Record, int] = {}
    found: list[_Item] = []
    seen: set[tuple] = set()
    limit = MAX_ROUTES + 1 if all_routes else k
    while heap:
        item = heapq.heappop(heap)
        if len(found) >= limit and (all_routes or item.cost > found[-1].cost or len(found) >= limit + 8):
            break
        if item.steps and item.steps[-1][0].target in s.goals:
            sig = tuple((m.source, m.target, tuple(t.id for t in m.transitions)) for m, _, _ in item.steps)
            if sig not in seen:
                seen.add(sig)
                found.append(item)
            continue
        n = expanded.get(item.record, 0)
        if not all_routes and n >= k:
            continue
        expanded[item.record] = n + 1
        if len(item.steps) >= max_steps:
            continue
        for move in s.moves(item.record, not item.steps):
            for new, years, exact in s.apply(item.record, move):
                faults = item.faults + (((len(item.steps), move.faults),) if move.faults else ())
                known = new.route_years
                if max_years is not None and known > max_years:
                    continue
                cost = (len(faults), known, not new.route_exact, len(item.steps) + 1)
                heapq.heappush(heap, _Item(cost, next(counter), new, item.steps + ((move, item.record, years),), faults))
    found.sort(key=lambda i: (i.cost, [(m.source.key, m.target.key, m.transitions[0].id) for m, _, _ in i.steps]))
    return [(i.steps, i.record, i.faults) for i in (found if all_routes else found[:k])]


def build_route(steps: tuple, final: Record) -> Route:
    """A route from the raw search: primary rule and conditions still to meet per step, school
    years per study step (lower bounds from the final record)."""
    out = []
    bounds = {e.year: e for e in final.years if e.in_route}
    for move, before, years in steps:
        ranked = sorted(move.transitions, key=lambda t: (sum(Search._needs(t, move.extra, before).values()),
                                                         len(_unsettled(t, move.extra, before)), t.id))
        primary = ranked[0]
        if primary.kind is StepKind.STUDY:
            entry = bounds.get(move.target.id)
            years = primary.years
            at_least = entry.years if entry is not None else (years or 0)
        else:
            years, at_least = 0, 0
        out.append(Step(move.source, move.target, primary, tuple(ranked[1:]), tuple(_unsettled(primary, move.extra, before)),
                        before, years, at_least))
    return Route(tuple(out), final)


def _unsettled(t: Transition, extra, rec: Record) -> list[Condition]:
    cond = full_conditions(t, extra)
    return cond.unsettled(rec) if cond is not None else []
