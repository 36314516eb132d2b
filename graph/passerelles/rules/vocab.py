"""The closed vocabularies of the curated data, declared once.

Every value the rule files may take for a field with a fixed set of values is a member of
one of these ``StrEnum``: the loader refuses anything else (with the file and line), the RDF
export writes their values, and a test checks that the ontology's shapes list the same ones.

>>> Regime("article-49") is Regime.ARTICLE_49, str(Regime.ARTICLE_49)
(True, 'article-49')
>>> [m.value for m in AccessClass]
['L', 'S-O', 'O', 'unknown']
>>> within(Jurisdiction.BE_FWB, "BE"), SYSTEM_JURISDICTION[System.CQP].value
(True, 'FR')
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
    # the other systems of the corpus (documents 000-003)
    PROMOTION_SOCIALE = "promotion-sociale"          # enseignement de promotion sociale (000)
    ENSEIGNEMENT_SUPERIEUR = "enseignement-superieur"  # hautes écoles et universités (000, l. 8)
    FORMATION_PROFESSIONNELLE = "formation-professionnelle"   # a training towards a CQP or a titre
    VAE = "vae"                                      # validation des acquis de l'expérience (002)
    SESSION_EXAMEN = "session-examen"                # the exam sessions of the titre professionnel (003)
    EQUIVALENCE = "equivalence"                      # a decision of equivalence between titles (000, l. 23)


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
    PART = "part"             # a part of a qualification awarded alone (a CCP, a bloc de compétences)
    UNKNOWN = "unknown"       # the source names the title without saying what it is (the CAP, l. 19 of 000)


class Issuer(StrEnum):
    CONSEIL_DE_CLASSE = "conseil-de-classe"
    JURY_DE_QUALIFICATION = "jury-de-qualification"
    CONSEIL_DE_DIRECTION = "conseil-de-direction"
    JURY = "jury"
    JURY_PARITAIRE_NATIONAL = "jury-paritaire-national"
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
    EQUIVALENCE = "equivalence"    # a title counts as another by a decision (external): crosses systems
    BRIDGE = "bridge"              # a passerelle between qualifications (shared parts), named as a class
    DENIAL = "denial"              # the text says a title does NOT lead there (never a step)
    FUNDING = "funding"            # how a formation may be financed (shown on the step, never a step)


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
    # bodies of the other systems
    ECOLE_PROMOTION_SOCIALE = "ecole-promotion-sociale"
    SERVICE_DES_EQUIVALENCES = "service-des-equivalences"
    BRANCHE_PROFESSIONNELLE = "branche-professionnelle"
    JURY_PARITAIRE_NATIONAL = "jury-paritaire-national"
    JURY_DE_PROFESSIONNELS = "jury-de-professionnels"
    JURY_INDEPENDANT = "jury-independant"
    ORGANISME_EVALUATEUR = "organisme-evaluateur-habilite"
    ORGANISME_DE_FORMATION = "organisme-de-formation-habilite"
    JURY_TP = "jury-titre-professionnel"
    CENTRE_AGREE = "centre-agree"


#: French names of the bodies (what the documents call them).
BODY_LABELS = {
    "conseil-de-classe": "conseil de classe", "conseil-admission": "conseil d'admission",
    "jury-de-qualification": "jury de qualification", "conseil-de-direction": "conseil de direction",
    "ministre": "ministre", "organisme-guidance": "organisme de guidance", "parents": "parents",
    "coordonnateur": "coordonnateur", "jury": "jury", "unknown": "inconnu",
    "ecole-promotion-sociale": "école de promotion sociale", "service-des-equivalences": "service des équivalences",
    "branche-professionnelle": "branche professionnelle", "jury-paritaire-national": "jury paritaire national",
    "jury-de-professionnels": "jury de professionnels", "jury-independant": "jury indépendant",
    "organisme-evaluateur-habilite": "organisme évaluateur habilité",
    "organisme-de-formation-habilite": "organisme de formation habilité par la branche",
    "jury-titre-professionnel": "jury du titre professionnel", "centre-agree": "centre agréé",
}


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
    EXAMEN_ADMISSION = "examen-admission"        # 000, l. 35
    EQUIVALENCE = "equivalence"                  # 000, l. 23
    VALIDATION_PARTIELLE = "validation-partielle"   # 002, l. 34
    PROPOSITION = "proposition"                  # the jury of the titre professionnel proposes (003, l. 19)


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
    """Where a title or rule belongs (a title's jurisdiction of origin in a pupil's record): a
    small SKOS scheme, BE-FWB within BE (:data:`JURISDICTION_BROADER`)."""

    BE = "BE"
    BE_FWB = "BE-FWB"
    FR = "FR"


#: The broader jurisdiction of each (SKOS ``broader``): the Fédération Wallonie-Bruxelles is in Belgium.
JURISDICTION_BROADER = {Jurisdiction.BE_FWB: Jurisdiction.BE}

JURISDICTION_LABELS = {
    Jurisdiction.BE: "Belgique",
    Jurisdiction.BE_FWB: "Fédération Wallonie-Bruxelles (Belgique)",
    Jurisdiction.FR: "France",
}


def within(jurisdiction: str, scope: str) -> bool:
    """Whether ``jurisdiction`` is ``scope`` or lies within it (BE-FWB within BE).

    >>> within("BE-FWB", "BE"), within("BE", "BE-FWB"), within("FR", "FR")
    (True, False, True)
    """
    j: str | None = jurisdiction
    while j is not None:
        if j == scope:
            return True
        j = JURISDICTION_BROADER.get(Jurisdiction(j)) if j in Jurisdiction._value2member_map_ else None
    return False


class System(StrEnum):
    """The systems of education and certification the corpus describes; a route never
    crosses from one to another but through a rule that says so."""

    ENSEIGNEMENT_SECONDAIRE = "enseignement-secondaire"   # FWB secondary, plein exercice and alternance (004)
    PROMOTION_SOCIALE = "promotion-sociale"               # FWB adult education (000)
    ENSEIGNEMENT_SUPERIEUR = "enseignement-superieur"     # hautes écoles and universités (000, l. 8)
    CQP = "cqp"                                           # French CQP, created by a professional branch (001, 002)
    TITRE_PROFESSIONNEL = "titre-professionnel"           # French titre professionnel (003)
    AUTRES_TITRES_FR = "autres-titres-fr"                 # French titles the corpus names outside those (a CAP, 000 l. 19)


SYSTEM_LABELS = {
    System.ENSEIGNEMENT_SECONDAIRE: "enseignement secondaire (plein exercice et alternance), Fédération Wallonie-Bruxelles",
    System.PROMOTION_SOCIALE: "enseignement de promotion sociale, Fédération Wallonie-Bruxelles",
    System.ENSEIGNEMENT_SUPERIEUR: "enseignement supérieur (hautes écoles et universités), Fédération Wallonie-Bruxelles",
    System.CQP: "certificats de qualification professionnelle des branches (France)",
    System.TITRE_PROFESSIONNEL: "titre professionnel (France)",
    System.AUTRES_TITRES_FR: "autres titres français nommés par le corpus",
}

#: The jurisdiction of each system.
SYSTEM_JURISDICTION = {
    System.ENSEIGNEMENT_SECONDAIRE: Jurisdiction.BE_FWB, System.PROMOTION_SOCIALE: Jurisdiction.BE_FWB,
    System.ENSEIGNEMENT_SUPERIEUR: Jurisdiction.BE_FWB, System.CQP: Jurisdiction.FR,
    System.TITRE_PROFESSIONNEL: Jurisdiction.FR, System.AUTRES_TITRES_FR: Jurisdiction.FR,
}


class SourceKind(StrEnum):
    """The standing of a source document: what kind of text says what the graph holds."""

    LEGAL_TEXT = "legal-text"
    CIRCULAR = "administrative-circular"
    INFORMATION_SERVICE = "information-service"
    SCHOOL_PAGE = "school-page"
    BRANCH_GUIDE = "branch-guide"
    CENTRES_GUIDE = "centres-guide"


SOURCE_KIND_LABELS = {
    SourceKind.LEGAL_TEXT: "texte légal",
    SourceKind.CIRCULAR: "circulaire administrative",
    SourceKind.INFORMATION_SERVICE: "service d'information",
    SourceKind.SCHOOL_PAGE: "page d'une école",
    SourceKind.BRANCH_GUIDE: "guide de branche professionnelle",
    SourceKind.CENTRES_GUIDE: "guide pour centres agréés",
}


class Modality(StrEnum):
    """How firmly a source says what it says."""

    STATED = "stated"             # assertive
    HEDGED = "hedged"             # with a hedge word: vraisemblablement, normalement, pourraient …
    TYPICAL = "typical"           # a usual value: « généralement en deux ans »
    POSSIBLE = "possible"         # a permission or an option: « peut », « il est possible »
    CONDITIONAL = "conditional"   # « si … »
    NEGATIVE = "negative"         # states that something is not so


MODALITY_LABELS = {
    Modality.STATED: "affirmé", Modality.HEDGED: "avec réserve", Modality.TYPICAL: "valeur habituelle",
    Modality.POSSIBLE: "possibilité", Modality.CONDITIONAL: "sous condition", Modality.NEGATIVE: "négation",
}


class Speaker(StrEnum):
    """Who says it in the document: its author, a reader (a question or testimony in the
    comments), or a reply to a reader."""

    AUTHOR = "author"
    READER = "reader"
    ANSWER = "answer"


SPEAKER_LABELS = {Speaker.AUTHOR: "l'auteur", Speaker.READER: "un lecteur", Speaker.ANSWER: "une réponse à un lecteur"}


class Role(StrEnum):
    """What a body does for a qualification."""

    CREATES = "creates"
    ORGANISES = "organises"
    EVALUATES = "evaluates"
    PROPOSES = "proposes"
    AWARDS = "awards"
    ACCREDITS = "accredits"
    RECOGNISES = "recognises"


ROLE_LABELS = {
    Role.CREATES: "crée", Role.ORGANISES: "organise", Role.EVALUATES: "évalue", Role.PROPOSES: "propose",
    Role.AWARDS: "délivre", Role.ACCREDITS: "agrée ou habilite", Role.RECOGNISES: "reconnaît",
}


class Funder(StrEnum):
    """Who may pay for a formation (``funding`` rules, 002 l. 18, 27)."""

    CPF = "cpf"
    AUTOFINANCEMENT = "autofinancement"
    EMPLOYEUR = "employeur"
    POLE_EMPLOI = "pole-emploi"


FUNDER_LABELS = {Funder.CPF: "compte personnel de formation (CPF)", Funder.AUTOFINANCEMENT: "autofinancement",
                 Funder.EMPLOYEUR: "employeur (plan de développement des compétences)", Funder.POLE_EMPLOI: "Pôle emploi"}


class Status(StrEnum):
    """Who a person is for the CQP (001, l. 35): the populations its access names."""

    FORMATION_INITIALE = "formation-initiale"
    DEMANDEUR_EMPLOI = "demandeur-emploi"
    SALARIE = "salarie"


STATUS_LABELS = {Status.FORMATION_INITIALE: "jeune en formation initiale", Status.DEMANDEUR_EMPLOI: "demandeur d'emploi",
                 Status.SALARIE: "salarié"}


class Register(StrEnum):
    """The French registers of certifications (002, l. 14, 18)."""

    RNCP = "RNCP"
    RS = "RS"


class Purpose(StrEnum):
    """What a registration is asked for: the VAE (RNCP only) or the CPF (RNCP or RS)."""

    VAE = "vae"
    CPF = "cpf"


class ExperienceKind(StrEnum):
    PROFESSIONNELLE = "professionnelle"
    EXTRA_PROFESSIONNELLE = "extra-professionnelle"


class Event(StrEnum):
    """Events a window of time is reckoned from or before."""

    SESSION_RESULT = "session-result"              # the result of an exam session
    START_OF_TRAINING = "start-of-training"        # « avant le début de la formation » (000, l. 35)
    START_OF_SECOND_TERM = "start-of-second-term"  # « avant le début du second trimestre de cours » (000, l. 35)


class SlipKind(StrEnum):
    """A secondary document's own slips, as ``check`` reports them."""

    LOST_CROSS_REFERENCE = "lost-cross-reference"
    MIS_THREADED_REPLY = "mis-threaded-reply"
    UNANSWERED_QUESTION = "unanswered-question"
    UNDEFINED_REFERENCE = "undefined-reference"
    LOST_CONTENT = "lost-content"
    NAVIGATION_DEBRIS = "navigation-debris"
    DUPLICATE_PASSAGE = "duplicate-passage"
    TWO_NAMES = "two-names"
    UNSTATED_ACTOR = "unstated-actor"
    EXTERNAL_REFERENCE = "external-reference"
    AMBIGUOUS_SCOPE = "ambiguous-scope"
    UNDATED = "undated"
    TYPO = "typo"


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
