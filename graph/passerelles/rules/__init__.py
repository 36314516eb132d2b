"""The pathway rules as typed data: vocabularies, conditions, a pupil's record, and the loader
of the curated files.

>>> from passerelles.rules import Record, load_rules
>>> cess = {r.id: r for r in load_rules()}["award-CESS-7P"]
>>> cess.conditions.evaluate(Record(years=(YearDone("6P", (), Result.PASSED, 1),)))
<Truth.UNKNOWN: 'cannot tell'>
>>> [c.describe() for c in cess.conditions.unsettled(Record())][:1]
["après avoir terminé avec fruit une 6ème année d'études de l'enseignement secondaire professionnel (plein exercice ou alternance) (l. 1194)"]
"""

from .conditions import REGISTRY, Condition, condition_from_data
from .loader import Curated, RuleFileError, load, load_parameters, load_rules, load_titles, load_years, validate
from .model import Parameter, ParameterValue, Provision, Rule, Source, Title, Validity, Year
from .parse import DataError
from .record import Held, Record, Result, Scope, YearDone
from .truth import MET, NOT_MET, UNKNOWN, Truth

__all__ = ["REGISTRY", "Condition", "condition_from_data", "Curated", "RuleFileError", "load", "load_parameters",
           "load_rules", "load_titles", "load_years", "validate", "Parameter", "ParameterValue", "Provision", "Rule",
           "Source", "Title", "Validity", "Year", "DataError", "Held", "Record", "Result", "Scope", "YearDone", "MET",
           "NOT_MET", "UNKNOWN", "Truth"]
