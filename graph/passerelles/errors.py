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


class NoAnswer(PasserellesError):
    """A valid question with no answer (no route, nothing cited)."""

    exit_code = EXIT_NO_ANSWER


class EndpointError(PasserellesError):
    """A remote SPARQL endpoint or graph store failed or could not be reached."""

    exit_code = EXIT_REMOTE


class QueryStopped(PasserellesError):
    """A query stopped because it ran past its time bound or its memory bound."""

    exit_code = EXIT_STOPPED
