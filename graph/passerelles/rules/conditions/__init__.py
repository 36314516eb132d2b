"""Condition kinds of the pathway rules, one class each, gathered in :data:`REGISTRY`.

>>> sorted(REGISTRY)[:5]
['access', 'adult', 'age', 'all_of', 'any_of']
>>> from passerelles.rules.record import Record
>>> c = condition_from_data({"any_of": [{"age": {"ge": 18}}, {"external": {"about": "x", "settled_by": "y", "reason": "z"}}]})
>>> c.evaluate(Record(age=16)), c.evaluate(Record(age=19))
(<Truth.UNKNOWN: 'cannot tell'>, <Truth.MET: 'met'>)
"""

from .base import EXTRAS, REGISTRY, Condition, add_condition, condition_from_data, register
from .history import Attended, Completed, Holds, NotHolder, Origin, PartsHeld
from .logic import AllOf, AnyOf, Not
from .pupil import Adult, Age, Contract, Schooling, age_in
from .person import Experience, Registered, Status, Window
from .settled_elsewhere import Decision, Deadline, Equivalence, External, Orientation, Situation, Unknown
from .seventh import Access, Listing, NotNextYear

__all__ = ["EXTRAS", "REGISTRY", "Condition", "add_condition", "condition_from_data", "register", "AllOf", "AnyOf",
           "Not", "Age", "Adult", "Contract", "Schooling", "age_in", "Holds", "NotHolder", "Completed", "Attended",
           "Origin", "Decision", "Orientation", "External", "Unknown", "Situation", "Deadline", "Access", "Listing",
           "NotNextYear", "PartsHeld", "Experience", "Registered", "Status", "Window", "Equivalence"]
