"""Pathway diagrams: routes, maps and citations as SVG/DOT/Mermaid/PDF/PNG figures."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from passerelles.diagrams import Diagram, citations_diagram, map_diagram, route_diagram
from passerelles.diagrams.graphviz import GraphvizMissing
from passerelles.diagrams.model import Figure

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


# -- helpers -----------------------------------------------------------------------------


def svg_of(diagram: Diagram) -> ET.Element:
    return ET.fromstring(diagram.render("svg"))


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    """SVG groups of a class (node, edge, cluster) by their <title> (the DOT id)."""
    return {g.find(f"{SVG}title").text: g for g in root.iter(f"{SVG}g") if g.get("class") == cls}


def edge_text(root: ET.Element, source: str, target: str) -> str:
    return " ".join(texts(groups(root, "edge")[f"{source}->{target}"]))


@pytest.fixture(scope="module")
def ce6p_cess(app):
    return route_diagram(app, "CE6P", "CESS", k=3)


@pytest.fixture(scope="module")
def cess_map(app):
    return map_diagram(app, "CESS")


# -- route figures -------------------------------------------------------------------------


@needs_dot
def test_route_svg_nodes_edges_notes_and_legend(ce6p_cess):
    root = svg_of(ce6p_cess)
    nodes = groups(root, "node")
    assert {"title_CE6P", "title_CESS", "year_6P", "year_7P"} <= set(nodes)
    assert "CESS" in texts(nodes["title_CESS"]) and "7P" in texts(nodes["year_7P"])
    assert "1 année scolaire" in texts(nodes["year_7P"])  # the year notes its duration
    admission = edge_text(root, "year_6P", "year_7P")
    assert "admission" in admission and "D. 03-07-1991, art. 8 §1" in admission and "+1 an" in admission
    assert "A.R. 29-06-1984, art. 25 §2" in edge_text(root, "year_7P", "title_CESS")
    # numbered conditions: called on the arrows, listed under the figure
    # (called as [1][3], or [1–4] for three or more in a row)
    called = re.findall(r"\[(\d+)(?:–(\d+))?\]", " ".join(texts(groups(root, "edge")["year_6P->year_7P"])))
    calls = {n for a, b in called for n in range(int(a), int(b or a) + 1)}
    assert calls, "the admission to 7P carries conditions"
    caption = " ".join(texts(root))
    for n in calls:
        assert f"[{n}] " in caption
    assert "Légende" in caption and "année d'études ou formation" in caption and "délivrance du titre" in caption
    assert "Source : circulaire 7282 du 2 septembre 2019" in caption
    assert ce6p_cess._repr_svg_().startswith("<?xml") and ce6p_cess._repr_markdown_() is None


def test_route_figure_collapses_years_and_shares_notes(ce6p_cess):
    fig = ce6p_cess.figure
    ids = {n.id for n in fig.nodes}
    assert not any(i.startswith(("in:", "done:")) for i in ids)  # one node per year
    assert not any(e.kind == "study" for e in fig.edges)
    texts_ = [f.text for f in ce6p_cess.footnotes]
    assert len(texts_) == len(set(texts_))  # identical conditions share a number
    assert [f.number for f in ce6p_cess.footnotes] == list(range(1, len(texts_) + 1))
    assert all(list(e.notes) == sorted(e.notes) for e in fig.edges)
    assert fig.caption[0].startswith("Parcours 1 (1 année scolaire) : CE6P → 6P → 7P → CESS")


@needs_dot
@pytest.mark.parametrize("source, target, expected", [
    ("4P", "CE6P", {"year_4P", "year_5P", "year_6P", "title_CE6P"}),
    ("CQ6", "7e:L", {"title_CQ6"}),
    ("AF", "CESS", {"START", "title_CESS"}),  # AF opens no rule of its own: a route through START
])
def test_other_routes_render(app, source, target, expected):
    diagram = route_diagram(app, source, target, k=2)
    root = svg_of(diagram)
    assert expected <= set(groups(root, "node"))
    if target == "7e:L":
        options = [n for n in diagram.figure.nodes if n.kind == "option"]
        assert options and all("accès L" in n.note for n in options)
    if source == "AF":
        assert "Tout élève" in " ".join(texts(root))
        assert any("ouverts à tout élève" in c for c in diagram.figure.caption)


# -- maps ----------------------------------------------------------------------------------


@needs_dot
def test_map_to_cess(cess_map):
    root = svg_of(cess_map)
    clusters = {" ".join(texts(g)) for g in groups(root, "cluster").values()}
    assert {"1er degré", "2e degré", "3e degré", "7e année"} <= clusters
    nodes = groups(root, "node")
    assert {"title_CESS", "year_7P", "year_6TQ", "year_3P"} <= set(nodes)
    assert "Bases légales des passages" in " ".join(texts(root))
    assert cess_map.footnotes and all(f.text for f in cess_map.footnotes)
    fig = cess_map.figure
    assert [n for n in fig.nodes if n.emphasis] == [n for n in fig.nodes if n.id == "title:CESS"]
    assert all(e.notes for e in fig.edges)  # every step cites its basis (or its line)


def test_map_every_node_reaches_the_goal(cess_map):
    import networkx as nx
    fig = cess_map.figure
    g = nx.DiGraph((e.source, e.target) for e in fig.edges)
    g.add_nodes_from(n.id for n in fig.nodes)
    assert all(n.id == "title:CESS" or nx.has_path(g, n.id, "title:CESS") for n in fig.nodes)


@needs_dot
def test_map_to_seventh_years_of_a_sector(app):
    diagram = map_diagram(app, "7e", sector=7)
    options = [n for n in diagram.figure.nodes if n.kind == "option"]
    assert options and all("secteur 7" in n.note for n in options)
    root = svg_of(diagram)
    assert {"year_7P", "year_7TQ"} <= set(groups(root, "node"))
    assert "option de 7e année" in " ".join(texts(root))
    without = map_diagram(app, "7e")
    assert not any(n.kind == "option" for n in without.figure.nodes)


# -- citations -----------------------------------------------------------------------------


@needs_dot
def test_citations_of_the_decree_of_1991(app):
    diagram = citations_diagram(app, "décret du 3 juillet 1991")
    root = svg_of(diagram)
    words = " ".join(texts(root))
    assert "art. 6" in words and "CONDITIONS D'ADMISSION" in words
    kinds = {n.kind for n in diagram.figure.nodes}
    assert kinds == {"section", "article"}
    assert all(e.source.startswith("section:") and e.target.startswith("article:") for e in diagram.figure.edges)
    assert max(e.weight for e in diagram.figure.edges) > 1


# -- Mermaid -------------------------------------------------------------------------------

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_CSS = r"[a-z-]+:[^,]+(,[a-z-]+:[^,]+)*"
_MERMAID_LINE = re.compile("|".join([
    r"flowchart LR",
    r"%%.*",
    rf"\s*{_ID}(\[\[|\(\(\(|\(\[|\[|\()\"[^\"]*\"(\]\]|\)\)\)|\]\)|\]|\))",       # node
    rf"\s*{_ID} (-->|==>|-\.->)(\|\"[^\"]*\"\|)? {_ID}",                           # edge
    rf"\s*classDef {_ID} {_CSS}",
    rf"\s*class {_ID}(,{_ID})* {_ID}",
    rf"\s*linkStyle \d+(,\d+)* {_CSS}",
    rf"\s*subgraph {_ID}\[\"[^\"]*\"\]",
    r"\s*end",
]))


@pytest.mark.parametrize("make", [
    lambda app: route_diagram(app, "CE6P", "CESS"),
    lambda app: map_diagram(app, "7e", sector=7),
    lambda app: citations_diagram(app, "décret du 3 juillet 1991"),
])
def test_mermaid_grammar(app, make):
    text = make(app).mermaid
    assert text.startswith("flowchart LR\n")
    bad = [line for line in text.splitlines() if not _MERMAID_LINE.fullmatch(line)]
    assert not bad, bad[:3]
    opened = sum(1 for line in text.splitlines() if line.strip().startswith("subgraph "))
    assert opened == sum(1 for line in text.splitlines() if line.strip() == "end")


def test_markdown_repr_without_graphviz(ce6p_cess, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ce6p_cess._repr_svg_() is None
    md = ce6p_cess._repr_markdown_()
    assert "```mermaid\nflowchart LR" in md and "Conditions encore à remplir" in md


# -- output files, determinism, errors -----------------------------------------------------


@needs_dot
def test_svg_and_dot_are_byte_identical(app, tmp_path):
    for ext in ("svg", "dot"):
        first, second = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        route_diagram(app, "CE6P", "CESS").save(first)
        route_diagram(app, "CE6P", "CESS").save(second)
        assert first.read_bytes() == second.read_bytes()
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "Generated by graphviz" not in svg and "é" in svg
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file


@needs_dot
def test_pdf_embeds_its_fonts_and_png_is_a_png(ce6p_cess, tmp_path):
    ce6p_cess.save(tmp_path / "r.pdf")
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf and b"DejaVuSans" in pdf
    ce6p_cess.save(tmp_path / "r.png")
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_json_record(cli, tmp_path):
    out = tmp_path / "route.mmd"
    result = cli("diagram", "route", "CE6P", "CESS", "--k", "2", "-o", str(out), "--json")
    assert result.code == 0, result.err
    record = result.json()
    assert record["out"] == str(out) and record["format"] == "mermaid"
    assert record["nodes"] > 0 and record["edges"] > 0
    assert [f["number"] for f in record["footnotes"]] == list(range(1, len(record["footnotes"]) + 1))
    assert out.read_text(encoding="utf-8").startswith("flowchart LR")


def test_missing_graphviz(cli, monkeypatch, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("diagram", "route", "CE6P", "CESS", "-o", str(tmp_path / "r.svg"))
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "apt-get install graphviz" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "r.svg").exists()
    for ext in ("dot", "mmd"):
        ok = cli("diagram", "map", "--to", "CESS", "-o", str(tmp_path / f"m.{ext}"))
        assert ok.code == 0, ok.err
        assert (tmp_path / f"m.{ext}").stat().st_size > 0
    with pytest.raises(GraphvizMissing, match="apt-get install graphviz"):  # the Python API too
        Diagram(Figure("x")).render("png")


def test_bad_extension_and_bad_names(cli, tmp_path):
    bad = cli("diagram", "route", "CE6P", "CESS", "-o", str(tmp_path / "r.jpg"))
    assert bad.code == 2 and ".svg" in bad.err and ".mmd" in bad.err
    assert not (tmp_path / "r.jpg").exists()
    assert cli("diagram", "route", "CE6PX", "CESS", "-o", str(tmp_path / "r.dot")).code == 2
    assert cli("diagram", "citations", "--act", "zzz-nothing", "-o", str(tmp_path / "c.dot")).code == 2
    assert cli("diagram", "map", "--to", "CESS", "--sector", "42", "-o", str(tmp_path / "m.dot")).code == 2
    nothing = cli("diagram", "map", "--to", "START", "-o", str(tmp_path / "m.dot"))
    assert nothing.code == 1 and "Traceback" not in nothing.err


@pytest.mark.parametrize("command", ["route", "map", "citations"])
def test_help(cli, command):
    result = cli("diagram", command, "--help")
    assert result.code == 0 and "--json" in result.out and "--out" in result.out
