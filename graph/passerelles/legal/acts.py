"""The act registry: each distinct act once, with its key, names and titles.

Acts are identified from their mentions by type and date (``decret/1991/07/03``), plus the
official number where the text gives one (``arrete-royal/1982/07/02/49``). Two acts of the
same type and day (the circular cites two decrees of 14 March 2019) are told apart by the
curated file ``data/acts.yaml``, which names, for each, words of its title; a mention that
carries none of them cannot be settled and is reported as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..resources import data_dir
from ..text import fold
from .citing import ACT_TYPES, ACT_TYPES_PLURAL, french_date
from .grammar import ActMention
from .identifiers import act_iri, act_key


@dataclass(frozen=True)
class CuratedAct:
    """An entry of ``data/acts.yaml``: how to tell one act from another of the same day."""

    key: str
    type: str
    date: str
    match: tuple[str, ...]          # folded words of the title that identify it
    source: dict = field(hash=False, compare=False, default_factory=dict)


@lru_cache(maxsize=1)
def curated_acts() -> tuple[CuratedAct, ...]:
    """The curated disambiguation entries.

    >>> sorted(a.key for a in curated_acts())[:2]
    ['decret/2019/03/14/accrochage', 'decret/2019/03/14/organisation-travail']
    """
    data = yaml.safe_load((data_dir() / "acts.yaml").read_text(encoding="utf-8"))
    return tuple(CuratedAct(e["key"], e["type"], str(e["date"]), tuple(fold(m) for m in e["match"]),
                            e.get("source", {})) for e in data["acts"])


def _slug(text: str) -> str:
    """An IRI-safe qualifier.

    >>> _slug("B11/-/GVL/dl/25.05.99/24-159")
    'b11-gvl-dl-25-05-99-24-159'
    """
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")


@dataclass
class Act:
    """One act of the registry."""

    key: str
    type: str
    date: str
    number: str | None = None
    titles: list[str] = field(default_factory=list)
    nicknames: set[str] = field(default_factory=set)
    count: int = 1        # "2 arrêtés … du 21 février 2018": acts of one day the text never tells apart

    @property
    def iri(self):
        return act_iri(self.key)

    title_counts: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        """The title the corpus gives the act most often (then the longest)."""
        if not self.titles:
            return None
        return max(self.titles, key=lambda t: (self.title_counts.get(t, 0), len(t), t))

    @property
    def has_articles(self) -> bool:
        """Whether the act is of a kind divided into articles (circulars are not)."""
        return self.type != "circulaire"

    def label(self) -> str:
        """A French label: ``Décret du 3 juillet 1991``.

        >>> Act("decret/1991/07/03", "decret", "1991-07-03").label()
        'Décret du 3 juillet 1991'
        >>> Act("arrete-royal/1982/07/02/49", "arrete-royal", "1982-07-02", "49").label()
        'Arrêté royal n°49 du 2 juillet 1982'
        >>> Act("agcf/2018/02/21", "agcf", "2018-02-21", count=2).label()
        '2 arrêtés du Gouvernement de la Communauté française du 21 février 2018'
        """
        if self.count > 1:
            return f"{self.count} {ACT_TYPES_PLURAL[self.type]} du {french_date(self.date)}"
        return f"{ACT_TYPES[self.type]}{f' n°{self.number}' if self.number else ''} du {french_date(self.date)}"


class Registry:
    """The acts of the corpus, keyed by act key."""

    def __init__(self) -> None:
        self.acts: dict[str, Act] = {}
        self.nicknames: dict[str, str | None] = {}   # folded nickname -> key (None: several acts)
        self.article_index: dict[str, set[str]] = {}  # article -> acts cited by name with it
        self.partials: dict[tuple, str] = {}          # (type, date, folded title) -> key
        self.aliases: dict[str, str] = {}             # key from an adoption date -> the act's key

    def key_for(self, mention: ActMention) -> tuple[list[str], str | None]:
        """Candidate keys for a dated mention, and why there are several (or none).

        One key when the mention designates one act; several when it cannot tell
        curated same-day acts apart; none when the type is not said. A circular named by
        its number alone (``la circulaire n°6652``) is found by that number.
        """
        if mention.type == "circulaire" and mention.date is None and mention.number:
            key = self.by_number(mention.type, mention.number)
            return ([key], None) if key else ([], f"no dated mention gives circular n°{mention.number}")
        if mention.type is None or mention.date is None:
            return [], None
        same_day = [c for c in curated_acts() if c.type == mention.type and c.date == mention.date]
        if same_day:
            words = fold(" ".join(filter(None, [mention.title, mention.text])))
            hits = [c.key for c in same_day if any(m in words for m in c.match)]
            if len(hits) == 1:
                return hits, None
            return sorted(c.key for c in same_day), (
                f"{len(same_day)} acts of type {mention.type} are dated {mention.date} in the corpus "
                "and this mention does not say which")
        qualifier = _slug(mention.number) if mention.number else None
        key = act_key(mention.type, mention.date, qualifier)
        return [self.aliases.get(key, key) if mention.adopted else key], None

    def by_number(self, act_type: str, number: str) -> str | None:
        """The one registered act of this type with this number.

        >>> from .grammar import find_mentions
        >>> r = Registry()
        >>> for m in find_mentions("la circulaire n°6652 du 14/05/2018 et la circulaire n°6652"):
        ...     keys, _ = r.key_for(m)
        ...     if keys:
        ...         _ = r.add(keys[0], m)
        >>> r.by_number("circulaire", "6652"), r.key_for(find_mentions("la circulaire n°6652")[0])
        ('circulaire/2018/05/14/6652', (['circulaire/2018/05/14/6652'], None))
        """
        hits = sorted(a.key for a in self.acts.values() if a.type == act_type and a.number == number)
        return hits[0] if len(hits) == 1 else None

    def merge_adoption_dates(self, mentions: list[ActMention]) -> list[tuple[str, str]]:
        """One act, one key: an act named once by the day it was adopted ("a adopté le 13 juin
        2018 le décret instituant …", line 209) and elsewhere by its own date with the same
        title ("Décret du 14 juin 2018 instituant …", note 126) is keyed by its own date.

        Returns the ``(adoption key, act key)`` pairs merged; the discrepancy is a slip of
        the text for ``check`` to report.

        >>> from .grammar import find_mentions
        >>> title = "instituant un enseignement expérimental aux 2e et 3e degrés de l'enseignement"
        >>> mentions = find_mentions(f"a adopté le 13 juin 2018 le décret {title}. Le Décret du 14 juin 2018 {title}.")
        >>> r = Registry()
        >>> for m in mentions:
        ...     _ = r.add(r.key_for(m)[0][0], m)
        >>> r.merge_adoption_dates(mentions), sorted(r.acts)
        ([('decret/2018/06/13', 'decret/2018/06/14')], ['decret/2018/06/14'])
        >>> r.key_for(mentions[0])[0]
        ['decret/2018/06/14']
        """
        merged = []
        for m in mentions:
            if not m.adopted or not m.title or m.type is None or m.date is None:
                continue
            key = act_key(m.type, m.date)
            same = [k for k in self.by_title(m.title, m.type) if k != key and k not in self.aliases]
            if len(same) != 1:
                continue
            self.aliases[key] = same[0]
            adopted = self.acts.pop(key, None)
            if adopted is not None:
                for title in adopted.titles:
                    self.add(same[0], ActMention(type=m.type, date=None, title=title))
            merged.append((key, same[0]))
        return sorted(set(merged))

    def pair_partials(self, mentions: list[ActMention]) -> None:
        """Join mentions that give only the type (``l'arrêté du Gouvernement … fixant les
        répertoires …``) with mentions that give only the date (``l'arrêté du 6 novembre
        2018 fixing les répertoires …``) when their titles agree: together they name one act.
        """
        typed = [m for m in mentions if m.type and not m.date and m.title and not m.nickname]
        dated = [m for m in mentions if m.date and not m.type and m.title]
        for t in typed:
            for d in dated:
                a, b = fold(t.title).split(), fold(d.title).split()
                n = min(len(a), len(b))
                if n >= 4 and a[:n] == b[:n]:
                    key = act_key(t.type, d.date)
                    self.partials[(t.type, None, fold(t.title))] = key
                    self.partials[(None, d.date, fold(d.title))] = key
                    self.add(key, ActMention(type=t.type, date=d.date, title=d.title if len(d.title) > len(t.title) else t.title))

    def by_partial(self, mention: ActMention) -> str | None:
        """The key found for a mention that gives only its type or only its date."""
        return self.partials.get((mention.type, mention.date, fold(mention.title or "")))

    def add(self, key: str, mention: ActMention) -> Act:
        """Register (or enrich) the act ``key`` from a mention of it."""
        info = key.split("/")
        act = self.acts.get(key)
        if act is None:
            act = Act(key, info[0], "-".join(info[1:4]), mention.number)
            self.acts[key] = act
        if mention.plural:
            act.count = max(act.count, mention.count)
        if mention.title:
            if mention.title not in act.titles:
                act.titles.append(mention.title)
            act.title_counts[mention.title] = act.title_counts.get(mention.title, 0) + 1
        if mention.nickname:
            act.nicknames.add(mention.nickname)
            # a nickname given to two acts names neither: by_nickname then finds nothing
            known = self.nicknames.get(fold(mention.nickname), key)
            self.nicknames[fold(mention.nickname)] = key if known == key else None
        return act

    def by_nickname(self, nickname: str) -> str | None:
        return self.nicknames.get(fold(nickname))

    def by_title(self, words: str, act_type: str | None = None) -> list[str]:
        """Keys of acts whose known title starts like ``words`` (at least six words agree)."""
        probe = fold(words).split()
        if len(probe) < 6:
            return []
        hits = []
        for act in self.acts.values():
            if act_type and act.type != act_type:
                continue
            for title in act.titles:
                t = fold(title).split()
                n = min(len(t), len(probe))
                if n >= 6 and t[:n] == probe[:n]:
                    hits.append(act.key)
                    break
        return sorted(hits)

    def sorted_acts(self) -> list[Act]:
        return [self.acts[k] for k in sorted(self.acts)]
