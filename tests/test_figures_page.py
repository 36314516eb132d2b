"""Figures that go into a journal as they are (issue 15): laid out for a printed page,
measured on the drawn SVG, the citations in document and legal order and read from the
graph, notes whole and said once, vector PDF, accessible SVG."""

from __future__ import annotations

import re
import shutil
import struct
import xml.etree.ElementTree as ET

import pytest

from passerelles.api import Passerelles
from passerelles.diagrams import Page, citations_diagram, map_diagram, route_diagram
from passerelles.diagrams.model import natural_key, note_key

SVG = "{http://www.w3.org/2000/svg}"
CM_PER_PT = 2.54 / 72
DECREE = "décret du 3 juillet 1991"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


# -- an independent measure of the SVG (not the library's) ------------------------------


def printed(svg: bytes) -> tuple[float, float]:
    """(width in cm, smallest text in pt) of an SVG printed at 100 %: the width attribute in
    points, and each <text>'s font-size times the scales between it and the page."""
    root = ET.fromstring(svg)
    assert root.get("width").endswith("pt")
    width = float(root.get("width")[:-2])
    scale0 = width / float(root.get("viewBox").split()[2])
    sizes = []

    def walk(el, scale):
        m = re.search(r"scale\(([0-9.]+)", el.get("transform") or "")
        scale *= float(m[1]) if m else 1.0
        if el.tag == f"{SVG}text" and (el.text or "").strip():
            sizes.append(float(el.get("font-size")) * scale)
        for child in el:
            walk(child, scale)

    walk(root, scale0)
    return width * CM_PER_PT, min(sizes)


def nodes_by_text(svg: bytes) -> dict[str, float]:
    """Each node's first text → its top (y of its first text line; smaller is higher)."""
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "node":
            texts = [t for t in g.iter(f"{SVG}text") if (t.text or "").strip()]
            if texts:
                out.setdefault(" ".join(t.text for t in texts), float(texts[0].get("y")))
    return out


@pytest.fixture(scope="module")
def decree(app):
    return citations_diagram(app, DECREE)


# -- page size: printed width and smallest text, measured on the SVG ----------------------


README_FIGURES = {  # the figures the README shows (the map: each part of its split by degree)
    "route-CE6P-CESS": lambda app, page: [route_diagram(app, "CE6P", "CESS", page=page)],
    "map-CESS-split": lambda app, page: [d for _, d in map_diagram(app, "CESS", page=page).parts()],
    "citations-1991-min2": lambda app, page: [citations_diagram(app, DECREE, min_count=2, page=page)],
    "citations-1991": lambda app, page: [citations_diagram(app, DECREE, page=page)],
    # README: "diagram map --to 7e --sector 7 --split degree --caption separate" (the whole map, 27 cm wide
    # at 8 pt, could only be printed at 5 pt)
    "map-7e-sector7-split": lambda app, page: [d for _, d in map_diagram(app, "7e", sector=7, page=page).parts()],
    # the default citations figure (every act): its width (the heading "Circulaire n°B11/-/GVL/dl/25.05.99/24-159
    # …" of the right column made it 17.1 cm), and that of each of its chapters
    "citations-all": lambda app, page: [citations_diagram(app, page=page)],
    "citations-all-split": lambda app, page: [d for _, d in citations_diagram(app, page=page).parts()],
    "citations-all-split-min2": lambda app, page: [d for _, d in citations_diagram(app, min_count=2, page=page).parts()],
    # README: "diagram route 4P CE6P --age 19 --adult --k 1 --caption separate" (with --k 2, 24 cm tall)
    "route-4P-CE6P-adult": lambda app, page: [route_diagram(app, "4P", "CE6P", k=1, age=19, adult=True, page=page)],
}


@needs_dot
@pytest.mark.parametrize("name", list(README_FIGURES))
@pytest.mark.parametrize("width", [17.0])
def test_printed_width_and_smallest_text_meet_the_page(app, name, width):
    for diagram in README_FIGURES[name](app, Page(width_cm=width, font_pt=8)):
        cm, smallest = printed(diagram.render("svg"))
        assert cm <= width + 0.04, f"{diagram.figure.title}: {cm:.2f} cm wider than {width} cm"
        assert smallest >= 8 - 1e-6, f"{diagram.figure.title}: text at {smallest:.2f} pt"
        assert abs(diagram.printed.width_cm - cm) < 0.01


@needs_dot
@pytest.mark.parametrize("name", ["route-CE6P-CESS", "map-CESS-split", "citations-1991-min2", "map-7e-sector7-split",
                                  "route-4P-CE6P-adult"])
def test_with_the_caption_apart_the_readme_figures_fit_a_page(app, name):
    for diagram in README_FIGURES[name](app, Page(caption="separate")):
        root = ET.fromstring(diagram.render("svg"))
        height_cm = float(root.get("height")[:-2]) * CM_PER_PT
        assert diagram.fits and height_cm <= 23.04, f"{diagram.figure.title}: {height_cm:.1f} cm tall"


@needs_dot
def test_every_chapter_of_the_citations_with_min_count_2_fits_inline(app):
    # what the warnings of "diagram citations --split chapter" propose for its tall chapters (README)
    for name, diagram in citations_diagram(app, min_count=2).parts():
        root = ET.fromstring(diagram.render("svg"))
        assert diagram.fits and float(root.get("height")[:-2]) * CM_PER_PT <= 23.04, name


@needs_dot
def test_a_larger_font_is_still_met(app):
    diagram = citations_diagram(app, DECREE, min_count=2, page=Page(font_pt=9))
    cm, smallest = printed(diagram.render("svg"))
    assert cm <= 17.04 and smallest >= 9


@needs_dot
def test_pdf_is_vector_with_embedded_fonts_at_the_printed_size(app, tmp_path):
    diagram = route_diagram(app, "CE6P", "CESS")
    diagram.save(tmp_path / "r.pdf")
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf and b"DejaVuSans" in pdf
    assert not re.search(rb"/Subtype\s*/Image", pdf)   # no bitmap: text and lines are vector
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[\s*([^\]]+)\]", pdf)[1].split()]
    assert abs(box[2] * CM_PER_PT - diagram.printed.width_cm) < 0.05   # no margin added around it


@needs_dot
def test_png_at_the_asked_resolution(app, tmp_path):
    diagram = route_diagram(app, "CE6P", "CESS", k=1, page=Page(dpi=120))
    diagram.save(tmp_path / "r.png")
    data = (tmp_path / "r.png").read_bytes()
    width_px = struct.unpack(">I", data[16:20])[0]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert abs(width_px - diagram.printed.width_cm / 2.54 * 120) <= 3


@needs_dot
def test_svg_has_title_and_description_and_keeps_text_as_text(app):
    svg = route_diagram(app, "CE6P", "CESS").render("svg")
    root = ET.fromstring(svg)
    assert root[0].tag == f"{SVG}title" and root[0].text.startswith("De CE6P à CESS")
    assert root[1].tag == f"{SVG}desc" and "Parcours 1" in root[1].text
    assert root.get("role") == "img" and root.get("aria-labelledby") == "figure-title figure-desc"
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "CESS" in words and "Conditions encore à remplir" in words   # searchable, not outlines


# -- the citations figure --------------------------------------------------------------------


@needs_dot
def test_citations_chapters_sections_and_articles_in_document_and_legal_order(decree):
    svg = decree.render("svg")
    top = nodes_by_text(svg)
    chapters = sorted((y, re.match(r"Chapitre (\w+) :", t)[1]) for t, y in top.items() if re.match(r"Chapitre \w+ :", t))
    assert [c for _, c in chapters] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    articles = sorted((y, t[5:]) for t, y in top.items() if t.startswith("art. "))
    drawn = [a for _, a in articles]
    assert drawn == sorted(drawn, key=natural_key)
    # the order of the issue: 2, 2bis, 2ter, 2quater, 3 … 9, 9bis, 9ter, 10
    for earlier, later in [("2", "2bis"), ("2bis", "2ter"), ("2ter", "2quater"), ("2quater", "3"), ("9", "9bis"),
                           ("9bis", "9ter"), ("9ter", "10")]:
        assert drawn.index(earlier) < drawn.index(later)
    # sections of chapter II (lines 506-1142) in the order of the text: I (l. 510) … V (l. 1051)
    sections = [re.sub(r"^[IVX]+\.\s+", "", t) for _, t in sorted((y, t) for t, y in top.items()
                                                                if re.match(r"[IVX]+\. ", t))]
    chapter_two = ["INSCRIPTION", "CONDITIONS D'ADMISSION", "PASSAGE DE", "L'INSERTION", "FREQUENTATION"]
    positions = [next(i for i, s in enumerate(sections) if s.startswith(head)) for head in chapter_two]
    assert positions == sorted(positions)


def test_citation_counts_of_section_I_II(decree):
    # Chapter I, section II "ETABLISSEMENT COOPERANT" (lines 275-331) calls notes 7 (l. 279),
    # 8 (l. 281), 9 (l. 283), 10 (l. 289), 11 (l. 303), 12 (l. 307), 13 (l. 309), 14 (l. 321);
    # of the decree ("Ibidem"), they cite art. 4 in notes 7, 9, 11, 13, 14 (lines 295, 299, 325,
    # 329, 331), art. 2quater in 7, 8, 10 (295, 297, 301) and art. 5 in 8, 12 (297, 327).
    counts = {e.target.rsplit("#", 1)[1]: e.weight for e in decree.figure.edges
              if e.source == "section:chap-I__sec-II"}
    assert counts == {"2quater": 3, "4": 5, "5": 2}
    assert all(e.label == (str(e.weight),) for e in decree.figure.edges)


@needs_dot
def test_each_count_is_written_where_its_arrow_leaves(decree):
    root = ET.fromstring(decree.render("svg"))
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) == len(decree.figure.edges)
    # no count floats on an arrow: edges carry no text; the counts are cells of their division
    assert all(not (t.text or "").strip() for g in edges for t in g.iter(f"{SVG}text"))
    # each arrow leaves its division from the cell of its count (a port on its east side)
    drawn = [line for line in decree.dot.splitlines() if " -> " in line and "style=invis" not in line]
    assert len(drawn) == len(edges) and all(re.match(r"\s+\w+:p\d+:e -> \w+:w ", line) for line in drawn)


def test_min_count_leaves_out_single_citations(app, decree):
    two = citations_diagram(app, DECREE, min_count=2)
    assert two.figure.edges and min(e.weight for e in two.figure.edges) == 2
    kept = {(e.source, e.target): e.weight for e in decree.figure.edges if e.weight >= 2}
    assert {(e.source, e.target): e.weight for e in two.figure.edges} == kept
    singles = sum(1 for e in decree.figure.edges if e.weight == 1)
    assert any(f"({singles} citation(s))" in line for line in two.figure.caption)


def test_citations_are_read_from_the_graph_not_the_corpus(app):
    app.graph  # the build cache now holds this corpus's graph
    fresh = Passerelles()
    diagram = citations_diagram(fresh, DECREE)
    assert "model" not in fresh.__dict__ and "memory_graph" not in fresh.__dict__
    assert diagram.figure.edges == citations_diagram(app, DECREE).figure.edges


def test_citations_figure_from_an_endpoint_is_the_embedded_one(app, tmp_path_factory):
    from passerelles.rdf.serialize import ntriples
    from passerelles.remote.publish import publish
    from passerelles.remote.serve import OxigraphServer
    server = OxigraphServer(tmp_path_factory.mktemp("figures") / "oxigraph", read_only=False)
    try:
        server.start(wait=15.0)
        publish(ntriples(app.memory_graph), server.query_url)
        remote = Passerelles(endpoint=server.query_url)
        there = citations_diagram(remote, DECREE, min_count=2).figure
    finally:
        server.stop()
    here = citations_diagram(app, DECREE, min_count=2).figure
    assert "model" not in remote.__dict__
    assert (there.nodes, there.edges, there.clusters, there.caption) == (here.nodes, here.edges, here.clusters,
                                                                           here.caption)


@needs_dot
def test_split_by_chapter(app, tmp_path, cli):
    result = cli("diagram", "citations", "--act", DECREE, "--split", "chapter", "-o", str(tmp_path / "c.svg"),
                 "--json")
    assert result.code == 0, result.err
    parts = result.json()["parts"]
    assert [p["out"].rsplit("-", 1)[-1] for p in parts] == [
        f"{c}.svg" for c in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    for part in parts:
        cm, smallest = printed((tmp_path / part["out"].rsplit("/", 1)[-1]).read_bytes())
        assert cm <= 17.04 and smallest >= 8 and part["fits"]


# -- notes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def route_notes(app):
    return [f.text for f in route_diagram(app, "CE6P", "CESS").footnotes]


def test_notes_said_once(route_notes):
    # The 7P and 7TQ admissions require "dans la même section et la même orientation
    # d'études" and, elsewhere, "… et dans la même orientation d'études": one note.
    keys = [note_key(t) for t in route_notes]
    assert len(keys) == len(set(keys))
    # The adult-with-contract alternatives of the 7P and 7TQ admissions repeat the same words
    # at other lines (l. 817-821 and l. 857-861 …): one note, citing every line.
    import re
    words = [note_key(re.sub(r" ?\(l\. [\d-]+\)|— mêmes termes : .*$", "", t)) for t in route_notes]
    assert len(words) == len(set(words))
    [adults] = [t for t in route_notes if "mêmes termes" in t and "857-861" in t]
    assert "(l. 817-821)" in adults
    same = [t for t in route_notes if t.startswith("dans la même section")]
    # since the orientation conditions carry their lines (l. 883; the same words at l. 1193,
    # « dans la même section et dans la même orientation d'études »), the one note cites both
    assert same == ["dans la même section et la même orientation d'études (l. 883) — mêmes termes : l. 1193"]


def test_negations_are_sentences(route_notes):
    assert not any(t.startswith("non :") for t in route_notes)
    # l. 349 (the note carries its line, as every condition does since the route model)
    assert "sauf les élèves majeurs qui ne suivent que la formation qualifiante (l. 349)" in route_notes


@needs_dot
def test_no_note_is_cut(app):
    diagram = route_diagram(app, "CE6P", "CESS")
    assert not any(f.text.endswith("…") for f in diagram.footnotes)
    words = [t.text or "" for t in ET.fromstring(diagram.render("svg")).iter(f"{SVG}text")]
    assert not any(w.rstrip().endswith("…") for w in words)
    # the longest note (the access conditions of the alternance, 700+ characters) is whole
    longest = max(diagram.footnotes, key=lambda f: len(f.text))
    assert len(longest.text) > 600
    flat = " ".join(w.replace("\u00a0", " ").strip() for w in words)
    assert " ".join(longest.text.split()[-6:]) in flat


# -- caption files, the command line ----------------------------------------------------------


@needs_dot
def test_separate_caption_files(cli, tmp_path):
    out = tmp_path / "r.pdf"
    result = cli("diagram", "route", "CE6P", "CESS", "--caption", "separate", "-o", str(out), "--json")
    assert result.code == 0, result.err
    record = result.json()
    md, tex = tmp_path / "r.caption.md", tmp_path / "r.caption.tex"
    assert record["captions"] == [str(md), str(tex)]
    text = md.read_text(encoding="utf-8")
    assert text.startswith("**De CE6P à CESS") and "*Légende :*" in text and "*Source : circulaire 7282" in text
    assert "sauf les élèves majeurs" in text and "[1]" not in text.split("*Conditions")[0]
    latex = tex.read_text(encoding="utf-8")
    assert latex.startswith(r"\textbf{De CE6P à CESS") and r"\par" in latex and "\n\n" not in latex
    assert record["printed"]["width_cm"] <= 17 and record["fits"] and record["page"] == {
        "width_cm": 17.0, "height_cm": 23.0, "font_size_pt": 8.0, "caption": "separate"}


@needs_dot
def test_cli_states_the_printed_size(cli, tmp_path):
    result = cli("diagram", "citations", "--act", DECREE, "--min-count", "2", "--caption", "separate",
                 "-o", str(tmp_path / "c.svg"))
    assert result.code == 0, result.err
    assert re.search(r"printed \d+\.\d × \d+\.\d cm, smallest text 8 pt \(page: 17 × 23 cm, 8 pt, fits\)",
                     result.out)
    assert result.err == ""   # no warning
    # inline, the caption makes it taller than the page: said, with the way out
    tall = cli("diagram", "citations", "--act", DECREE, "--min-count", "2", "-o", str(tmp_path / "t.svg"))
    assert "does NOT fit" in tall.out and "taller than 23 cm" in tall.err and "--caption separate" in tall.err
    as_json = cli("diagram", "citations", "--act", DECREE, "--width", "12", "-o", str(tmp_path / "c.dot"), "--json")
    record = as_json.json()
    assert record["page"]["width_cm"] == 12 and set(record["printed"]) == {"width_cm", "height_cm", "smallest_font_pt",
                                                                      "label_gap_pt"}


@needs_dot
def test_a_figure_too_large_says_so_and_proposes_the_split(cli, tmp_path):
    result = cli("diagram", "map", "--to", "CESS", "-o", str(tmp_path / "m.svg"), "--json")
    assert result.code == 0, result.err
    record = result.json()
    assert record["fits"] is False and "--split degree" in record["advice"]
    assert re.search(r"its smallest text would be \d+(\.\d)? pt", record["advice"])
    text = cli("diagram", "map", "--to", "CESS", "-o", str(tmp_path / "m.svg"))
    assert "does NOT fit" in text.out and "warning:" in text.err and "--split degree" in text.err


@pytest.fixture(scope="module")
def every_act(app):
    return citations_diagram(app)


def _measured(advice: str, flag: str) -> tuple[float, float]:
    """The size an advice gives for ``flag``: "--min-count 2 (14 of 36 arrows, 16.6 × 19.6 cm)"."""
    m = re.search(re.escape(flag) + r" \([^)]*?(\d+\.\d) × (\d+\.\d) cm\)", advice)
    assert m, advice
    return float(m[1]), float(m[2])


@needs_dot
def test_advice_names_the_split_that_exists_and_its_real_count(app, every_act):
    # The review: the whole citations figure advised "--split chapter (49 figures, one per chapter)"
    # (it counted the sections) while --split chapter writes 8 files, chapters I to VIII.
    parts = every_act.parts()
    assert [name for name, _ in parts] == [f"chap-{c}" for c in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    assert every_act.fits is False
    m = re.search(r"--split chapter( --caption separate)? \((\d+) figures, one per chapter: (each fits|(\d+) of them fit)",
                  every_act.advice)
    assert m and int(m[2]) == len(parts) == 8, every_act.advice
    page = Page(caption="separate") if m[1] else Page()
    fitting = sum(1 for _, d in parts if d.on_page(**{"caption": page.caption}).fits)
    assert fitting == (8 if m[3] == "each fits" else int(m[4]))
    # a --min-count it proposes beside the split works: the whole figure with it fits
    m = re.search(r"--min-count (\d+)( --caption separate)?", every_act.advice)
    if m:
        fewer = citations_diagram(app, min_count=int(m[1]), page=Page(caption="separate" if m[2] else "inline"))
        assert fewer.fits and round(fewer.printed.height_cm, 1) == _measured(every_act.advice, m[0])[1]


@needs_dot
def test_a_split_part_never_proposes_the_split_again(app, every_act):
    # The review: chapter VI (every act), 15.9 × 48.2 cm, advised "--split chapter (15 figures …)" —
    # it is already a chapter. Its acts are now headed by their short names (48.2 → 33.7 cm with the
    # caption under it); its advice proposes the next thing, measured, and that proposal works.
    six = dict(every_act.parts())["chap-VI"]
    assert six.fits is False and six.printed.height_cm > 23
    assert "--split" not in six.advice and "taller than 23 cm" in six.advice
    m = re.search(r"--caption separate \(the drawing alone is (\d+\.\d) × (\d+\.\d) cm\)", six.advice)
    apart = dict(citations_diagram(app, page=Page(caption="separate")).parts())["chap-VI"]
    assert m and apart.fits and (round(apart.printed.width_cm, 1), round(apart.printed.height_cm, 1)) == (
        float(m[1]), float(m[2]))
    # on a shorter page (15 cm), even apart it does not fit: fewer citations, measured, and they fit
    short = Page(caption="separate", height_cm=15)
    six = dict(citations_diagram(app, page=short).parts())["chap-VI"]
    assert six.fits is False and "--split" not in six.advice
    k = int(re.search(r"--min-count (\d+) \(", six.advice)[1])
    width, height = _measured(six.advice, f"--min-count {k}")
    again = dict(citations_diagram(app, min_count=k, page=short).parts())["chap-VI"]
    assert again.fits and (round(again.printed.width_cm, 1), round(again.printed.height_cm, 1)) == (width, height)


@needs_dot
def test_acts_are_headed_short_and_named_in_full_in_the_caption(every_act):
    # With every act, the right column's headings were the acts' full titles wrapped to 110 pt (the
    # decree of 14 June 2018: 32 lines): they set the figure's height. Headed by their short names,
    # each act is named in full once, in the caption.
    acts = [c for c in every_act.figure.clusters if c.id.startswith("act:")]
    [line] = [x for x in every_act.figure.caption if x.startswith("Actes cités : ")]
    assert all(c.label in line for c in acts if c.short != c.label)
    texts = " ".join(t.text or "" for t in ET.fromstring(every_act.render("svg")).iter(f"{SVG}text"))
    assert "Loi du 29 mai 1959" in texts and "modifiant certaines dispositions" not in texts.split("Actes cités")[0]
    six = dict(every_act.parts())["chap-VI"]
    [part_line] = [x for x in six.figure.caption if x.startswith("Actes cités : ")]
    assert "Loi du 29 mai 1959 modifiant" in part_line and "Décret du 14 juin 2018" not in part_line


@needs_dot
def test_a_part_of_a_map_proposes_what_fits_it(app):
    # At one column (8.5 cm), the part « 2e degré » of the map to the CESS is 15.7 cm wide at 8 pt: no
    # split (it is one), no --caption separate (still too wide); a full page with the caption apart.
    d2 = dict(map_diagram(app, "CESS", page=Page(width_cm=8.5)).parts())["D2"]
    assert d2.fits is False and "--split" not in d2.advice
    assert "scaled to 8.5 cm its smallest text would be" in d2.advice
    width, height = _measured(d2.advice, "--width 17 --caption separate")
    full = dict(map_diagram(app, "CESS", page=Page(caption="separate")).parts())["D2"]
    assert full.fits and (round(full.printed.width_cm, 1), round(full.printed.height_cm, 1)) == (width, height)


@needs_dot
def test_when_nothing_fits_the_page_the_advice_says_so_and_gives_the_page_it_needs(app):
    # The route 4P → CE6P for an adult of 19, two routes (formerly a README example): 35 cm tall
    # with its caption, 24 cm apart, and no split or selection applies to a route. The advice says
    # nothing tried fits and gives a page that does, measured on that page.
    route = route_diagram(app, "4P", "CE6P", k=2, age=19, adult=True)
    assert route.fits is False and "--split" not in route.advice
    m = re.search(r"try --height (\d+) --caption separate \(nothing else tried fits 17 × 23 cm at 8 pt: "
                  r"a page of its own, (\d+\.\d) × (\d+\.\d) cm\)$", route.advice)
    assert m, route.advice
    there = route.on_page(height_cm=int(m[1]), caption="separate")
    assert there.fits and (round(there.printed.width_cm, 1), round(there.printed.height_cm, 1)) == (
        float(m[2]), float(m[3]))


@needs_dot
@pytest.mark.parametrize("args", [("citations", "--split", "chapter"),
                                  ("map", "--split", "degree", "--width", "8.5")])
def test_every_part_that_does_not_fit_warns(cli, tmp_path, args):
    # The review: at --width 8.5, the map's part D1 (23.2 cm tall) said "does NOT fit" without a warning.
    result = cli("diagram", *args, "-o", str(tmp_path / "f.svg"))
    assert result.code == 0, result.err
    wrote = re.findall(r"^wrote (\S+) \(svg: .*(fits|does NOT fit)\)$", result.out, re.M)
    warned = re.findall(r"^passerelles: warning: (\S+) does not fit the page: .*; try (.+)$", result.err, re.M)
    assert wrote and sorted(f.rsplit("/", 1)[-1] for f, verdict in wrote if verdict != "fits") == sorted(
        name for name, _ in warned)
    assert all(" --split" not in ways for _, ways in warned)   # a part is never told to split again
    as_json = cli("diagram", *args, "-o", str(tmp_path / "g.svg"), "--json").json()["parts"]
    assert all((p["advice"] is None) == p["fits"] for p in as_json)


@pytest.mark.parametrize("args, message", [
    (("--width", "2"), "--width must be between 4 and 60 cm"),
    (("--height", "200"), "--height must be between 4 and 100 cm"),
    (("--font-size", "1"), "--font-size must be between 5 and 24 pt"),
    (("--caption", "below"), "--caption must be one of inline, separate"),
    (("--dpi", "5"), "--dpi must be between 30 and 1200"),
    (("--split", "sector"), "--split must be 'chapter'"),
    (("--min-count", "0"), "--min-count must be at least 1"),
])
def test_bad_page_options(cli, tmp_path, args, message):
    result = cli("diagram", "citations", "--act", DECREE, *args, "-o", str(tmp_path / "c.svg"))
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1 and not (tmp_path / "c.svg").exists()


@needs_dot
def test_page_layouts_are_deterministic(app, tmp_path):
    for page in (Page(width_cm=8.5, caption="separate"), Page()):
        first = citations_diagram(app, DECREE, min_count=2, page=page)
        second = citations_diagram(app, DECREE, min_count=2, page=page)
        assert first.dot == second.dot and first.render("svg") == second.render("svg")
        first.save(tmp_path / "a.svg")
        second.save(tmp_path / "b.svg")
        assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


# -- the gallery ---------------------------------------------------------------------------


@needs_dot
def test_gallery_is_up_to_date_and_shown_in_the_readme(app):
    from pathlib import Path

    from passerelles.diagrams.gallery import GALLERY, stale
    root = Path(__file__).resolve().parents[1]
    assert stale(app, root / "notebooks" / "gallery") == [], \
        "the gallery is out of date: run 'passerelles diagram gallery' from the repository's root"
    readme = (root / "README.md").read_text(encoding="utf-8")
    for item in GALLERY:
        assert f"(notebooks/gallery/{item.name}.png)" in readme


# -- routes and maps (phase 2: reads the route model) -------------------------------------


def test_one_word_per_kind_on_an_arrow(app):
    # From the CE1D, the 4P is reached after completing the 3P with success (admission-4P-from-3e,
    # l. 694: "ont terminé avec fruit … la 3ème année") and after only attending it
    # (admission-4P-sans-attestation-3P, l. 701: "ont terminé … une troisième année"): one arrow.
    figure = route_diagram(app, "CE1D", "CESS", k=3).figure
    arrow = next(e for e in figure.edges if (e.source, e.target) == ("year:3P", "year:4P"))
    assert arrow.label[0] == "admission (après fréquentation ou réussite) · +1 an"
    for e in figure.edges:
        words = [w.split(" (")[0].split(" · ")[0] for w in e.label[0].split(" / ")] if e.label else []
        assert len(words) == len(set(words)), e.label


def test_titles_sit_in_the_box_of_the_year_they_close(app):
    route = route_diagram(app, "CE6P", "CESS").figure
    groups = {n.id: n.group for n in route.nodes}
    # the CESS is awarded after the 6TQ (3rd degree) and after the 7P (7th year): in either box, one of
    # the two award arrows would enter a box it does not belong to; it is drawn outside both
    assert {groups[e.source] for e in route.edges if e.target == "title:CESS" and e.kind == "award"} == {
        "degree:D3", "degree:7"}
    assert groups["title:CESS"] is None and groups["title:CE6P"] == "degree:D3"
    dot = route_diagram(app, "CE6P", "CESS").dot
    boxes = re.findall(r"subgraph cluster_\w+ \{(.*?)\n\t\}", dot, re.S)
    assert len(boxes) >= 2 and not any(re.search(r"^\s+title_CESS \[", b, re.M) for b in boxes)
    assert re.search(r"^\ttitle_CESS \[", dot, re.M)   # drawn at the top level, outside the boxes
    whole = map_diagram(app, "CESS").figure
    groups = {n.id: n.group for n in whole.nodes}
    for title in (i for i in groups if i.startswith("title:")):
        boxes = {groups[e.source] for e in whole.edges if e.target == title and e.kind == "award"} - {None}
        # a title in a box is awarded from that box only; one awarded from several boxes is outside them
        assert boxes <= {groups[title]} if groups[title] else len(boxes) > 1, (title, boxes)
    # the attestation of reinsertion (l. 1232), awarded after the 3P, the 4P and the « article 45 »
    # formations of the 2nd and 3rd degrees, closes no single box; and it is no goal (not emphasised)
    assert groups["title:ATT-REINSERTION"] is None
    assert not next(n for n in whole.nodes if n.id == "title:ATT-REINSERTION").emphasis


def test_emphasis_on_the_goal_only(app):
    for diagram in (route_diagram(app, "CE6P", "CESS"), map_diagram(app, "CESS")):
        assert [n.id for n in diagram.figure.nodes if n.emphasis] == ["title:CESS"]


@needs_dot
def test_every_label_is_next_to_its_arrow(app):
    from passerelles.diagrams.page import path_points, text_width
    diagrams = [route_diagram(app, "CE6P", "CESS")] + [d for _, d in map_diagram(app, "CESS").parts()]
    checked = 0
    for diagram in diagrams:
        root = ET.fromstring(diagram.render("svg"))
        for g in root.iter(f"{SVG}g"):
            lines = [t for t in g.iter(f"{SVG}text") if (t.text or "").strip()] if g.get("class") == "edge" else []
            if not lines:
                continue
            curve = path_points(g.find(f"{SVG}path").get("d"))
            gaps = []
            for t in lines:   # the gap between a line's box and the arrow
                x, y, w = float(t.get("x")), float(t.get("y")), text_width(t.text, 8)
                left = {"middle": x - w / 2, "start": x, "end": x - w}[t.get("text-anchor")]
                gaps.append(min(((max(0, left - px, px - left - w)) ** 2 + max(0, y - 8 - py, py - y) ** 2) ** 0.5
                                for px, py in curve))
            assert min(gaps) <= 12, f"{diagram.figure.title}: {g.find(f'{SVG}title').text} label {min(gaps):.0f} pt away"
            checked += 1
    assert checked >= 15


def test_split_parts_keep_arrows_to_their_own_box(app):
    parts = map_diagram(app, "CESS").parts()
    assert [name for name, _ in parts] == ["autres", "D1", "D2", "D3", "7"]
    for name, part in parts:
        members = {n.id for n in part.figure.nodes if n.kind != "context"}
        assert {n.group for n in part.figure.nodes if n.group} == {part.figure.clusters[0].id}
        # every arrow leaves or enters the part's box: none crosses a box it does not belong to
        assert all(e.source in members or e.target in members for e in part.figure.edges)
        # outside the box: states of other parts (grey), START and the titles awarded from several boxes
        outside = [n for n in part.figure.nodes if n.group is None]
        assert all(n.kind in ("context", "start", "title") for n in outside)
        assert all(n.group is None for n in part.figure.nodes if n.kind == "start")


def test_start_and_titles_of_several_boxes_stay_outside_a_parts_box(app):
    # The review found "Tout élève" (START) drawn inside the box « 2e degré » of the map's part D2:
    # START is no year of the 2nd degree; it stays outside the box, as in the whole map.
    parts = dict(map_diagram(app, "CESS").parts())
    d2 = {n.id: n for n in parts["D2"].figure.nodes}
    assert d2["START"].kind == "start" and d2["START"].group is None
    cess = [n for _, p in parts.items() for n in p.figure.nodes if n.id == "title:CESS" and n.kind == "title"]
    assert cess and all(n.group is None for n in cess)
    dot = parts["D2"].dot
    box = dot[dot.index("subgraph cluster_"):dot.index("}", dot.index("subgraph cluster_"))]
    assert "START" not in box


def test_the_sigles_explain_every_name_drawn_in_grey(app):
    # The key layout lists the boxes' names under « Sigles » (l. graphviz.caption_block); the grey
    # context boxes of a part (5P, 5TQ, ACP, ART45-D3, F3-PHASE1 …) are names drawn too.
    parts = dict(map_diagram(app, "CESS").parts())
    for name, part in parts.items():
        key = part.figure.key()
        explained = {k.split(" : ")[0] for k in key}
        for n in part.figure.nodes:
            names = [t for t, _ in n.terms] if n.kind == "context" else [n.label]
            assert n.kind != "context" or len(names) == len(n.label.split(", ")), n
            assert all(x in explained for x in names if n.kind != "title" or n.detail), (name, n.id, names)
    d2 = {k.split(" : ")[0] for k in parts["D2"].figure.key()}
    assert {"5P", "5TQ", "ACP", "ART45-D3"} <= d2
    assert {"F3-PHASE1", "F3-PHASE2"} & ({k.split(" : ")[0] for p in parts.values() for k in p.figure.key()})


def test_no_basis_is_cut_from_an_arrow(app):
    # The admission to the 2nd-degree "article 45" formation (rule admission-ART45-D2, l. 572-596)
    # rests on four provisions (notes 40, 42, 43, 44): the law of 29 June 1983, art. 1 §1 al. 2,
    # and the decree of 3 July 1991, art. 6 §1 al. 1, 2°, 3° and 4°. The arrow shows two; the
    # others are a note it calls, not "+ 2 autre(s)".
    diagram = route_diagram(app, "RAPPORT-CPU", "CESS", k=3)
    arrow = next(e for e in diagram.figure.edges if (e.source, e.target) == ("START", "year:ART45-D2"))
    notes = {f.number: f.text for f in diagram.footnotes}
    rest = [notes[n] for n in arrow.notes if notes[n].startswith("autres bases légales : ")]
    assert len(rest) == 1 and not any("autre(s)" in line for line in arrow.label)
    bases = set(arrow.label[1:3]) | set(rest[0].removeprefix("autres bases légales : ").split(" ; "))
    assert bases == {"L. 29-06-1983, art. 1 §1 al. 2", "D. 03-07-1991, art. 6 §1 al. 1 2°",
                     "D. 03-07-1991, art. 6 §1 al. 1 3°", "D. 03-07-1991, art. 6 §1 al. 1 4°"}
