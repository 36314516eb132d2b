"""The filters of a route question, declared once for ``route``, ``explain`` and ``diagram
route`` (checked by the front door, :data:`passerelles.routes.service.FILTERS`); their help
lists the values of the route model's vocabularies, so only these commands import it."""

from __future__ import annotations

import typer

from ..routes.service import CONTRACTS, JURISDICTIONS, REGIMES, REGISTERS, STATUSES

AGE = typer.Option(None, "--age", metavar="YEARS", help="The pupil's age (at the reference date of each condition).")
ADULT = typer.Option(None, "--adult/--minor", help="The pupil is of age (majeur) / a minor.")
CONTRACT = typer.Option(None, "--contract", metavar="KIND", help=f"A contract concluded (repeatable): {', '.join(CONTRACTS)}.")
HOLDS = typer.Option(None, "--holds", metavar="TITLE",
                     help="Another title held (repeatable), e.g. CQ6. An attestation that closes a year (AO-B, AO-C, "
                          "AF-LIBRE) closes FROM's year: FROM 3P --holds AO-C is a 3P not completed with success.")
REGIME = typer.Option(None, "--regime", metavar="R", help=f"Only steps in this regime: {', '.join(REGIMES)}.")
SECTOR = typer.Option(None, "--sector", metavar="N", help="Only 7th-year options of this sector (1-10).")
YEAR = typer.Option(None, "--year", metavar="YYYY-YYYY", help="Only rules valid in this school year, e.g. 2019-2020.")
JURISDICTION = typer.Option(None, "--jurisdiction", metavar="J",
                            help=f"Only rules of this jurisdiction ({', '.join(JURISDICTIONS)}; BE includes BE-FWB).")
EXPERIENCE = typer.Option(None, "--experience", metavar="SPAN",
                          help="Experience related to the certification sought: 2y, 18m, 1.5 (years).")
STATUS = typer.Option(None, "--status", metavar="S", help=f"The person's status (repeatable): {', '.join(STATUSES)}.")
REGISTERED = typer.Option(None, "--registered", metavar="R",
                          help=f"Registers of the certification sought (repeatable): {', '.join(REGISTERS)}.")
SINCE_RESULT = typer.Option(None, "--since-result", metavar="SPAN",
                            help="Time since the result of the last exam session: 14m, 2y.")
MISSING = typer.Option(None, "--missing", metavar="N",
                       help="Parts still missing (CCP of a titre, blocs of a CQP) when FROM is a part.")
K = typer.Option(3, "--k", metavar="N", help="How many of the shortest routes (1-50).")
ALL = typer.Option(False, "--all", help="Every simple route instead of the k shortest.")
MAX_YEARS = typer.Option(None, "--max-years", metavar="N", help="With --all: at most this many school years.")


def filters(age=None, adult=None, contract=None, holds=None, regime=None, sector=None, year=None, jurisdiction=None,
            experience=None, status=None, registered=None, since_result=None, missing=None) -> dict:
    """The filters of a route question as the front door takes them (the ones given)."""
    given = {"age": age, "adult": adult, "contracts": contract, "holds": holds, "regime": regime, "sector": sector,
             "year": year, "jurisdiction": jurisdiction, "experience": experience, "status": status,
             "registered": registered, "since_result": since_result, "missing": missing}
    return {k: v for k, v in given.items() if v not in (None, [], ())}
