"""The pathway rules as typed data: vocabularies, conditions, a pupil's record, and the loader
of the curated files.

>>> from passerelles.rules import Record, Result, YearDone, load_rules
>>> cess = {r.id: r for r in load_rules()}["award-CESS-7P"]
>>> cess.conditions.evaluate(Record(years=(YearDone("6P", (), Result.PASSED, 1),)))
<Truth.UNKNOWN: 'cannot tell'>
>>> [c.describe() for c in cess.conditions.unsettled(Record())][:1]
["après avoir terminé avec fruit une 6ème année d'études de l'enseignement secondaire professionnel (plein exercice ou alternance) (l. 1194)"]
"""

from importlib import import_module

#: Each public name, with the module that defines it. They are imported on first use: a
#: module that needs only the pupil's record (every route question) does not pay for the
#: loader of the curated files (YAML) it would otherwise bring in.
_FROM = {**dict.fromkeys(("REGISTRY", "Condition", "condition_from_data"), "conditions"),
         **dict.fromkeys(("Curated", "RuleFileError", "load", "load_parameters", "load_rules", "load_titles",
                          "load_years", "validate"), "loader"),
         **dict.fromkeys(("Parameter", "ParameterValue", "Provision", "Rule", "Source", "Title", "Validity", "Year"),
                         "model"),
         "DataError": "parse",
         **dict.fromkeys(("Held", "Record", "Result", "Scope", "YearDone"), "record"),
         **dict.fromkeys(("MET", "NOT_MET", "UNKNOWN", "Truth"), "truth")}

__all__ = ["REGISTRY", "Condition", "condition_from_data", "Curated", "RuleFileError", "load", "load_parameters",
           "load_rules", "load_titles", "load_years", "validate", "Parameter", "ParameterValue", "Provision", "Rule",
           "Source", "Title", "Validity", "Year", "DataError", "Held", "Record", "Result", "Scope", "YearDone", "MET",
           "NOT_MET", "UNKNOWN", "Truth"]


def __getattr__(name: str):
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_FROM[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
