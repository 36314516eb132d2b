"""Entry point: global options, the commands (registered here, in one place), error handling
and exit codes.

Exit codes: 0 answered; 1 a valid question with no answer; 2 a usage or input error;
3 a remote endpoint failure; 4 a query stopped at its time or memory bound. Errors are one
line on stderr; ``--debug`` shows the traceback.

Commands only parse, ask the front door (:class:`~passerelles.Passerelles`) and print; no
command module imports this one.
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
from . import commands_catalogue, commands_citations, commands_diagram, commands_remote, commands_routes, commands_sparql
from .front import Settings
from .output import err

#: Every command, in the order ``--help`` lists them.
COMMANDS = (
    ("build", commands_citations.build),
    ("citations", commands_citations.citations),
    ("footnotes", commands_citations.footnotes),
    ("acts", commands_citations.acts),
    ("cited-by", commands_citations.cited_by),
    ("options", commands_catalogue.options),
    ("option", commands_catalogue.option),
    ("check", commands_catalogue.check),
    ("titles", commands_routes.titles),
    ("route", commands_routes.route),
    ("explain", commands_routes.explain),
    ("resolve", commands_routes.resolve),
    ("sparql", commands_sparql.sparql),
    ("queries", commands_sparql.queries),
    ("publish", commands_remote.publish),
    ("serve", commands_remote.serve),
)
#: The figures: ``passerelles diagram KIND``.
DIAGRAM_COMMANDS = (
    ("route", commands_diagram.route),
    ("map", commands_diagram.map_),
    ("citations", commands_diagram.citations),
    ("gallery", commands_diagram.gallery),
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__
        sys.stdout.write(f"passerelles {__version__}\n")
        raise typer.Exit(0)


def _global(
    ctx: typer.Context,
    corpus: Optional[Path] = typer.Option(None, "--corpus", metavar="DIR",
                                          help="Read another corpus folder (same manifest format). Default: the bundled corpus."),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    ctx.obj = Settings(corpus=corpus, debug=debug)


def make_app() -> typer.Typer:
    """The command line: the global options and every command of :data:`COMMANDS`."""
    app = typer.Typer(
        name="passerelles",
        help="Passerelles: the regulatory knowledge graph of alternance education (FWB, circulaire 7282).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_global)
    for name, command in COMMANDS:
        app.command(name)(command)
    diagram = typer.Typer(help=commands_diagram.HELP, no_args_is_help=True)
    diagram.callback()(commands_diagram.group)
    for name, command in DIAGRAM_COMMANDS:
        diagram.command(name)(command)
    app.add_typer(diagram, name="diagram")
    return app


app = make_app()


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
