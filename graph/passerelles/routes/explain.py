"""Routes as people and scripts read them: French justifications and the JSON contract."""

from __future__ import annotations

from ..legal.acts import french_date
from ..legal.grammar import Locator, format_locator
from ..legal.identifiers import ACT_TYPES
from ..pathways.conditions import key_of
from .search import Route, Step

_CONTRACTS = {
    "contrat-alternance": "contrat d'alternance",
    "contrat-apprentissage": "contrat d'apprentissage",
    "convention-emploi-formation": "convention emploi-formation",
    "convention-premier-emploi": "convention de premier emploi (type 2 ou 3)",
    "convention-isp-avant-2015": "convention ou stage d'insertion socioprofessionnelle d'avant le 1/09/2015",
    "autre-contrat-approuve": "autre contrat ou convention approuvé par le Gouvernement",
}
_REFERENCE = {"inscription": "au moment de l'inscription", "31-decembre": "au 31 décembre",
              "31-decembre-suivant-rentree": "au 31 décembre qui suit la rentrée"}


def cite(basis: dict) -> str:
    """A provision as a reader cites it.

    >>> cite({"act": {"type": "decret", "date": "1991-07-03"}, "article": "8", "paragraph": "1",
    ...       "alinea": None, "point": None})
    'Décret du 3 juillet 1991, art. 8, §1er'
    """
    act = basis["act"]
    place = format_locator(Locator(basis.get("article"), basis.get("paragraph"), basis.get("alinea"), basis.get("point")))
    name = act.get("label") or f"{ACT_TYPES[act['type']]} du {french_date(act['date'])}"
    return f"{name}, {place}" if place else name


_SHORT = {"decret": "D.", "loi": "L.", "arrete-royal": "A.R.", "agcf": "AGCF", "aecf": "AECF", "circulaire": "Circ."}


def cite_short(basis: dict) -> str:
    """A short citation for diagrams: ``D. 03-07-1991, art. 6 §1``.

    >>> cite_short({"act": {"type": "decret", "date": "1991-07-03"}, "article": "6", "paragraph": "1"})
    'D. 03-07-1991, art. 6 §1'
    """
    act = basis["act"]
    y, m, d = act["date"].split("-")
    parts = [f"art. {basis['article']}" if basis.get("article") else "",
             f"§{basis['paragraph']}" if basis.get("paragraph") else "",
             f"al. {basis['alinea']}" if basis.get("alinea") else "",
             f"{basis['point']}°" if basis.get("point") else ""]
    place = " ".join(p for p in parts if p)
    return f"{_SHORT[act['type']]} {d}-{m}-{y}" + (f", {place}" if place else "")


def describe_condition(c: dict) -> str:
    """A condition in French (the circular's own words when the data has them)."""
    key = key_of(c)
    value = c[key]
    if key in ("all_of", "any_of"):
        joiner = " et " if key == "all_of" else " ou "
        inner = joiner.join(describe_condition(sub) for sub in value)
        return f"({inner})" if len(value) > 1 else inner
    if key == "not":
        return f"non : {describe_condition(value)}"
    if key == "external":
        return f"{value.get('about')} — réglé hors du corpus : {value.get('settled_by')}"
    if key == "unknown":
        return f"inconnu : {value.get('about')} ({value.get('reason')})"
    if c.get("text"):
        return c["text"]
    if hasattr(value, "get") and value.get("text"):
        return value["text"]
    if key == "age":
        bounds = {"ge": "au moins", "gt": "plus de", "le": "au plus", "lt": "moins de"}
        parts = [f"{bounds[b]} {value[b]:g} ans" for b in ("ge", "gt", "le", "lt") if b in value]
        ref = _REFERENCE.get(value.get("reference") or "", "")
        return "avoir " + " et ".join(parts) + (f" {ref}" if ref else "")
    if key == "adult":
        return "être majeur" if value else "être mineur"
    if key == "contract":
        return "avoir conclu : " + ", ".join(_CONTRACTS.get(x, x) for x in value)
    if key == "holds":
        return f"être titulaire du {value}"
    if key == "decision":
        return f"{value.get('kind', 'décision')} : {value.get('body')}" if hasattr(value, "get") else str(value)
    if key == "completed":
        years = value.get("years", []) if hasattr(value, "get") else value
        return "avoir terminé avec fruit : " + ", ".join(years)
    if key == "orientation":
        return {"same": "dans la même orientation d'études", "corresponding": "dans une orientation d'études correspondante",
                "different": "en changeant d'orientation d'études"}.get(value, str(value))
    if key == "not_holder":
        return "ne pas être déjà porteur d'un titre identique ou équivalent dans la même orientation"
    if key == "situation" and hasattr(value, "get"):
        return value.get("text") or value.get("id")
    if hasattr(value, "get") and value.get("text"):
        return value["text"]
    return f"{key} : {value}"


def summarize(c: dict, width: int = 90) -> str:
    """A condition in one short line (for tables); ``explain`` gives the full text."""
    text = describe_condition(c)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _document(doc_id: str) -> str:
    """How a reader names a corpus document: ``circulaire-7282`` → ``circulaire 7282``."""
    return doc_id.replace("-", " ") if doc_id.startswith("circulaire-") else doc_id


def _public(node: str) -> str:
    return node.split(":", 1)[1] if ":" in node and node != "START" else node


def step_record(step: Step) -> dict:
    """A step in the JSON contract of ``route --json``."""
    rule = step.rule
    source = rule.get("source")
    return {
        "from": _public(step.source),
        "to": _public(step.target),
        "kind": step.kind,
        "years": step.years,
        "conditions": step.conditions,
        "basis": [{"act": {"type": b["act"]["type"], "date": b["act"]["date"], "iri": b["act"]["iri"]},
                   **{k: b.get(k) for k in ("article", "paragraph", "alinea", "point")}} for b in rule["basis"]],
        "source": {"document": source["document"], "line": source["line"]} if source else None,
        "rule": rule["id"] if rule["kind"] != "study" else None,
        "also_allowed_by": [r["id"] for r in step.also],
        "basis_missing": rule.get("basis_missing"),
        "citation": "; ".join(cite(b) for b in rule["basis"]),
    }


def route_record(route: Route) -> dict:
    return {"years": route.years, "years_at_least": route.years_at_least,
            "steps": [step_record(s) for s in route.steps]}


def explain_step(step: Step, labels: dict[str, str]) -> str:
    """One sentence of justification."""
    to = labels.get(step.target, _public(step.target))
    src = labels.get(step.source, _public(step.source))
    rule = step.rule
    where = f"{_document(rule['source']['document'])}, l. {rule['source']['line']}" if rule.get("source") else ""
    basis = "; ".join(cite(b) for b in rule["basis"])
    according = f"selon {basis} ({where})" if basis else (f"d'après la {where} (aucune disposition citée : {rule.get('basis_missing')})" if where else "")
    if step.kind == "study":
        years = step.years
        length = f"{years} année{'s' if years and years > 1 else ''} scolaire{'s' if years and years > 1 else ''}" if years is not None else "durée non précisée par la circulaire"
        verb = {"done": "réussit", "attended": "suit", "failed": "ne réussit pas"}.get(rule.get("leaves"), "suit")
        return f"{verb.capitalize()} : {to} ({length})."
    if step.kind == "attests":
        text = f"Le titre {src} atteste la réussite de : {to}, {according}".rstrip(", ")
    else:
        verbs = {"admission": "Admis(e) en", "reinsertion": "Réinséré(e) en", "passage-specialise": "Passe en",
                 "award": "Obtient :", "option-access": "Accède à l'option"}
        text = f"{verbs.get(step.kind, step.kind)} {to} depuis {src}, {according}".rstrip(", ")
    if step.conditions:
        text += ", à condition que : " + " ; ".join(describe_condition(c) for c in step.conditions)
    if step.also:
        text += f" (aussi permis par : {', '.join(r['id'] for r in step.also)})"
    return text + "."
