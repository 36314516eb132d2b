"""Entry point: global options, error handling and exit codes.

Exit codes: 0 answered; 1 a valid question with no answer; 2 a usage or input error;
3 a remote endpoint failure. Errors are one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

try:  # typer >= 0.16 vendors its own copy of click
    import typer._click as click
    from typer._click.exceptions import NoArgsIsHelpError as _NoArgsIsHelp
except ImportError:  # pragma: no cover
    import click
    from click.exceptions import NoArgsIsHelpError as _NoArgsIsHelp

from ..errors import EXIT_USAGE, PasserellesError
from .output import err
from .state import STATE

app = typer.Typer(
    name="passerelles",
    help="Passerelles: the regulatory knowledge graph of alternance education (FWB, circulaire 7282).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__
        sys.stdout.write(f"passerelles {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _global(
    corpus: Optional[Path] = typer.Option(None, "--corpus", metavar="DIR",
                                          help="Read another corpus folder (same manifest format). Default: the bundled corpus."),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    STATE.corpus_dir = corpus
    STATE.debug = debug


def _register() -> None:
    # Each module adds its own sub-commands to ``app``.
    from . import commands_citations  # noqa: F401
    for name in ("commands_catalogue", "commands_routes", "commands_sparql", "commands_remote", "commands_diagram"):
        try:
            __import__(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise


_register()


def run(argv: list[str] | None = None) -> int:
    """Run the command line; return (and, as a script, exit with) the exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        app(args=args, prog_name="passerelles", standalone_mode=False)
        return 0
    except PasserellesError as exc:
        if debug:
            raise
        for line in str(exc).splitlines() or [type(exc).__name__]:  # one line per problem
            err(f"error: {line}")
        return exc.exit_code
    except OSError as exc:
        # a path the user gave that cannot be read or written (--out, -o, --location …)
        if debug:
            raise
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        err(f"error: {exc.strerror or exc}{where}")
        return EXIT_USAGE
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err("aborted")
        return 130
    except _NoArgsIsHelp as exc:
        # "passerelles" alone: the help, as with --help
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return 0
    except click.ClickException as exc:
        # Usage errors: one line, not click's multi-line usage block.
        if debug:
            raise
        ctx = getattr(exc, "ctx", None)
        where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        err(f"usage error: {exc.format_message()}{where}")
        return EXIT_USAGE


def main() -> None:  # pragma: no cover - console script wrapper
    sys.exit(run())

