"""Names as people write them: one lookup for every place where a user names a thing.

A user names a title, a year, an option or an act as he writes it: an id (``CE6P``), an
abbreviation with or without dots or spaces (``C.E.S.S.``, ``CE 6P``, ``CQ 6``), the official
label or part of it, an ordinal in any form (``2e``, ``2ème``, ``deuxième``, ``second``), a
date in any form (``3 juillet 1991``, ``03-07-1991``, ``3/7/1991``). :func:`lookup` takes the
:class:`Entry` records of the things that can be named and the typed name, and returns one
entry or raises :class:`~passerelles.errors.UnknownNameError` with the candidates.

The stages, first that answers wins:

1. the exact id (``CE6P``, ``decret/1991/07/03``);
2. an exact *code* -- id or abbreviation, compared with case, accents, dots and spaces
   removed (``c.e.s.s.`` = ``CESS``, ``ce 6p`` = ``CE6P``). Codes match exactly or by prefix,
   never fuzzily: ``CQSS`` is not a misspelt ``CESS``;
3. an exact label or alternative label, compared as :func:`name_key` folds them. An
   official label is decisive. An alternative label that the entry itself and another entry
   both extend is the name of a family, not of one member: ``article 45`` (an alternative
   label of ART45-D2) begins ART45-D2's ``article 45 2e degré`` and ART45-D3's ``article 45 3e
   degré``, so it names both. ``2e différenciée`` (2D), which only 2DS extends (``2e
   différenciée supplémentaire``), names 2D;
4. a unique prefix of a label, alternative label or code (``tout élève``, ``CE6``);
5. the words of a name, in any order: every word of the typed name is a word of one of the
   entry's names (``enseignement secondaire supérieur``, ``décret missions prioritaires``);
6. a unique best fuzzy match: RapidFuzz ``process.extract`` over the folded labels and
   alternative labels (:data:`ACCEPT_SCORER`), scoring at least :data:`ACCEPT_SCORE` and
   :data:`MARGIN` more than any other entry (closer ones make it ambiguous). Names shaped
   like codes -- :data:`CODE_LENGTH` characters or fewer, one word in capitals, one word of
   letters and digits -- are never matched fuzzily, and a fuzzy match must contain every *strict* word of the name exactly: words with a digit,
   words of four letters or fewer (but small words such as ``de``, ``du``, ``en`` and their
   slips), words in capitals in a mixed-case name. Numbers, dates, ordinals and codes are
   thus never "corrected": ``CQSS de promotion sociale`` is not ``CE2D promotion sociale``.

Several equally good answers at a stage are an input error listing them. An unknown name
lists the closest entries (:data:`SUGGEST_SCORER` at least :data:`SUGGEST_SCORE` over
labels, or the edit similarity over codes), or, when none is close, says so and names the
nearest. Candidates come in a fixed order (score, then the entries' order), so the same
name gives the same message every time.

The thresholds were set on the titles, years and acts of the corpus: typing slips (one or
two letters deleted, added, changed or swapped in each of their names, 8 draws per name)
are resolved to the intended entry or listed with it, and never to another entry
(``tests/test_lookup.py`` keeps that measure).

>>> entries = [Entry("CESS", "Certificat d'enseignement secondaire supérieur", ("C.E.S.S.",), ("CESS",)),
...            Entry("CE2D", "Certificat d'enseignement secondaire du deuxième degré", (), ("CE2D",))]
>>> lookup(entries, "c.e.s.s").id, lookup(entries, "certificat d'enseignement secondaire du 2e degre").id
('CESS', 'CE2D')
>>> lookup(entries, "CQSS")
Traceback (most recent call last):
...
passerelles.errors.UnknownNameError: unknown name 'CQSS'; did you mean: CESS (Certificat d'enseignement secondaire supérieur)?
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Iterable, Sequence

from .errors import InputError, UnknownNameError
from .text import fold

#: A fuzzy match is accepted from this :data:`ACCEPT_SCORER` score (0-100) ...
ACCEPT_SCORE = 88
#: ... when every other entry scores at least this much less; closer ones make it ambiguous.
MARGIN = 6
#: Entries scoring at least this (:data:`SUGGEST_SCORER` on labels, ``ratio`` on codes) are
#: suggested for an unknown name.
SUGGEST_SCORE = 60
#: Names this short (folded, without spaces) are codes: matched exactly or by prefix only.
CODE_LENGTH = 6
#: How a name is scored against a label to be accepted (the name of a RapidFuzz ``fuzz``
#: scorer: RapidFuzz is imported by the first fuzzy stage): the Indel similarity of the two
#: keys (``ratio``). Partial names were the prefix and words stages' business: what is
#: left is a slip of the keyboard in a whole name, which ``ratio`` measures without the bonus
#: ``WRatio`` gives to any shared word (85.5 for two long names with one word in common).
ACCEPT_SCORER = "ratio"
#: How entries are ranked as suggestions: ``token_set_ratio`` (the words in common), which
#: ranks the intended entry first more often than ``WRatio`` or ``ratio`` on misspelt and
#: half-remembered names (measured on the titles, years and acts of the corpus).
SUGGEST_SCORER = "token_set_ratio"
#: At most this many candidates in a message.
MAX_CANDIDATES = 6

_MONTHS = {m: i for i, m in enumerate(("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
                                        "septembre", "octobre", "novembre", "decembre"), start=1)}
_DATE_WORDS = re.compile(r"\b(\d{1,2})(?:er|e)? (" + "|".join(_MONTHS) + r") (\d{4})\b")
_DATE_YMD = re.compile(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2}) (\d{1,2}) (\d{4})\b")
_ORDINAL_WORDS = {w: i for i, ws in enumerate((
    ("premier", "premiere"), ("deuxieme", "second", "seconde"), ("troisieme",), ("quatrieme",),
    ("cinquieme",), ("sixieme",), ("septieme",), ("huitieme",), ("neuvieme",), ("dixieme",)), start=1) for w in ws}
# "2d", "2D" are not ordinals here: 2D is the 2e année différenciée.
_ORDINAL_DIGITS = re.compile(r"\b(\d+)(?:e|es|eme|emes|ieme|iemes|er|ers|ere|eres|iere|ieres|re|res|nd|nds|nde|ndes)\b")
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(_ORDINAL_WORDS) + r")s?\b")
_ELISION = re.compile(r"\b[dl]['’ʼ]\s*", re.IGNORECASE)
_STOPWORDS = frozenset({"le", "la", "les", "du", "de", "des", "au", "aux"})
# Small words a fuzzy match need not contain (elisions typed without their apostrophe ...).
_LOOSE_WORDS = _STOPWORDS | {"d", "l", "a", "en", "et", "un", "une"}


@dataclass(frozen=True)
class Entry:
    """A thing a user may name.

    Parameters
    ----------
    id : str
        Its identifier, unique among the entries (``CE6P``, ``decret/1991/07/03``).
    label : str
        Its official label, shown in messages.
    alt_labels : tuple of str
        Other names: variants of the label, its forms in the sources.
    abbreviations : tuple of str
        Codes matched exactly (after folding) or by prefix, never fuzzily.
    kind : str
        What it is (``title``, ``year``, ``act`` ...), for the caller.
    """

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    kind: str = ""

    def __str__(self) -> str:
        return self.id if self.label in ("", self.id) else f"{self.id} ({self.label})"


def _date(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).strftime("%Y%m%d")
    except ValueError:
        return None


def name_key(text: str) -> str:
    """The key a label or a typed name is compared by.

    Case, accents, punctuation (:func:`~passerelles.text.fold`), elided and small articles
    (``l'``, ``d'``, ``de``, ``du`` ...) are dropped; ordinals become ``2e`` whatever their
    form (and a spelled-out one misspelt by a letter, if it is one letter off no other);
    dates become ``YYYYMMDD``; letters written apart (``A.R.``, ``C.E.S.S.``) are joined.

    >>> name_key("Attestation de compétences professionnelles du deuxième degré")
    'attestation competences professionnelles 2e degre'
    >>> {name_key(x) for x in ("2e", "2ème", "2eme", "2è", "2nd", "2nde", "deuxième", "second", "seconde")}
    {'2e'}
    >>> {name_key(x) for x in ("1er", "1re", "1ère", "premier", "première")}, name_key("septièmes")
    ({'1e'}, '7e')
    >>> name_key("sixème professionnelle"), name_key("troisème"), name_key("bixième")
    ('6e professionnelle', '3e', 'bixieme')
    >>> {name_key(x) for x in ("Décret du 3 juillet 1991", "décret 3/7/1991", "decret 03-07-1991", "décret 1991-07-03")}
    {'decret 19910703'}
    >>> name_key("A.R. du 1er juin 1984"), name_key("le décret « Missions »"), name_key("2D")
    ('ar 19840601', 'decret missions', '2d')
    >>> name_key("attestation d orientation A"), name_key("2e année D"), name_key("C.E.S.S.")
    ('attestation orientation a', '2e annee d', 'cess')
    """
    tokens = [w for w in fold(_ELISION.sub(" ", text)).split() if w not in _STOPWORDS]
    tokens = [w for n, w in enumerate(tokens) if not (w in ("d", "l") and _elided(tokens, n))]
    words: list[str] = []
    for is_letter, group in groupby(tokens, key=lambda w: len(w) == 1 and w.isalpha()):
        run = list(group)
        if is_letter and len(run) > 1:          # letters written apart: "a r" -> "ar"
            run = ["".join(run)]
        words += [w for w in run if w not in _STOPWORDS]
    text = " ".join(_misspelt_ordinal(w) for w in words)
    text = _ORDINAL_DIGITS.sub(lambda m: f"{int(m[1])}e", text)
    text = _ORDINAL_WORD.sub(lambda m: f"{_ORDINAL_WORDS[m[1]]}e", text)
    text = _DATE_WORDS.sub(lambda m: _date(m[3], _MONTHS[m[2]], m[1]) or m[0], text)
    text = _DATE_YMD.sub(lambda m: _date(m[1], m[2], m[3]) or m[0], text)
    return _DATE_DMY.sub(lambda m: _date(m[3], m[2], m[1]) or m[0], text)


def _misspelt_ordinal(word: str) -> str:
    """``sixème``, ``troisème``: a word one letter off one ordinal word, and off no other, is
    that ordinal (no word of the corpus is one letter off an ordinal word)."""
    if not (5 <= len(word) <= 11 and word.isalpha()) or word.rstrip("s") in _ORDINAL_WORDS:
        return word
    stem = word[:-1] if word.endswith("s") else word
    from rapidfuzz.distance import Levenshtein      # RapidFuzz is loaded by the first name that needs it
    near = {n for w, n in _ORDINAL_WORDS.items() if Levenshtein.distance(stem, w, score_cutoff=1) <= 1}
    return f"{near.pop()}e" if len(near) == 1 else word


def _elided(tokens: list[str], n: int) -> bool:
    """Whether ``tokens[n]`` (``d`` or ``l``) is an elision typed without its apostrophe."""
    after = tokens[n + 1] if n + 1 < len(tokens) else ""
    before = tokens[n - 1] if n else ""
    return len(after) > 1 and after[0] in "aeiouyh" and len(before) != 1


def code_key(text: str) -> str:
    """The key a code is compared by: folded, without spaces.

    >>> {code_key(x) for x in ("C.E.S.S.", "CESS", "c e s s", "Cess")}
    {'cess'}
    >>> code_key("CE 6P") == code_key("CE6P") and code_key("CQ 6") == code_key("cq6")
    True
    """
    return fold(text).replace(" ", "")


def _is_code(name: str) -> bool:
    """Whether a typed name is shaped like a code: short, one word of letters and digits, or
    one word in capitals (``CQSS``, ``CE7P``, ``ATT-REINSERTION``).

    >>> [_is_code(n) for n in ("CQSS", "ce 7p", "ATT-REINSERTION", "réinsertion", "CERTIFICAT DE BASE")]
    [True, True, True, False, False]
    """
    key, words = code_key(name), fold(name).split()
    one_word = len(words) == 1 or not any(c.isspace() for c in name.strip())
    return (len(key) <= CODE_LENGTH
            or (one_word and not any(c.islower() for c in name))
            or (len(words) == 1 and any(c.isdigit() for c in key) and any(c.isalpha() for c in key)))


def _strict_words(name: str) -> set[str]:
    """The words of a name a fuzzy match must contain exactly (see the module's notes)."""
    key_words = name_key(name).split()
    from rapidfuzz.distance import Levenshtein
    strict = {w for w in key_words if any(c.isdigit() for c in w)
              or (len(w) == 1 and w not in _LOOSE_WORDS)
              or (1 < len(w) <= 4 and all(Levenshtein.distance(w, s) > 1 for s in _LOOSE_WORDS))}
    if any(c.islower() for c in name):
        capitals = {fold(w) for w in re.findall(r"[^\W\d_]{2,}", name) if w.isupper()}
        strict |= {w for w in capitals if w in key_words}
    return strict


@dataclass(frozen=True)
class Match:
    """What a name designates: ``entries`` (one, several equally good, or none) and how.

    ``how`` is ``id``, ``code``, ``label``, ``prefix``, ``words``, ``fuzzy`` or ``none``; ``score`` is
    the fuzzy score of the best entry (``None`` before the fuzzy stage).
    """

    entries: tuple[Entry, ...]
    how: str
    score: float | None = None


class NameIndex:
    """The names of a list of entries, folded once, for repeated lookups.

    Parameters
    ----------
    entries : iterable of Entry
        Their order is the order of candidates that score the same.

    Raises
    ------
    ValueError
        If two entries share an id.

    Examples
    --------
    >>> index = NameIndex([Entry("ART45-D2", "Formation « article 45 » au 2e degré", ("article 45", "article 45 D2")),
    ...                    Entry("ART45-D3", "Formation « article 45 » au 3e degré", ("article 45 D3",))])
    >>> index.lookup("formation article 45 au deuxième degré").id
    'ART45-D2'
    >>> [e.id for e in index.match("article 45").entries]
    ['ART45-D2', 'ART45-D3']
    """

    def __init__(self, entries: Iterable[Entry]):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._ids: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            if e.id in self._ids:
                raise ValueError(f"two entries have the id {e.id!r}")
            self._ids[e.id] = i
        self._codes: dict[str, list[int]] = {}
        self._labels: dict[str, list[tuple[int, bool]]] = {}   # key -> (entry, is its label)
        for i, e in enumerate(self.entries):
            codes = {code_key(c) for c in (e.id, *e.abbreviations)} - {""}
            for c in sorted(codes):
                self._codes.setdefault(c, []).append(i)
            for text in (e.label, *e.alt_labels):
                if not text or code_key(text) in codes:
                    continue        # "C.E.S.S.", "CQ 6": an abbreviation written otherwise is a code
                key = name_key(text)
                if key and (i, text == e.label) not in self._labels.get(key, []):
                    self._labels.setdefault(key, []).append((i, text == e.label))
        self._label_keys = sorted(self._labels)
        self._owners = {k: [i for i, _ in owners] for k, owners in self._labels.items()}
        self._words = {k: frozenset(k.split()) for k in self._labels}
        self._code_keys = sorted(self._codes)

    # -- stages -------------------------------------------------------------------------
    def _entries(self, indices: Iterable[int]) -> tuple[Entry, ...]:
        return tuple(self.entries[i] for i in sorted(set(indices)))

    def _extending(self, key: str) -> set[int]:
        """Entries with a longer name that begins with the words of ``key``."""
        return {i for k in self._label_keys if k.startswith(key + " ") for i, _ in self._labels[k]}

    def match(self, name: str) -> Match:
        """What ``name`` designates, stage by stage (see the module's notes); never raises.

        >>> index = NameIndex([Entry("CE6P", "Certificat d'études de 6e année professionnelle", (), ("CE6P",)),
        ...                    Entry("6P", "6e année de l'enseignement professionnel", ("6e professionnelle",))])
        >>> [(m.how, [e.id for e in m.entries]) for m in map(index.match, ("CE 6P", "sixième professionnelle", "6e", "zzz"))]
        [('code', ['CE6P']), ('label', ['6P']), ('prefix', ['6P']), ('none', [])]
        """
        raw = name.strip()
        if raw in self._ids:
            return Match((self.entries[self._ids[raw]],), "id")
        code, key = code_key(raw), name_key(raw)
        if code in self._codes:
            return Match(self._entries(self._codes[code]), "code")
        if key in self._labels:
            owners = self._labels[key]
            by_label = {i for i, is_label in owners if is_label}
            if by_label:
                return Match(self._entries(by_label), "label")
            found = {i for i, _ in owners}
            extending = self._extending(key)
            if found & extending and extending - found:     # a family name: "article 45"
                found |= extending
            return Match(self._entries(found), "label")
        if not code:
            return Match((), "none")
        prefixed = {i for k in self._label_keys if key and k.startswith(key) for i, _ in self._labels[k]}
        prefixed |= {i for k in self._code_keys if k.startswith(code) for i in self._codes[k]}
        if prefixed:
            return Match(self._entries(prefixed), "prefix")
        words = set(key.split())
        named = {i for k in self._label_keys if words and words <= self._words[k] for i, _ in self._labels[k]}
        if named:
            return Match(self._entries(named), "words")
        if _is_code(raw) or not key:
            return Match((), "none")
        strict = _strict_words(raw)
        scores = self._scores(key, [k for k in self._label_keys if strict <= self._words[k]], self._owners, ACCEPT_SCORER)
        best = max(scores.values(), default=0.0)
        if best < ACCEPT_SCORE:
            return Match((), "none", best or None)
        close = sorted((i for i, s in scores.items() if s > best - MARGIN), key=lambda i: (-scores[i], i))
        return Match(tuple(self.entries[i] for i in close), "fuzzy", best)

    def _scores(self, query: str, keys: Sequence[str], owners: dict, scorer: str) -> dict[int, float]:
        """The best score of each entry over ``keys`` (label keys or codes, with their
        ``owners``); ``scorer``: the name of a RapidFuzz ``fuzz`` scorer."""
        from rapidfuzz import fuzz, process     # loaded by the first fuzzy stage: an exact name needs none
        out: dict[int, float] = {}
        for k, score, _ in process.extract(query, keys, scorer=getattr(fuzz, scorer), limit=None):
            for i in owners[k]:
                out[i] = max(score, out.get(i, 0.0))
        return out

    def suggestions(self, name: str) -> tuple[list[Entry], bool]:
        """The entries closest to ``name``, closest first, and whether any is close at all.

        Labels are compared with :data:`SUGGEST_SCORER`, ties broken by :data:`ACCEPT_SCORER`
        (``sixème professionnelle`` shares as many words with 6P as with 3P, but is spelt
        closer to 6P's names); codes with ``ratio`` (an edit similarity), so that ``CQSS`` is
        near ``CESS``. When nothing scores :data:`SUGGEST_SCORE`, the three nearest are given
        (those sharing anything at all) and the flag is ``False``.
        """
        key, code = name_key(name), code_key(name)
        scores: dict[int, float] = {}
        for table in (self._scores(key, self._label_keys, self._owners, SUGGEST_SCORER) if key else {},
                      self._scores(code, self._code_keys, self._codes, "ratio") if code else {}):
            for i, s in table.items():
                scores[i] = max(s, scores.get(i, 0.0))
        spelling = self._scores(key, self._label_keys, self._owners, ACCEPT_SCORER) if key else {}
        ranked = sorted((i for i, s in scores.items() if s > 0), key=lambda i: (-scores[i], -spelling.get(i, 0.0), i))
        close = [i for i in ranked if scores[i] >= SUGGEST_SCORE]
        if close:
            return [self.entries[i] for i in close[:MAX_CANDIDATES]], True
        return [self.entries[i] for i in ranked[:3]], False

    def lookup(self, name: str, what: str = "name") -> Entry:
        """The one entry ``name`` designates.

        Parameters
        ----------
        name : str
            What the user typed.
        what : str
            What is named, for messages: a noun whose plural takes an ``s`` (``act``).

        Returns
        -------
        Entry

        Raises
        ------
        InputError
            If ``name`` is empty.
        UnknownNameError
            If ``name`` designates nothing (with the closest entries) or several entries
            equally well (with them).
        """
        if not code_key(name):
            raise InputError(f"an empty {what}: give an id, an abbreviation or a label")
        m = self.match(name)
        if len(m.entries) == 1:
            return m.entries[0]
        if m.entries:
            more = len(m.entries) - MAX_CANDIDATES
            raise UnknownNameError(f"{name!r} matches {len(m.entries)} {what}s equally well"
                                   + (f" ({more} more not listed)" if more > 0 else "") + "; be more precise",
                                   [str(e) for e in m.entries[:MAX_CANDIDATES]])
        near, close = self.suggestions(name)
        if close:
            raise UnknownNameError(f"unknown {what} {name!r}", [str(e) for e in near])
        error = UnknownNameError(f"unknown {what} {name!r}: nothing is close"
                                 + (f" (the nearest, far off: {', '.join(map(str, near))})" if near else ""))
        error.candidates = [str(e) for e in near]
        raise error



def lookup(entries: Iterable[Entry], name: str, what: str = "name") -> Entry:
    """The one entry ``name`` designates (see the module's notes; :meth:`NameIndex.lookup`).

    >>> years = [Entry("6P", "6e année de l'enseignement professionnel", ("6e professionnelle",), kind="year"),
    ...          Entry("START", "tout élève (aucun titre requis)", kind="start")]
    >>> lookup(years, "sixième professionnelle").id, lookup(years, "tout élève").id
    ('6P', 'START')
    """
    return NameIndex(entries).lookup(name, what)


def entries_from_records(records: Iterable[tuple]) -> list[Entry]:
    """Entries from ``(id, label, alt_labels, abbreviation, kind)`` records.

    ``abbreviation`` is one code, several, or ``None``; ``alt_labels`` may be ``None``. This
    is the adapter for the route names (titles, years, options, START ...).

    >>> [str(e) for e in entries_from_records([("CESS", "Certificat d'enseignement secondaire supérieur",
    ...                                         ["C.E.S.S."], "CESS", "title"), ("START", "tout élève", None, None, "start")])]
    ["CESS (Certificat d'enseignement secondaire supérieur)", 'START (tout élève)']
    """
    out = []
    for id_, label, alts, abbreviation, kind in records:
        codes = (abbreviation,) if isinstance(abbreviation, str) else tuple(abbreviation or ())
        out.append(Entry(str(id_), label or str(id_), tuple(a for a in (alts or ()) if a),
                         tuple(c for c in codes if c), kind or ""))
    return out
