"""The citation grammar: act mentions and locators (article, §, alinéa, point) in French text.

This module only reads text. It finds, in one note or one sentence:

- act mentions: ``Décret du 3 juillet 1991``, ``arrêté royal n°49 du 2 juillet 1982``,
  ``AGCF du 24/04/19``, ``circulaire n°6652 du 14/05/2018``, ``décret « Missions »``,
  ``Décret du 3 juillet 1991 précité``, ``le décret précité``;
- back references: ``Ibidem``, ``Idem``;
- locators: ``art. 6, §1er, al. 1er, 2°``, ``art. 81, 82, 89 et 90``, ``art. 24-29``,
  ``§§1er à 7``, ``al. 3 et 4`` — lists and ranges expand to one locator each;
- amendments: ``tel que modifié par le décret du …``, ``tel qu'inséré par l'article 4 du …``.

Which act a reference finally designates (Ibidem chains, "précité", context checks) is
decided in :mod:`passerelles.legal.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..circular.superscripts import strip_superscripts
from ..text import clean_markup
from .citing import Locator, format_locator  # noqa: F401 (a place in an act, and how it is cited: re-exported)

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "decies")
# The file's own misspellings of a suffix ("2^{quinq}ies", note 175), read as the suffix meant.
_SUFFIX_SLIPS = {"quinqies": "quinquies"}

_DATE = (r"(?P<date>(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"
         r"|(?P<nday>\d{1,2})[/.](?P<nmonth>\d{1,2})[/.](?P<nyear>\d{4}|\d{2})\b)")
_NUMBER = r"(?:\s*n°\s*(?P<number>\d+|B11/[^\s]+))?"
# Each act pattern, most specific first. Group "kind" says how the act is named.
_ACT_PATTERNS = [
    ("agcf", r"(?P<plural>\d+\s+)?arr[êe]t[ée]s?\s+du\s+Gouvernement(?:\s+de\s+la\s+(?:Communauté\s+française|Fédération\s+Wallonie-Bruxelles))?(?:\s*\[\.\.\.\])?\s+du\s+" + _DATE),
    ("agcf", r"AGCF\s+du\s+" + _DATE),
    ("aecf", r"arr[êe]t[ée]\s+de\s+l'Ex[ée]cutif(?:\s+de\s+la\s+Communauté\s+française)?\s+du\s+" + _DATE),
    ("arrete-royal", r"arr[êe]t[ée]\s+royal" + _NUMBER + r"\s+du\s+" + _DATE),
    ("loi", r"loi(?:-programme)?\s+du\s+" + _DATE),
    ("decret", r"d[ée]cret(?:\s+«\s*(?P<nick>[^»]+?)\s*»)?\s+du\s+" + _DATE),
    # "le Parlement a adopté le 13 juin 2018 le décret …": the day of adoption, not the act's date
    ("decret", r"adopt[ée]\s+le\s+" + _DATE + r"\s+le\s+(?P<adopted>d[ée]cret)"),
    ("circulaire", r"circulaires?(?:\s+annuelle)?(?:\s*\(les\)\s*circulaire\(s\)\s*:)?(?:\s+n°)?\s*(?P<number>\d+|B11/[^\s]+)\s+du\s+" + _DATE),
    ("circulaire", r"circulaire\(s\)\s*:\s*(?P<number>\d+)\s+du\s+" + _DATE),
    # "circulaires n°6652 du 14/05/2018 et 7087 du 15/04/2019": the second one
    ("circulaire", r"(?<=\d\s)et\s+(?:n°\s*)?(?P<number>\d{3,5})\s+du\s+" + _DATE),
    ("decret", r"d[ée]cret\s+«\s*(?P<nick>[^»]+?)\s*»"),
    (None, r"arr[êe]t[ée](?:\s+d'application)?\s+du\s+" + _DATE),
    # typed but undated, followed by its title: identified later by the title
    ("agcf", r"arr[êe]t[ée]\s+du\s+Gouvernement\s+de\s+la\s+Communauté\s+française(?=\s+(?:fixant|relatif|portant|définissant))"),
    ("decret", r"(?P<bare>d[ée]cret)\s+(?:pr[ée]cit[ée]|mentionn[ée]\s+ci-(?:avant|dessus))"),
    ("decret", r"\bledit\s+(?P<bare>d[ée]cret)"),
    # "la circulaire n°6652" without its date: identified by its number
    ("circulaire", r"circulaires?\s+n°\s*(?P<number>\d{3,5})\b(?!\s*du\b)"),
]
_ACT_RE = [(t, re.compile(p, re.IGNORECASE)) for t, p in _ACT_PATTERNS]
_PRECITE = re.compile(r"^\s*,?\s*précitée?s?\b", re.IGNORECASE)
_BACKREF = re.compile(r"^\s*(?P<word>Ibidem|Idem)\b\.?", re.IGNORECASE)
_AMEND = re.compile(r"tel(?:le)?s?\s+(?:qu'il\s+a\s+été\s+|que\s+|qu')(?P<how>modifiée?s?|insérée?s?)\s+par\s+(?:l'article\s+(?P<art>\d+\w*)\s+d[eu]\s+(?:l[ae']\s*)?)?", re.IGNORECASE)
# Title: what follows the date up to the locator or the end of the clause (outside quotes).
_TITLE_STOP = re.compile(
    r"(?:,\s*(?:art\.|article|§)|\s+art\.|\s+précité|\s+tel(?:le)?s?\s+qu|[.;]\s|\(\s"
    r"|\s\((?![A-Z0-9][A-Z0-9\- ]{0,10}\))"     # "(code …)" ends a title; an acronym "(CPU)" does not
    r"|[.;]$|\s«\s|,\s*en\s+vigueur|,\s*Moniteur|\s+\[|,\s*§|\s-\s"
    r"|\s(?:sont|est|prévoit|précise|impose|impacte|devront|doivent)\s|(?<!en\sce)\squi\s"
    # "… de plein exercice et de son arrêté d'application du …": another act, not the title
    r"|\s+et\s+(?:de\s+|à\s+)?(?:son|sa|ses|leur|l'|la|le|les|du|des|au|aux)\s*(?:arr[êe]t|d[ée]cret|loi\b|circulaire))",
    re.IGNORECASE)
_TITLE_WORDS = (r"(?:relatif|relative|organisant|portant|définissant|concernant|fixant|visant|modifiant|"
                r"instituant|déterminant|exécutant|approuvant|favorisant|participant)\b")
_TITLE_START = re.compile(r"(?:tel(?:le)?s?\s+que\s+modifiée?s?\s+(?!par\b))?(?P<open>«\s*|\*)?" + _TITLE_WORDS,
                          re.IGNORECASE)
_QUOTED_TITLE = re.compile(r"(?:intitulée?s?\s*)?«\s*(?P<title>[^«»]+?)\s*»", re.IGNORECASE)
# "relatif" cannot qualify a feminine noun: "la Circulaire n°5797 du 30 juin 2016, relatif à …" is
# the subject of the chapter cited just before it, not the circular's title (line 313)
_FEMININE = {"circulaire", "loi"}
# What a title says of an act it names: it executes it, amends it, or only names it.
_RELATIONS = (("executes", re.compile(r"\b(?:exécutant|portant\s+exécution|en\s+exécution)\b", re.IGNORECASE)),
              ("amends", re.compile(r"\bmodifiant\b", re.IGNORECASE)))


@dataclass(frozen=True)
class ActMention:
    """An act named in the text."""

    type: str | None          # decret, loi, arrete-royal, agcf, aecf, circulaire; None if not said
    date: str | None          # ISO date, None for "décret « Missions »" or "décret précité"
    number: str | None = None
    nickname: str | None = None
    title: str | None = None
    precite: bool = False     # written "… précité"
    plural: bool = False      # "2 arrêtés du Gouvernement du …": several acts not told apart
    count: int = 1            # how many acts a plural mention names
    bare_precite: bool = False  # "le décret précité", "ledit décret": no date at all
    adopted: bool = False     # "adopté le 13 juin 2018 le décret": the date of adoption
    start: int = 0
    end: int = 0
    text: str = ""
    title_span: tuple[int, int] | None = None   # where the title stands in the text


@dataclass(frozen=True)
class LocatorGroup:
    """The locators of one ``art. …`` span, with where it stands in the text."""

    locators: tuple[Locator, ...]
    start: int
    end: int
    text: str
    forward: ActMention | None = None   # "article 56, 4° de l'arrêté royal du …": the act after it
    in_quotes: bool = False              # « article 49 »: the name of a kind of formation
    guesses: dict = field(default_factory=dict)   # locator index -> (other reading, why)
    remarks: dict = field(default_factory=dict)   # locator index -> remark on how it was read
    title_of: ActMention | None = None   # the act whose title holds these words, if any


@dataclass(frozen=True)
class TitleLink:
    """An act named inside another act's title (``exécutant le décret du …``): not a citation.

    ``relation`` is ``executes`` (the act executes the one it names), ``amends``, or
    ``names`` (a circular's title that only names an act or one of its articles).
    """

    outer: ActMention
    inner: ActMention
    relation: str
    locators: tuple[Locator, ...] = ()


@dataclass(frozen=True)
class Amendment:
    """``tel que modifié par <act>`` after a citation."""

    how: str                  # modified | inserted
    act: ActMention
    article: str | None
    start: int
    end: int


@dataclass
class ParsedText:
    """Everything the grammar found in one text."""

    text: str                              # the normalised text the offsets refer to
    backref: str | None = None             # "ibidem" | "idem" at the start
    backref_bare: bool = False             # "Ibidem." with nothing after it
    mentions: list[ActMention] = field(default_factory=list)
    groups: list[LocatorGroup] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    title_links: list[TitleLink] = field(default_factory=list)

    def in_title(self, mention: ActMention) -> bool:
        """Whether the mention stands inside another act's title (it is not cited there)."""
        return any(link.inner is mention for link in self.title_links)


# --------------------------------------------------------------------------- normalisation

_SPACED_SUFFIX = re.compile(r"(\d)\s+(" + "|".join(SUFFIXES) + r")\b")
_ART_NOSPACE = re.compile(r"\b(art\.|al\.)(?=\d)")
_PARA_SPACE = re.compile(r"§\s+(?=\d)")
_DOT_DASH = re.compile(r"\.\s*-\s*(?=§)")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The text the grammar reads: markup joined, anchors dropped, spacing regularised.

    Normalisation is idempotent.

    >>> normalize("Ibidem, art. 2^{quater}, §1^{er}, al. 1^{er}, 4^o.")
    'Ibidem, art. 2quater, §1er, al. 1er, 4°.'
    >>> normalize("article 2^{qu}inquies. - § 1^{er}")
    'article 2quinquies, §1er'
    >>> normalize("art. 2 *quinquies*, §1^{er}, al.2 et art.26 et 7 bis")
    'art. 2quinquies, §1er, al. 2 et art. 26 et 7bis'
    """
    text = clean_markup(strip_superscripts(text))
    text = _DOT_DASH.sub(", ", text)
    text = _SPACED_SUFFIX.sub(r"\1\2", text)
    for slip, right in _SUFFIX_SLIPS.items():
        text = re.sub(rf"(\d){slip}\b", rf"\1{right}", text)
    text = _ART_NOSPACE.sub(r"\1 ", text)
    text = _PARA_SPACE.sub("§", text)
    return _SPACES.sub(" ", text).strip()


def iso_date(m: re.Match) -> str | None:
    """ISO date from a match of the date pattern ("3 juillet 1991", "24/04/19")."""
    if m.group("year"):
        return f"{int(m.group('year')):04d}-{MONTHS[m.group('month').lower()]:02d}-{int(m.group('day')):02d}"
    if m.group("nyear"):
        year = int(m.group("nyear"))
        year += 2000 if year < 100 and year < 50 else (1900 if year < 100 else 0)
        return f"{year:04d}-{int(m.group('nmonth')):02d}-{int(m.group('nday')):02d}"
    return None


# --------------------------------------------------------------------------- acts

def find_mentions(text: str) -> list[ActMention]:
    """Act mentions in normalised text, left to right, without overlaps.

    >>> [(m.type, m.date, m.number) for m in find_mentions(
    ...     "Décret du 3 juillet 1991 précité, art. 2 et arrêté royal n°49 du 2 juillet 1982, art. 4")]
    [('decret', '1991-07-03', None), ('arrete-royal', '1982-07-02', '49')]
    >>> m = find_mentions("le décret « Missions » du 24 juillet 1997 précité")[0]
    >>> (m.type, m.date, m.nickname, m.precite)
    ('decret', '1997-07-24', 'Missions', True)
    >>> m = find_mentions("a adopté le 13 juin 2018 le décret *instituant un enseignement expérimental*.")[0]
    >>> (m.date, m.adopted, m.title)
    ('2018-06-13', True, 'instituant un enseignement expérimental')
    >>> [(m.type, m.number, m.date) for m in find_mentions("(cf. tableau 2.5 de la circulaire n°6652), est")]
    [('circulaire', '6652', None)]
    """
    found: list[ActMention] = []
    taken: list[tuple[int, int]] = []
    for act_type, rx in _ACT_RE:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            date = iso_date(m) if groups.get("date") else None
            after = text[m.end():]
            precite = bool(_PRECITE.match(after)) or bool(groups.get("bare"))
            title, span = None, None
            if not groups.get("bare") and not groups.get("nick"):
                found_title = _title(after, act_type)
                if found_title:
                    title, (a, b) = found_title
                    span = (m.end() + a, m.end() + b)
            found.append(ActMention(
                type=act_type, date=date, number=groups.get("number"),
                nickname=groups.get("nick"), title=title, precite=precite,
                plural=bool(groups.get("plural")), count=int(groups.get("plural") or 1),
                bare_precite=bool(groups.get("bare")),
                adopted=bool(groups.get("adopted")),
                start=m.start(), end=m.end(), text=m.group(0), title_span=span))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)


def _title(after: str, act_type: str | None) -> tuple[str, tuple[int, int]] | None:
    """The title that follows an act's date, and where it stands in ``after``.

    A title opens with the words acts' titles open with (``organisant``, ``relatif`` …) or
    stands in quotes (``intitulée « … »``); it ends at the locator, at the end of the clause,
    or at the closing quote. Quoted words inside it (a section's name) are kept whole.

    >>> _title(" organisant l'enseignement secondaire en alternance, art. 2", "decret")[0]
    "organisant l'enseignement secondaire en alternance"
    >>> _title(" instituant un enseignement (CPU), en ce qui concerne X, et portant Y. Certaines", "decret")[0]
    'instituant un enseignement (CPU), en ce qui concerne X, et portant Y'
    >>> _title(" tel que modifié portant exécution de la loi tel qu'il a été modifié par", "arrete-royal")[0]
    'portant exécution de la loi'
    >>> _title(" intitulée « Formulaires électroniques relatifs à la Sanction des études ».", "circulaire")[0]
    'Formulaires électroniques relatifs à la Sanction des études'
    >>> _title(", relatif à l'enseignement en alternance", "circulaire") is None
    True
    >>> _title(" relatif à la protection des stagiaires - Modifications des mécanismes » devront", "arrete-royal")[0]
    'relatif à la protection des stagiaires'
    """
    stripped = after.lstrip(" ,")
    offset = len(after) - len(stripped)
    quoted = _QUOTED_TITLE.match(stripped)
    if quoted and (act_type == "circulaire" or re.match(r"«\s*" + _TITLE_WORDS, stripped, re.IGNORECASE)
                   or stripped.lower().startswith("intitul")):
        return quoted.group("title").strip(" *"), (offset + quoted.start("title"), offset + quoted.end("title"))
    start = _TITLE_START.match(stripped)
    if not start:
        return None
    first = stripped[start.start("open") if start.group("open") else start.end() - len(start.group(0).split()[-1]):]
    begin = len(stripped) - len(first)
    if first.lower().startswith(("relatif ", "relative ")) and act_type is not None:
        if first.lower().startswith("relatif ") == (act_type in _FEMININE):
            return None
    end = _title_end(first)
    title = first[:end].strip(" ,.*«»)")
    if not title:
        return None
    lead = len(first) - len(first.lstrip(" ,.*«»)"))
    return title, (offset + begin + lead, offset + begin + lead + len(title))


def _title_end(text: str) -> int:
    """Where a title ends: the first stop outside quotes, or an unmatched closing quote."""
    depth = 0
    straight = False
    for i, ch in enumerate(text):
        if ch == "«":
            depth += 1
        elif ch == "»":
            if depth == 0:
                return i
            depth -= 1
        elif ch == '"':
            straight = not straight
        if depth or straight:
            continue
        stop = _TITLE_STOP.match(text, i)
        if stop and (i > 0 or not text[i].isspace()):
            return i
    return len(text)


# --------------------------------------------------------------------------- locators

_LOC_TOKEN = re.compile(
    r"(?P<art>\barticles?\b|\bart\.\s?)"
    r"|(?P<para>§§?|\bparagraphes?\b)"
    r"|(?P<al>\bal\.|\balinéas?\b)"
    r"|(?P<num>\d+(?:/\d+)?(?:er|ère|re)?(?:" + "|".join(SUFFIXES) + r")?)(?P<deg>\s?°)?(?![\d/])"
    r"|(?P<sep>,|;|\s-\s|\bet\b|\bou\b|\bà\b|(?<=\d)-(?=\d))"
    r"|(?P<space>\s+)",
    re.IGNORECASE)
_LEVELS = ("article", "paragraph", "alinea", "point")
# "article 2bis, §1er, 1°, (« Art. 49 ») du décret du …": a parenthesis may stand between
_FORWARD = re.compile(r"^\s*(?:,\s*)?(?:\([^()]{0,40}\)\s*)?(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)", re.IGNORECASE)


def _value(raw: str) -> str:
    """Normalised locator value: ``1er`` → ``1``, ``2quater`` kept.

    >>> [_value(v) for v in ("1er", "2quater", "26bis", "2/1", "1ère")]
    ['1', '2quater', '26bis', '2/1', '1']
    """
    return re.sub(r"^(\d+)(?:er|ère|re)$", r"\1", raw, flags=re.IGNORECASE).lower()


def parse_locators(text: str, start: int = 0,
                   guesses: dict[int, tuple[Locator, str]] | None = None,
                   remarks: dict[int, str] | None = None) -> tuple[list[Locator], int]:
    """Read locators from ``text[start:]``, which begins with ``art.``/``article`` or ``§``.

    Returns the locators (lists and ranges expanded) and the offset where the span ends.
    Where the text can be read two ways (``articles 9, §§1er, 10 et 11``: 10 and 11 may be
    articles or paragraphs of art. 9), ``guesses`` (if given) receives, for the index of each
    locator so read, the other reading and why. A bare number after a single ``§1er,`` can
    only be a point written without its ``°`` (a paragraph would take a ``§``): ``remarks``
    (if given) receives that remark.

    >>> remarks = {}
    >>> [(l.article, l.paragraph, l.point) for l in parse_locators("art. 3, §1er, 8 et", remarks=remarks)[0]]
    [('3', '1', '8')]
    >>> remarks
    {0: '« art. 3, §1er, 8 »: 8 is written without °; read as point 8°'}

    >>> locs, _ = parse_locators("art. 6, §1er, al. 1er, 2°.")
    >>> [(l.article, l.paragraph, l.alinea, l.point) for l in locs]
    [('6', '1', '1', '2')]
    >>> [l.article for l in parse_locators("art. 81, 82, 89 et 90 et à la")[0]]
    ['81', '82', '89', '90']
    >>> [l.article for l in parse_locators("art. 24-29.")[0]]
    ['24', '25', '26', '27', '28', '29']
    >>> [(l.article, l.paragraph) for l in parse_locators("art. 12, §§1er à 7.")[0]]
    [('12', '1'), ('12', '2'), ('12', '3'), ('12', '4'), ('12', '5'), ('12', '6'), ('12', '7')]
    >>> [(l.article, l.alinea) for l in parse_locators("art. 9, al. 3 et 4.")[0]]
    [('9', '3'), ('9', '4')]
    >>> [(l.article, l.point, l.alinea) for l in parse_locators("art. 18, 2°, al. 2.")[0]]
    [('18', '2', '2')]
    """
    out: list[dict] = []
    cur: dict | None = None
    level: str | None = None
    pending_range = False
    plural = False
    doubt: tuple[str, str] | None = None   # (article, why) once a list turned doubtful
    pos = start
    end = start
    last_sep = None
    for m in _LOC_TOKEN.finditer(text, start):
        if m.start() != pos:
            break
        pos = m.end()
        kind = m.lastgroup if m.lastgroup != "deg" else "num"
        if kind == "space":
            continue
        if kind == "art":
            if cur is not None and cur["article"] is not None:
                cur = None
            level = "article"
            plural = m.group("art").lower().startswith("articles")
            last_sep = None
            doubt = None
            continue
        if kind in ("para", "al"):
            level = "paragraph" if kind == "para" else "alinea"
            last_sep = None
            doubt = None
            continue
        if kind == "sep":
            sep = m.group("sep").strip().lower() or ","
            if sep == "-" and m.group("sep") != "-":
                sep = ","
            if sep in ("à", "-"):
                pending_range = True
            elif sep == ";":
                break
            last_sep = sep
            continue
        # a number
        if level is None:
            break
        value = _value(m.group("num"))
        lvl = "point" if m.group("deg") else level
        other = None
        if doubt is not None and lvl == "article" and not m.group("deg"):
            # the rest of a list read as articles after a doubtful number is doubtful too
            other = (Locator(doubt[0], value), doubt[1])
        elif plural and not m.group("deg") and last_sep == "," and level != "article" and cur is not None:
            # "articles 9, §§1er, 10 et 11": after a comma, a bare number is the next article
            # (or a further paragraph of the same article)
            other = (Locator(cur["article"], value), f"« {text[start:m.end()].strip()} »: {value} read as an "
                     f"article; it may be a paragraph of art. {cur['article']}")
            doubt = (cur["article"], other[1])
            lvl = level = "article"
        elif level == "paragraph" and not m.group("deg") and last_sep == "," and cur is not None:
            # "art. 3, §1er, 8" (note 224): a bare number after a paragraph is a point written
            # without "°" — a further paragraph would be written "§8" or follow "§§"
            if remarks is not None:
                remarks[len(out) - 1] = (f"« {text[start:m.end()].strip()} »: {value} is written without °; "
                                         f"read as point {value}°")
            lvl = "point"
        if other is not None and guesses is not None:
            guesses[len(out) if cur[lvl] is not None or pending_range else len(out) - 1] = other
        if cur is None:
            cur = dict.fromkeys(_LEVELS)
            cur[lvl] = value
            out.append(cur)
        elif cur[lvl] is None and not pending_range:
            cur[lvl] = value
        else:
            values = [value]
            if pending_range and cur[lvl] and cur[lvl].isdigit() and value.isdigit() and int(value) > int(cur[lvl]):
                values = [str(v) for v in range(int(cur[lvl]) + 1, int(value) + 1)]
            for v in values:
                nxt = dict(cur)
                for lower in _LEVELS[_LEVELS.index(lvl):]:
                    nxt[lower] = None
                nxt[lvl] = v
                out.append(nxt)
                cur = nxt
        pending_range = False
        end = m.end()
        last_sep = None
    del last_sep
    return [Locator(**d) for d in out], end


def _locator_starts(text: str):
    for m in re.finditer(r"\b(?:articles?|art\.)\s?(?=\d)|(?<![\w§])§\s?(?=\d)", text, re.IGNORECASE):
        yield m.start()


# --------------------------------------------------------------------------- whole texts

def parse_text(raw: str) -> ParsedText:
    """Everything the grammar finds in one footnote or sentence.

    Parameters
    ----------
    raw : str
        The text as in the file (markup allowed).

    Returns
    -------
    ParsedText
        Normalised text, back reference, act mentions, locator groups and amendments.

    Examples
    --------
    >>> p = parse_text("Ibidem, art. 26, §1^{er} tel que modifié par le décret du 26 mars 2009 « participant … »")
    >>> p.backref, [(l.article, l.paragraph) for g in p.groups for l in g.locators]
    ('ibidem', [('26', '1')])
    >>> [(a.how, a.act.date) for a in p.amendments]
    [('modified', '2009-03-26')]
    >>> g = parse_text("L'article 56, 4^o de l'arrêté royal du 29 juin 1984 relatif à …").groups[0]
    >>> (g.locators[0].article, g.locators[0].point, g.forward.type, g.forward.date)
    ('56', '4', 'arrete-royal', '1984-06-29')
    """
    text = normalize(raw)
    parsed = ParsedText(text=text)
    if m := _BACKREF.match(text):
        parsed.backref = m.group("word").lower()
        parsed.backref_bare = not text[m.end():].strip(" .")
    parsed.mentions = find_mentions(text)
    for m in _AMEND.finditer(text):
        follower = next((x for x in parsed.mentions if x.start >= m.end() and x.start - m.end() <= 3), None)
        if follower is None:
            # "tel que modifié" with no act named: nothing to link
            continue
        how = "inserted" if m.group("how").lower().startswith("ins") else "modified"
        parsed.amendments.append(Amendment(how, follower, m.group("art"), m.start(), follower.end))
    amend_spans = [(a.start, a.end) for a in parsed.amendments]
    consumed_until = -1
    for s in _locator_starts(text):
        if s < consumed_until or any(a <= s < b for a, b in amend_spans):
            continue
        guesses: dict[int, tuple[Locator, str]] = {}
        remarks: dict[int, str] = {}
        locators, end = parse_locators(text, s, guesses, remarks)
        if not locators:
            continue
        consumed_until = end
        forward = None
        tail = text[end:]
        fw = _FORWARD.match(tail)
        if fw:
            forward = next((x for x in parsed.mentions if x.start == end + fw.end()), None)
        before = text[:s].rstrip()
        quoted = bool(re.search(r"(?:«|(?:^|\s)['‘])\s*$", before)) or tail.lstrip().startswith(("»", "'", "’"))
        bare = all(loc.paragraph is None and loc.alinea is None and loc.point is None for loc in locators)
        # « article 49 », 'Article 45', (alternance art.49), formation article 45: names of
        # kinds of formation, not citations — unless the act follows the quotes: « article 45 »
        # et « article 49 » du décret « Missions » (lines 484, 1558) cites both articles
        named = bare and re.search(r"(?:alternance|formations?|dites?|en|relevant\s+de\s+l'|homonyme)\s*\(?\s*$",
                                   before, re.IGNORECASE) and not fw
        if quoted and (after_quotes := _QUOTED_FORWARD.match(tail)):
            forward = next((x for x in parsed.mentions if x.start == end + after_quotes.end()
                            and (x.date or x.nickname)), None)
        in_quotes = bool((quoted and forward is None) or named)
        parsed.groups.append(LocatorGroup(tuple(locators), s, end, text[s:end].strip(" ,."),
                                          forward, in_quotes, guesses, remarks))
    _link_titles(parsed)
    return parsed


# After « article 45 »: further quoted articles, then the act ("» et « article 49 » du décret …").
_QUOTED_FORWARD = re.compile(r"\s*»(?:\s*(?:,|et)\s*«\s*articles?\s+[\d\s,et]+»)*\s*"
                             r"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)", re.IGNORECASE)


def _link_titles(parsed: ParsedText) -> None:
    """Acts (and articles) named inside another act's title become title links, not citations.

    >>> p = parse_text("Arrêté de l'Exécutif de la Communauté française du 31 août 1992 exécutant le décret "
    ...                "du 29 juillet 1992 portant organisation de l'enseignement, art. 21.")
    >>> [(l.outer.type, l.inner.date, l.relation) for l in p.title_links]
    [('aecf', '1992-07-29', 'executes')]
    >>> p.groups[0].title_of is None
    True
    """
    for outer in parsed.mentions:
        if outer.title_span is None:
            continue
        a, b = outer.title_span
        for inner in parsed.mentions:
            if inner is outer or not a <= inner.start < b:
                continue
            if any(link.inner is inner for link in parsed.title_links):
                continue
            words = parsed.text[outer.end:inner.start]
            relation = next((name for name, rx in _RELATIONS if rx.search(words)), "names")
            locators = tuple(loc for g in parsed.groups if g.forward is inner and a <= g.start < b
                             for loc in g.locators)
            parsed.title_links.append(TitleLink(outer, inner, relation, locators))
        parsed.groups[:] = [replace(g, title_of=outer) if a <= g.start < b and g.title_of is None else g
                            for g in parsed.groups]


# --------------------------------------------------------------------------- formatting

# --------------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÉÈÊÀÂÎÔÛÇ«])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a normalised paragraph, as ``(start, end)`` offsets.

    A sentence ends at ``.``, ``;``, ``!`` or ``?`` followed by a capital; ``art. 2`` or
    ``cf. circulaire`` do not end one.

    >>> t = "Les élèves visés à l'art. 2bis, §2 sont inscrits. Ils suivent la formation."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ["Les élèves visés à l'art. 2bis, §2 sont inscrits.", 'Ils suivent la formation.']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans
