"""The closed vocabularies of the curated data, declared once.

Every value the rule files may take for a field with a fixed set of values is a member of
one of these ``StrEnum``: the loader refuses anything else (with the file and line), the RDF
export writes their values, and a test checks that the ontology's shapes list the same ones.

>>> Regime("article-49") is Regime.ARTICLE_49, str(Regime.ARTICLE_49)
(True, 'article-49')
>>> [m.value for m in AccessClass]
['L', 'S-O', 'O', 'unknown']
"""

from __future__ import annotations

from enum import StrEnum


class Regime(StrEnum):
    """Where a year or formation is organised (``plein-exercice``, the CEFA formations …)."""

    PLEIN_EXERCICE = "plein-exercice"
    ARTICLE_49 = "article-49"
    ARTICLE_45 = "article-45"
    URGENCE = "urgence"
    MFI = "mfi"
    SPECIALISE_F3 = "specialise-f3"
    SPECIALISE_F4 = "specialise-f4"


class Form(StrEnum):
    P = "P"
    TQ = "TQ"
    G = "G"
    GTA = "GTA"
    SPEC = "SPEC"


class Degree(StrEnum):
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    SEVENTH = "7"


class TitleKind(StrEnum):
    CERTIFICAT = "certificat"
    ATTESTATION = "attestation"
    RAPPORT = "rapport"
    DIPLOME = "diplome"


class Issuer(StrEnum):
    CONSEIL_DE_CLASSE = "conseil-de-classe"
    JURY_DE_QUALIFICATION = "jury-de-qualification"
    CONSEIL_DE_DIRECTION = "conseil-de-direction"
    JURY = "jury"
    UNKNOWN = "unknown"


class RuleKind(StrEnum):
    """What a rule does: admit to a year, award a title, classify 7th-year options, or give
    a title held an effect on the next steps (``effect``)."""

    ADMISSION = "admission"
    AWARD = "award"
    REINSERTION = "reinsertion"
    PASSAGE = "passage-specialise"
    CHANGE_OF_FORM = "change-of-form"
    OPTION_ACCESS = "option-access"
    EFFECT = "effect"


class FromMode(StrEnum):
    """How the ``from`` years of a rule must have been left."""

    COMPLETED = "completed"   # with success
    ATTENDED = "attended"     # whether or not with success
    ENROLLED = "enrolled"     # currently enrolled in
    FAILED = "failed"         # not completed with success


class AccessClass(StrEnum):
    """Access classes of the 7th-year options (l. 944-948); ``unknown``: the repertory gives none."""

    L = "L"
    S_O = "S-O"
    O = "O"
    UNKNOWN = "unknown"


class SeventhList(StrEnum):
    """The two repertories of 7th years (chapter VI, 4 and 5)."""

    QUALIFIANTE = "7e-qualifiante"
    COMPLEMENTAIRE = "7e-complementaire"


class Effect(StrEnum):
    """What holding a title does to the next steps (``effect`` rules).

    ``next-admission``: the rule's conditions are added to the next admission (AO-B's
    restriction); ``not-next-year``: the next admission may not be into the year above the
    year the title closes (AO-C); ``no-sanction``: the year the title closes is not
    sanctioned — not passed, and no certificate or attestation from it (élève libre).
    """

    NEXT_ADMISSION = "next-admission"
    NOT_NEXT_YEAR = "not-next-year"
    NO_SANCTION = "no-sanction"


class Body(StrEnum):
    CONSEIL_DE_CLASSE = "conseil-de-classe"
    CONSEIL_ADMISSION = "conseil-admission"
    JURY_DE_QUALIFICATION = "jury-de-qualification"
    CONSEIL_DE_DIRECTION = "conseil-de-direction"
    MINISTRE = "ministre"
    ORGANISME_GUIDANCE = "organisme-guidance"
    PARENTS = "parents"
    COORDONNATEUR = "coordonnateur"


class DecisionKind(StrEnum):
    AVIS_FAVORABLE = "avis-favorable"
    AVIS_MOTIVE = "avis-motive"
    DEMANDE_ECRITE = "demande-ecrite"
    DEMANDE = "demande"
    DEROGATION = "derogation"
    ORIENTATION = "orientation"
    AUTORISATION = "autorisation"
    PROPOSITION_MOTIVEE = "proposition-motivee"
    REUSSITE_EPREUVES = "reussite-epreuves"
    DELIVRANCE = "delivrance"
    NON_ADMISSION_EXAMENS = "non-admission-examens"
    JUGEMENT_APTITUDE = "jugement-aptitude"


class Contract(StrEnum):
    """Contracts and conventions of the adult admission groups (l. 582-596 and parallels)."""

    CONTRAT_ALTERNANCE = "contrat-alternance"
    CONTRAT_APPRENTISSAGE = "contrat-apprentissage"
    CONVENTION_EMPLOI_FORMATION = "convention-emploi-formation"
    CONVENTION_PREMIER_EMPLOI = "convention-premier-emploi"
    CONVENTION_ISP_AVANT_2015 = "convention-isp-avant-2015"
    AUTRE_CONTRAT_APPROUVE = "autre-contrat-approuve"


class Orientation(StrEnum):
    SAME = "same"
    CORRESPONDING = "corresponding"
    DIFFERENT = "different"


class NotHolderKind(StrEnum):
    IDENTICAL_OR_EQUIVALENT = "identical-or-equivalent"


class ParameterKind(StrEnum):
    """Dated parameters: an age band, or the date an age is reckoned at."""

    AGE_BAND = "age-band"
    DATE_REFERENCE = "date-reference"


class Jurisdiction(StrEnum):
    """Where a title or rule belongs (a title's jurisdiction of origin in a pupil's record)."""

    BE_FWB = "BE-FWB"


#: French words for the contracts (the circular's own wording).
CONTRACT_LABELS = {
    Contract.CONTRAT_ALTERNANCE: "contrat d'alternance",
    Contract.CONTRAT_APPRENTISSAGE: "contrat d'apprentissage",
    Contract.CONVENTION_EMPLOI_FORMATION: "convention emploi-formation",
    Contract.CONVENTION_PREMIER_EMPLOI: "convention de premier emploi (type 2 ou 3)",
    Contract.CONVENTION_ISP_AVANT_2015: "convention ou stage d'insertion socioprofessionnelle d'avant le 1/09/2015",
    Contract.AUTRE_CONTRAT_APPROUVE: "autre contrat ou convention approuvé par le Gouvernement",
}


def values(enum: type[StrEnum]) -> list[str]:
    """The values of a vocabulary, in declaration order.

    >>> values(Orientation)
    ['same', 'corresponding', 'different']
    """
    return [m.value for m in enum]
