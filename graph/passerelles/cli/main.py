"""Entry point: global options, the commands (registered here, in one place), error handling
and exit codes.

Exit codes: 0 answered; 1 a valid question with no answer; 2 a usage or input error;
3 a remote endpoint failure; 4 a query stopped at its time or memory bound. Errors are one
line on stderr; ``--debug`` shows the traceback.

Commands only parse, ask the front door (:class:`~passerelles.Passerelles`) and print; no
command module imports this one, and this one imports a command's module only when it runs.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from pathlib import Path
from typing import Optional

import typer
import typer.main
from typer.core import TyperGroup

try:  # typer >= 0.16 vendors its own copy of click
    import typer._click as click
    from typer._click.exceptions import NoArgsIsHelpError as _NoArgsIsHelp
except ImportError:  # pragma: no cover
    import click
    from click.exceptions import NoArgsIsHelpError as _NoArgsIsHelp

from ..errors import EXIT_USAGE, PasserellesError
from .front import Settings
from .output import err

#: Every command, in the order ``--help`` lists them: its name, and the module of this package
#: and the function that hold it. A command's module is imported only when that command runs
#: (or its ``--help`` is asked): ``passerelles --help`` and ``--version`` import none, and
#: ``citations`` never imports the route model.
COMMANDS = (
    ("build", "commands_citations", "build"),
    ("citations", "commands_citations", "citations"),
    ("footnotes", "commands_citations", "footnotes"),
    ("acts", "commands_citations", "acts"),
    ("cited-by", "commands_citations", "cited_by"),
    ("options", "commands_catalogue", "options"),
    ("option", "commands_catalogue", "option"),
    ("check", "commands_catalogue", "check"),
    ("titles", "commands_routes", "titles"),
    ("route", "commands_routes", "route"),
    ("explain", "commands_routes", "explain"),
    ("resolve", "commands_routes", "resolve"),
    ("sparql", "commands_sparql", "sparql"),
    ("queries", "commands_sparql", "queries"),
    ("publish", "commands_remote", "publish"),
    ("serve", "commands_remote", "serve"),
    ("diagram", "commands_diagram", "HELP"),      # a group: the figures below
)
#: The figures: ``passerelles diagram KIND`` (all in ``commands_diagram``).
DIAGRAM_COMMANDS = (
    ("route", "route"),
    ("map", "map_"),
    ("citations", "citations"),
    ("gallery", "gallery"),
)
_WHERE = {name: (module, attr) for name, module, attr in COMMANDS}


def _load(name: str) -> click.Command:
    """The click command ``name``, its module imported now."""
    module = importlib.import_module(f"{__package__}.{_WHERE[name][0]}")
    if name == "diagram":
        diagram = typer.Typer(help=reflow(module.HELP), no_args_is_help=True, add_completion=False)
        diagram.callback()(module.group)
        for sub, attr in DIAGRAM_COMMANDS:
            function = getattr(module, attr)
            diagram.command(sub, help=reflow(function.__doc__))(function)
        return typer.main.get_group(diagram)
    single = typer.Typer(add_completion=False)
    function = getattr(module, _WHERE[name][1])
    single.command(name, help=reflow(function.__doc__))(function)
    return typer.main.get_command(single)


def reflow(doc: str | None) -> str:
    r"""A docstring as help text: the lines of a paragraph joined, so that the help wraps at the
    terminal's width instead of breaking where the source did; blank lines, list items and
    indented lines (examples) keep their line breaks.

    >>> reflow("Who cites art. 6 —\n    and why. Exit 1\n    when none.\n\n    - an item\n    - another")
    'Who cites art. 6 — and why. Exit 1 when none.\n\n- an item\n- another'
    """
    out: list[str] = []
    for line in inspect.cleandoc(doc or "").split("\n"):
        if out and out[-1] and line.strip() and not line.startswith((" ", "-", "•", "*")) \
                and not out[-1].endswith(":"):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def summary(name: str) -> str:
    """What ``passerelles --help`` says of a command: its docstring (a group's help text), read
    from its module's source without importing it."""
    module, attr = _WHERE[name]
    tree = ast.parse((Path(__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == attr:
            return reflow(ast.get_docstring(node))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == attr for t in node.targets):
            return reflow(ast.literal_eval(node.value))
    raise LookupError(f"{module}.{attr}")    # pragma: no cover - the registry names what exists


class LazyGroup(TyperGroup):
    """The command group of :data:`COMMANDS`: a command is made (its module imported) when it
    is asked for, and the list in ``--help`` is read from the sources."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, _, _ in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _WHERE:
            self.commands[cmd_name] = _load(cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(n, click.utils.make_default_short_help(summary(n), limit)) for n in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


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
    """The command line: the global options and every command of :data:`COMMANDS`, each made
    when it runs. Its own help is plain text (rich is imported to render a command's help)."""
    app = typer.Typer(
        name="passerelles",
        cls=LazyGroup,
        help="Passerelles: the regulatory knowledge graph of alternance education (FWB, circulaire 7282).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_global)
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
