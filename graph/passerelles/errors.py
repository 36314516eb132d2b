"""Errors a user can cause, each with the exit code the command line reports.

Exit codes, the same for every command: 0 answered; 1 a valid question with no answer;
2 a usage or input error; 3 a remote endpoint failure; 4 a query stopped at its time or
memory bound (``--timeout``, ``--max-memory``).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NO_ANSWER = 1
EXIT_USAGE = 2
EXIT_REMOTE = 3
EXIT_STOPPED = 4


class PasserellesError(Exception):
    """Base of the errors shown to users as one line, without a traceback."""

    exit_code = EXIT_USAGE


class CorpusError(PasserellesError):
    """The corpus folder, its manifest or one of its files is missing, altered or unreadable."""


class InputError(PasserellesError):
    """A bad argument: unknown name, malformed parameter, unreadable file."""


class UnknownNameError(InputError):
    """A name that resolves to nothing, or to several things; carries the closest candidates."""

    def __init__(self, message: str, candidates: list[str] | None = None):
        self.candidates = list(candidates or [])
        if self.candidates:
            message = f"{message}; did you mean: {', '.join(self.candidates)}?"
        super().__init__(message)


class UnknownValueError(InputError):
    """A keyword or a value outside a closed list (a status, a filter, an access class);
    carries the valid ones.

    >>> raise UnknownValueError("status", "resolvd", ("resolved", "ambiguous", "unresolved"))
    Traceback (most recent call last):
    ...
    passerelles.errors.UnknownValueError: unknown status 'resolvd': expected one of resolved, ambiguous, unresolved (did you mean 'resolved'?)
    """

    def __init__(self, what: str, value, valid, message: str | None = None):
        from difflib import get_close_matches
        self.what, self.value, self.valid = what, value, tuple(str(v) for v in valid)
        close = get_close_matches(str(value), self.valid, n=1, cutoff=0.6)
        super().__init__(f"{message or f'unknown {what} {value!r}'}: expected one of {', '.join(self.valid)}"
                         + (f" (did you mean {close[0]!r}?)" if close else ""))


class UnknownKeywordError(UnknownValueError, TypeError):
    """A keyword a function of the front door does not take (a ``TypeError`` too, as Python
    raises for an unexpected keyword), with the keywords it takes."""


class NoAnswer(PasserellesError):
    """A valid question with no answer (no route, nothing cited).

    ``answer`` is the empty answer, when there is one to show (``--json`` prints it): the
    routes of a route question, none, with the diagnosis.
    """

    exit_code = EXIT_NO_ANSWER

    def __init__(self, message, answer=None):
        super().__init__(message)
        self.answer = answer


class NoRoute(NoAnswer):
    """No route answers a route question; ``answer`` holds the question, no route, and the
    diagnosis (which step fails, and why)."""


class EndpointError(PasserellesError):
    """A remote SPARQL endpoint or graph store failed or could not be reached."""

    exit_code = EXIT_REMOTE


class QueryStopped(PasserellesError):
    """A query stopped because it ran past its time bound or its memory bound."""

    exit_code = EXIT_STOPPED
