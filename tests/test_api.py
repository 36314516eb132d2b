"""The front door (issue 12): the Python API gives what the command line prints with --json,
refuses what it refuses with the same typed errors, and takes inputs as people write them.

Every answer compared here is a real answer of the bundled corpus (art. 6 of the decree of
3 July 1991 is cited by 30 passages, hand-counted in tests/data/cited_by_1991_hand_count.yaml;
CE6P → CESS in 1 year by l. 811 and 1191 …): the parity tests do not restate them, they
check that the two doors give the same records in the same order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

import passerelles
from passerelles import (InputError, NoAnswer, NoRoute, Passerelles, Records, UnknownKeywordError, UnknownNameError,
                         UnknownValueError, to_frame)
from passerelles.records import Citation, QueryResult
from passerelles.rules.conditions import Condition

D91 = "https://w3id.org/passerelles/eli/decret/1991/07/03"
CE6P = "https://w3id.org/passerelles/id/title/CE6P"

# --------------------------------------------------------------------------- parity
# (name, the API's question, the command's arguments): for each command, the API answer
# equals the command's --json output.
PARITY = [
    ("citations", lambda p: p.citations(act="décret du 3 juillet 1991", article="6"),
     ("citations", "--act", "décret du 3 juillet 1991", "--article", "6")),
    ("citations-ambiguous", lambda p: p.citations(status="ambiguous"), ("citations", "--status", "ambiguous")),
    ("footnotes", lambda p: p.footnotes(), ("footnotes",)),
    ("footnote", lambda p: p.footnotes(157), ("footnotes", "157")),
    ("acts", lambda p: p.acts(), ("acts",)),
    ("cited-by", lambda p: p.cited_by("D. 03-07-1991", article="2ter"), ("cited-by", "D. 03-07-1991", "--article", "2ter")),
    ("options", lambda p: p.options(sector=2, degree="D3"), ("options", "--sector", "2", "--degree", "D3")),
    ("options-access", lambda p: p.options(access="o"), ("options", "--access", "o")),
    ("option", lambda p: p.option("2112"), ("option", "2112")),
    ("check", lambda p: p.check(), ("check",)),
    ("titles", lambda p: p.titles(), ("titles",)),
    ("resolve", lambda p: p.resolve("C.E.S.S."), ("resolve", "C.E.S.S.")),
    ("route", lambda p: p.route("CE6P", "CESS"), ("route", "CE6P", "CESS")),
    ("route-filters", lambda p: p.route("CE6P", "CESS", adult=True, age=19, contracts=["contrat-alternance"], k=2),
     ("route", "CE6P", "CESS", "--adult", "--age", "19", "--contract", "contrat-alternance", "--k", "2")),
    ("route-all", lambda p: p.route("CE6P", "CESS", all_routes=True, max_years=3),
     ("route", "CE6P", "CESS", "--all", "--max-years", "3")),
    ("route-note", lambda p: p.route("1D", "ART45-D2", age=16), ("route", "1D", "ART45-D2", "--age", "16")),
    ("explain", lambda p: p.explain("CE6P", "7e:L", k=2), ("explain", "CE6P", "7e:L", "--k", "2")),
    ("sparql", lambda p: p.query("cited-by", act=D91), ("sparql", "cited-by", "--param", f"act={D91}")),
    ("sparql-title", lambda p: p.query("seventh-years-for-title", title=CE6P),
     ("sparql", "seventh-years-for-title", "--param", f"title={CE6P}")),
    ("queries", lambda p: p.queries(), ("queries",)),
    # the other systems (issue 11) through the same door
    ("titles-system", lambda p: p.titles(system="titre-professionnel"), ("titles", "--system", "titre-professionnel")),
    ("titles-jurisdiction", lambda p: p.titles(jurisdiction="FR"), ("titles", "--jurisdiction", "FR")),
    ("resolve-jurisdiction", lambda p: p.resolve("certificat de qualification professionnelle", jurisdiction="FR"),
     ("resolve", "certificat de qualification professionnelle", "--jurisdiction", "FR")),
    ("route-since-result", lambda p: p.route("CCP", "TP", since_result="14m", k=1),
     ("route", "CCP", "TP", "--since-result", "14m", "--k", "1")),
    ("route-experience", lambda p: p.route("START", "CQP", experience="2y", registered="RNCP", k=1),
     ("route", "START", "CQP", "--experience", "2y", "--registered", "RNCP", "--k", "1")),
    ("route-cqss", lambda p: p.route("CQSS", "ENS-SUPERIEUR", k=1), ("route", "CQSS", "ENS-SUPERIEUR", "--k", "1")),
]


@pytest.mark.parametrize("name, ask, args", PARITY, ids=[p[0] for p in PARITY])
def test_the_api_answer_is_the_json_of_the_command(app, cli, name, ask, args):
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    assert ask(app).to_dict() == result.json()


def test_an_ask_query_is_a_truth_value_in_both(app, cli, tmp_path):
    path = tmp_path / "ask.rq"
    path.write_text("PREFIX psl: <https://w3id.org/passerelles/ontology#>\nASK { ?note psl:noteNumber 244 }\n")
    assert app.query(str(path)) is True and cli("sparql", str(path), "--json").json() is True


# Derivation: every adult group of the 7P admission ends « de moins de 25 ans au 31 décembre »
# (l. 822, 837): an adult of 26 has no route from the CE6P. The API raises NoRoute, whose
# answer is what the command prints with --json on its exit 1.
def test_no_route_is_the_same_empty_answer_in_both(app, cli):
    with pytest.raises(NoRoute) as refused:
        app.route("CE6P", "CESS", adult=True, age=26)
    result = cli("route", "CE6P", "CESS", "--adult", "--age", "26", "--json")
    assert result.code == 1 and result.json() == refused.value.answer.to_dict()
    data = result.json()
    assert data["routes"] == [] and data["diagnosis"]["step"] == {
        "from": "6P", "to": "7P", "kind": "admission",
        "words": "the admission to 7P (7e année professionnelle de type B) after the 6P passed"}
    assert [b["rule"] for b in data["diagnosis"]["blocked"]] == ["admission-7P-from-6e", "admission-7P-from-CQ6-art58"]
    assert str(refused.value) == data["diagnosis"]["message"]


@pytest.mark.parametrize("ask, args, empty", [
    (lambda p: p.citations(act="loi du 29 juin 1983", article="99"),
     ("citations", "--act", "loi du 29 juin 1983", "--article", "99"), []),
    (lambda p: p.options(sector=10), ("options", "--sector", "10"), []),
    (lambda p: p.query("citations-of-provision", provision="no such provision"),
     ("sparql", "citations-of-provision", "--param", "provision=no such provision"), []),
])
def test_an_empty_list_answer_is_empty_in_the_api_and_exit_1_with_valid_json(app, cli, ask, args, empty):
    assert ask(app).to_dict() == empty
    result = cli(*args, "--json")
    assert result.code == 1 and result.json() == empty and result.err.count("\n") == 1


def test_cited_by_with_nothing_cited_gives_the_act_and_no_provision(app, cli):
    found = app.cited_by("décret du 3 juillet 1991", article="99")
    assert found.provisions == [] and found.act.key == "decret/1991/07/03"
    result = cli("cited-by", "décret du 3 juillet 1991", "--article", "99", "--json")
    assert result.code == 1 and result.json() == found.to_dict()


def test_build_through_the_api_and_the_command_writes_the_same_files(app, cli, tmp_path):
    built = app.build(tmp_path / "api")
    result = cli("build", "--out", str(tmp_path / "cli"), "--json")
    assert result.code == 0 and result.json()["counts"] == built.to_dict()["counts"]
    for name in ("passerelles.ttl", "passerelles.nt"):
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert built.counts["footnotes"] == 244


def test_a_figure_drawn_through_the_api_is_the_one_the_command_writes(app, cli, tmp_path):
    written = app.draw("route", "CE6P", "CESS", k=1, out=tmp_path / "api.dot", width_cm=8.5)
    result = cli("diagram", "route", "CE6P", "CESS", "--k", "1", "--width", "8.5", "-o", str(tmp_path / "cli.dot"),
                 "--json")
    assert result.code == 0
    assert {**written.to_dict(), "out": None} == {**result.json(), "out": None}
    assert (tmp_path / "api.dot").read_text() == (tmp_path / "cli.dot").read_text()


# --------------------------------------------------------------------------- bad input
# Each bad input: the same typed error in the API and on the command line (exit 2, one line,
# the same words — the domain's, not a flag's).
BAD = [
    (lambda p: p.citations(status="resolvd"), ("citations", "--status", "resolvd"), UnknownValueError,
     "unknown status 'resolvd': expected one of resolved, ambiguous, unresolved (did you mean 'resolved'?)"),
    (lambda p: p.citations(act="décret du 3 juillet 1992"), ("citations", "--act", "décret du 3 juillet 1992"),
     UnknownNameError, "did you mean"),
    (lambda p: p.citations(article=" "), ("citations", "--article", " "), InputError, "an article is a number"),
    (lambda p: p.footnotes(999), ("footnotes", "999"), InputError, "no footnote 999: the circular has notes 1 to 244"),
    (lambda p: p.cited_by("article 45"), ("cited-by", "article 45"), UnknownNameError, "article 45"),
    (lambda p: p.options(access="X"), ("options", "--access", "X"), UnknownValueError, "L, S-O, O, unknown"),
    (lambda p: p.options(group=15), ("options", "--group", "15"), UnknownValueError, "11, 12, 13, 14, 21"),
    (lambda p: p.option("2114"), ("option", "2114"), UnknownNameError, "did you mean: 2113 "),
    (lambda p: p.resolve("CEES"), ("resolve", "CEES"), UnknownNameError, "CESS"),
    (lambda p: p.titles(system="cqpp"), ("titles", "--system", "cqpp"), UnknownValueError, "did you mean 'cqp'?"),
    (lambda p: p.route("CCP", "TP", since_result="un an"), ("route", "CCP", "TP", "--since-result", "un an"),
     InputError, "'un an' is not a span of time"),
    (lambda p: p.route("CE6P", "CESS", contracts=["emploi-formation"]),
     ("route", "CE6P", "CESS", "--contract", "emploi-formation"), UnknownValueError,
     "unknown contract 'emploi-formation'"),
    (lambda p: p.route("6P", "7e", holds=["6P"]), ("route", "6P", "7e", "--holds", "6P"), InputError, "takes a title"),
    (lambda p: p.route("4P", "7e", sector=99), ("route", "4P", "7e", "--sector", "99"), InputError, "between 1 and 10"),
    (lambda p: p.route("4P", "CE6P", age=19, adult=False), ("route", "4P", "CE6P", "--age", "19", "--minor"),
     InputError, "age 19 contradicts minor"),
    (lambda p: p.route("CE6P", "CESS", k=0), ("route", "CE6P", "CESS", "--k", "0"), InputError, "between 1 and 50"),
    (lambda p: p.route("CE6P", "CESS", regime="article45"), ("route", "CE6P", "CESS", "--regime", "article45"),
     UnknownValueError, "did you mean 'article-45'"),
    (lambda p: p.route("CE6P", "CESS", year="2019"), ("route", "CE6P", "CESS", "--year", "2019"), InputError,
     "a school year such as 2019-2020"),
    (lambda p: p.route("4P", "CESS", max_years=1), ("route", "4P", "CESS", "--max-years", "1"), InputError,
     "bounds every route"),
    (lambda p: p.route("CE6PP", "CESS"), ("route", "CE6PP", "CESS"), UnknownNameError, "CE6P"),
    (lambda p: p.explain("CE6P", "CESS", k=21), ("explain", "CE6P", "CESS", "--k", "21"), InputError,
     "between 1 and 20"),
    (lambda p: p.query("seventh-years-for-title"), ("sparql", "seventh-years-for-title"), InputError,
     "query 'seventh-years-for-title' needs the parameter title"),
    (lambda p: p.query("cited-by", actor="x"), ("sparql", "cited-by", "--param", "actor=x"), UnknownValueError,
     "has no parameter actor: expected one of act"),
    (lambda p: p.query("acts", act="x"), ("sparql", "acts", "--param", "act=x"), InputError, "takes no parameters"),
    (lambda p: p.query("cited-by", act="6^^int"), ("sparql", "cited-by", "--param", "act=6^^int"), InputError,
     "unknown type ^^int"),
    (lambda p: p.query("citatons"), ("sparql", "citatons"), UnknownNameError, "did you mean: citations"),
    (lambda p: p.publish("ftp://host/x"), ("publish", "--endpoint", "ftp://host/x"), InputError,
     "the endpoint must be an http:// or https:// URL"),
    (lambda p: p.publish("http://127.0.0.1:9/query", retries=11),
     ("publish", "--endpoint", "http://127.0.0.1:9/query", "--retries", "11"), InputError,
     "retries must be between 0 and 10"),
]


@pytest.mark.parametrize("ask, args, error, message", BAD, ids=[" ".join(b[1]) for b in BAD])
def test_bad_input_is_the_same_typed_error_in_the_api_and_the_cli(app, cli, ask, args, error, message):
    with pytest.raises(error) as refused:
        ask(app)
    assert message in str(refused.value)
    result = cli(*args)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert message in result.err and "Traceback" not in result.err


def test_a_bad_figure_is_refused_before_anything_is_drawn_in_both(app, cli, tmp_path):
    for ask, args, message in [
        (lambda: app.draw("route", "CE6P", "CESS", out=tmp_path / "r.jpg"),
         ("diagram", "route", "CE6P", "CESS", "-o", str(tmp_path / "r.jpg")), "unknown diagram format '.jpg'"),
        (lambda: app.draw("map", out=tmp_path / "m.svg", split="chapter"),
         ("diagram", "map", "-o", str(tmp_path / "m.svg"), "--split", "chapter"), "'degree'"),
    ]:
        with pytest.raises(InputError, match=message.replace(".", r"\.")):
            ask()
        result = cli(*args)
        assert result.code == 2 and message in result.err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- inputs people write
# Reported (issue 12): ask(..., contract=[...]) raised a raw TypeError, a string given as
# contracts was read one letter at a time ("unknown contract 'c'"), p.citations(status=
# 'resolvd') returned [], p.sparql('seventh-years-for-title') returned 122 rows without its
# parameter, and a plain-string IRI was refused ("parameter values must be RDF terms").
def test_an_unknown_keyword_names_the_ones_that_exist(app):
    with pytest.raises(UnknownKeywordError, match=r"unknown filter 'contract'.*did you mean 'contracts'") as refused:
        app.route("CE6P", "CESS", contract=["contrat-alternance"])
    assert isinstance(refused.value, TypeError) and "holds" in refused.value.valid
    with pytest.raises(UnknownKeywordError, match=r"options\(\) takes no keyword 'sectr'.*did you mean 'sector'"):
        app.options(sectr=2)
    with pytest.raises(UnknownValueError, match="unknown kind of figure 'pie': expected one of route, map, citations"):
        app.diagram("pie")


def test_a_string_is_one_name_never_its_letters(app):
    one = app.route("CE6P", "CESS", adult=True, age=19, contracts="contrat-alternance", k=1)
    assert one.to_dict() == app.route("CE6P", "CESS", adult=True, age=19, contracts=["contrat-alternance"], k=1).to_dict()
    assert app.route("6P", "7e:S-O", holds="CQ6").to_dict() == app.route("6P", "7e:S-O", holds=["CQ6"]).to_dict()
    with pytest.raises(UnknownValueError, match="unknown contract 'alternance'"):
        app.route("CE6P", "CESS", contracts="alternance")


def test_strings_are_read_where_rdf_terms_are_expected(app):
    as_text = app.query("seventh-years-for-title", title=CE6P)
    assert as_text == app.query("seventh-years-for-title", title=URIRef(CE6P))
    assert "7130" in {r["code"] for r in as_text}          # l. 948, 2201: class O, open to a 6th year passed
    # a list is several values (one row each), a string one value
    assert app.query("seventh-years-for-title", title=[CE6P, CE6P + "-none"]) == as_text
    assert app.query("cited-by", act=D91)[0]["passages"] == 30       # hand count: art. 6, 30 passages
    with pytest.raises(InputError, match="not a valid IRI"):
        app.query("cited-by", act="https://x> } DROP ALL #")


def test_ones_own_query_text_runs_checked_and_bounded(app):
    rows = app.query("PREFIX psl: <https://w3id.org/passerelles/ontology#>\n"
                     "SELECT ?n WHERE {\n#@values\n ?note psl:noteNumber ?n } ORDER BY ?n", n=[42, 157])
    assert isinstance(rows, QueryResult) and rows.to_dict() == [{"n": 42}, {"n": 157}]
    with pytest.raises(InputError, match="SERVICE are refused"):
        app.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_passerelles_refuses_bad_settings_in_domain_words():
    with pytest.raises(InputError, match="the endpoint must not hold credentials"):
        Passerelles(endpoint="http://me:secret@host/sparql")
    with pytest.raises(InputError, match="not a valid IRI"):
        Passerelles(named_graph="not an iri")


# --------------------------------------------------------------------------- records
def test_records_are_frozen_documented_and_read_like_their_json(app):
    cites = app.citations(act="décret du 3 juillet 1991", article="6")
    first = cites[0]
    assert isinstance(cites, Records) and isinstance(first, Citation)
    with pytest.raises(AttributeError):
        first.status = "ambiguous"
    # note 42 (l. 602): « Décret du 3 juillet 1991 précité, art. 6, §1er, al. 1er, 2° »
    assert (first.source.line, first.source.footnote, first.place) == (602, 42, "art. 6, §1er, al. 1er, 2°")
    assert first["source"]["footnote"] == first.source.footnote == first.to_dict()["source"]["footnote"]
    assert Citation.__doc__ and "amended_by_line" in Citation.__doc__
    # the README's contract, key for key and in order
    assert list(first.to_dict()) == ["source", "act", "article", "paragraph", "alinea", "point", "status",
                                     "alternatives", "reason", "text", "via", "amended_by", "amended_by_line"]
    assert isinstance(cites[:2], Records)


def test_every_list_answer_becomes_a_dataframe(app):
    frame = app.citations(act="décret du 3 juillet 1991", article="6").frame()
    assert len(frame) == 30 and {"source.line", "source.footnote", "act.iri", "status", "text"} <= set(frame.columns)
    assert sorted(frame["source.footnote"].dropna().astype(int))[:3] == [42, 43, 44]
    options = to_frame(app.options(access="O"))
    assert "7130" in set(options["code"]) and set(options["access"]) == {"O"}
    routes = app.route("CE6P", "CESS").frame()
    assert list(routes["route"])[:2] == ["CE6P → 6P → 7P (1 an) → CESS", "CE6P → 6P → 5TQ (1 an) → 6TQ (1 an) → CESS"]
    assert list(routes["years"])[:2] == [1, 2]
    rows = app.query("cited-by", act=D91).frame()
    assert rows.iloc[0]["label"] == "art. 6" and rows.iloc[0]["passages"] == 30


def test_pandas_is_imported_only_when_a_frame_is_asked():
    import subprocess
    import sys
    code = ("import sys; from passerelles import Passerelles; p = Passerelles(); p.citations(); p.route('CE6P', 'CESS');"
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_routes_are_the_typed_routes_of_the_route_model(app):
    answer = app.route("CE6P", "CESS", k=1)
    admit = answer.routes[0].steps[1]
    # l. 811-812: the 7P admission, décret du 3 juillet 1991, art. 8, §1er (note 49)
    assert (admit.kind.value, admit.rule.id, admit.rule.source.lines) == ("admission", "admission-7P-from-6e", "l. 811-812")
    assert [(p.act, p.article, p.paragraph) for p in admit.rule.basis] == [("decret/1991/07/03", "8", "1")]
    assert admit.conditions and all(isinstance(c, Condition) for c in admit.conditions)
    assert any("(l. 562-564)" in c.describe() for c in admit.conditions)


def test_the_route_graph_is_the_networkx_view_with_documented_attributes(app):
    g = app.route_graph
    assert isinstance(g, nx.DiGraph)
    ce6p = next(n for n in g if n.id == "CE6P")
    assert g.nodes[ce6p]["label"].startswith("Certificat d'études de 6e année") and g.nodes[ce6p]["kind"] == "title"
    option = next(n for n in g if n.id == "7130")
    assert (g.nodes[option]["access"], g.nodes[option]["sector"], g.nodes[option]["line"]) == ("O", 7, 2201)
    [t] = [t for _, v, d in g.out_edges(ce6p, data=True) for t in d["transitions"] if v.id == "6P"]
    assert t.kind.value == "attests" and t.rule.source.first == 1196
    doc = type(app).route_graph.__doc__
    assert all(word in doc for word in ("label", "access", "transitions", "duration"))


# --------------------------------------------------------------------------- the package
def test_the_package_root_lists_its_public_names_and_opens_with_an_example():
    assert passerelles.__all__[0] == "Passerelles" and passerelles.Passerelles is Passerelles
    assert all(hasattr(passerelles, name) for name in passerelles.__all__)
    assert ">>> p = Passerelles()" in passerelles.__doc__


def test_no_import_cycle_through_the_command_line_and_no_one_imports_it():
    from test_route_properties import _imports
    package = Path(passerelles.__file__).parent
    g = _imports(package)
    assert [c for c in nx.simple_cycles(g) if any(m.startswith("passerelles.cli") for m in c)] == []
    # main imports the command modules; none imports main back (main <-> commands_citations is gone)
    for path in (package / "cli").glob("commands_*.py"):
        assert "from .main import" not in path.read_text(encoding="utf-8"), path.name
    cli = {m for m in g if m.startswith("passerelles.cli")}
    outside = sorted(m for m in g if not m.startswith("passerelles.cli") and any(v in cli for v in g.successors(m))
                     and m != "passerelles.__main__")
    assert outside == []                                                 # the benchmark and the views too
    for path in (Path(__file__).parents[1] / "benchmarks").glob("*.py"):
        assert "passerelles.cli" not in path.read_text(encoding="utf-8"), path.name
    for path in (Path(__file__).parents[1] / "notebooks").glob("*.ipynb"):
        assert "passerelles.cli" not in path.read_text(encoding="utf-8"), path.name


def test_the_command_line_has_no_queries_filters_or_global_state():
    cli = Path(passerelles.__file__).parent / "cli"
    assert not (cli / "state.py").exists()
    for path in cli.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "load_query" not in text and "store.select" not in text and "STATE" not in text, path.name
    main = (cli / "main.py").read_text(encoding="utf-8")
    commands = [n for n in ("citations", "footnotes", "acts", "cited-by", "options", "option", "check", "titles",
                            "route", "explain", "resolve", "sparql", "queries", "publish", "serve", "build")]
    assert all(f'("{name}", ' in main for name in commands)              # registered explicitly, in one place


@pytest.mark.skipif(not shutil.which("oxigraph") and not (Path(__import__("sys").executable).parent / "oxigraph").exists(),
                    reason="the oxigraph server program is not installed")
def test_a_local_endpoint_started_from_python_answers_as_the_embedded_store(app):
    with app.serve(port=0) as endpoint:
        remote = Passerelles(endpoint=endpoint.query_url)
        assert remote.acts().to_dict() == app.acts().to_dict()
        assert endpoint.record().triples == len(app.graph)
        url = endpoint.query_url
    with pytest.raises(passerelles.EndpointError):
        Passerelles(endpoint=url, timeout=2).acts()


def test_a_no_answer_carries_its_exit_code(app):
    with pytest.raises(NoAnswer) as none:
        app.route("START", "ART45-D2", age=14)
    assert none.value.exit_code == 1 and isinstance(none.value, NoRoute)
    # l. 576-581: minors of 15 (with the two first years) or 16; at 14 the admission fails
    assert "admission-ART45-D2" in str(none.value) and "(l. 576-581)" in str(none.value)
