"""Parsers, cleaning, institution grouping and glossary mining on the bundled collections and small files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.clean import (InstitutionIndex, abbreviates, canonical_institution, clean_text,
                             institution_key, split_affiliations)
from assistant.errors import SourceError
from assistant.retrieve import Sentences
from assistant.sources import PARSERS, Collection, detect_format, load_collection, mine_glossary

SOURCES = Path(__file__).resolve().parents[1] / "index" / "sources"


@pytest.fixture(scope="module")
def real() -> Collection:
    return load_collection([SOURCES])


def by_id(col: Collection) -> dict:
    return {p.id: p for p in col.papers}


def ids_with(col: Collection, canonical: str) -> set[str]:
    return {p.id for p in col.papers if canonical in p.institutions}


# --- the bundled collections -------------------------------------------------------------------------

def test_bundled_collections_load_to_173_distinct_papers(real):
    counts = {name: sum(p.source == name for p in real.papers) for name in real.sources}
    assert counts == {"mlsys2026-papers.json": 135, "arxiv-llm-inference-digest-2026-02.md": 31,
                      "cais2026-reading-notes.md": 7}
    assert len({p.id for p in real.papers}) == len(real.papers) == 173
    assert real.skipped == []
    assert {"miniconf-json", "arxiv-digest", "reading-notes", "clean"} <= set(real.parser_versions)
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in real.sources.values())


def test_ids_and_urls_have_the_right_forms(real):
    for p in real.papers:
        if p.source.startswith("mlsys"):
            forum = re.fullmatch(r"openreview:([\w-]+)", p.id).group(1)
            assert p.url == f"https://openreview.net/forum?id={forum}"
            assert (p.venue, p.year) == ("MLSys 2026", 2026)
        elif p.source.startswith("arxiv"):
            arxiv = re.fullmatch(r"arxiv:(\d{4}\.\d{4,5}v\d+)", p.id).group(1)
            assert p.url == f"https://arxiv.org/abs/{arxiv}" and p.venue == "arXiv" and p.year == 2026
        else:
            doi = re.fullmatch(r"doi:(10\.1145/[\d.]+)", p.id).group(1)
            assert p.url == f"https://dl.acm.org/doi/{doi}" and (p.venue, p.year) == ("CAIS 2026", 2026)
        assert p.title and p.abstract


def test_specific_papers(real):
    papers = by_id(real)
    assert papers["openreview:yyDbI3HXco"].url == "https://openreview.net/forum?id=yyDbI3HXco"
    digest = papers["arxiv:2602.21548v1"]
    assert digest.title.startswith("DualPath")
    assert digest.extra["published"] == "2026-02-25" and digest.extra["authors_truncated"] is True
    assert digest.authors == ["Yongtong Wu", "Shaoyuan Chen", "Yinmin Zhong"]
    # summary (holds the speedup) + the complete sentences of the cut abstract, no "..." left
    assert "1.87x throughput" in digest.abstract and digest.abstract.endswith("rather than computation.")
    # a cut abstract with no complete sentence keeps its fragment, marked as cut: quoted with an ellipsis, never
    # as if whole (the embedded text stays the source's words)
    pquant = papers["arxiv:2602.22592v1"]
    assert pquant.abstract.endswith("which can offer substantial") and pquant.extra["abstract_cut"] is True
    assert Sentences(papers)[pquant.id][-1].endswith("which can offer substantial…")
    assert "abstract_cut" not in digest.extra and Sentences(papers)[digest.id][-1].endswith("rather than computation.")
    # ...and not on a word leading on, which may be a longer word cut ("their substantial computational an...": and)
    leading = re.compile(r"\b(?:a|an|the|of|to|and|or|for|with|their)$", re.I)
    assert not [p.id for p in papers.values() if p.extra.get("abstract_cut") and leading.search(p.abstract)]
    assert papers["arxiv:2602.21626v1"].abstract.endswith("due to their substantial computational")
    cut = [p.abstract for p in papers.values() if p.extra.get("abstract_cut")]
    assert all(a.count("(") <= a.count(")") for a in cut)  # ("(e.g., selecting the best trace or..." left open)
    cais = papers["doi:10.1145/3786335.3813124"]
    assert (cais.topic, cais.venue, cais.authors) == ("LLM Inference", "CAIS 2026", [])
    assert cais.abstract.startswith("Extend XGrammar with dynamic grammar support")
    assert "optimize_anything: Unified Text Optimization" in papers["doi:10.1145/3786335.3813167"].title


def test_empty_author_names_are_skipped(real):
    nodesweep = next(p for p in real.papers if p.title.startswith("NodeSweep"))
    assert "" not in nodesweep.authors and "Guanliang Liu" in nodesweep.authors


def test_no_boilerplate_or_acronym_list_becomes_a_paper(real):
    for p in real.papers:
        text = " ".join([p.title, p.abstract, p.topic, json.dumps(p.extra)]).lower()
        assert "agent instructions" not in text and "http get" not in text and "gitbook" not in text
        assert p.title not in ("DiT: Diffusion Transformer", "KV: Key-Value", "LLM: Large Language Model",
                               "LoRA: Low-Rank Adaptation")
        assert not p.title.startswith(("Homepage", "Paper list", "Proceedings"))


def test_no_latex_or_html_residue(real):
    for p in real.papers:
        for text in (p.title, p.abstract):
            for residue in ("\\times", "$", "\\%", "&amp;", "\\sys", "\\name", "\\textbf", "{", "}", "**"):
                assert residue not in text, (p.id, residue)
            assert not re.search(r"\w--\w", text), p.id  # (a LaTeX en dash: "TTFT--TBT" had been quoted so)
    accelopt = next(p for p in real.papers if p.title.startswith("AccelOpt"))
    assert "26×" in accelopt.abstract
    boute = next(p for p in real.papers if p.title.startswith("BOute"))
    assert "BOute outperforms state-of-the-art" in boute.abstract  # \sys filled with the system name


def test_words_a_line_break_split_are_whole_again(real, tmp_path):
    # "the strag- gler problem", "Graph Convolutional Net- works": a PDF's line breaks, searched and quoted so
    for p in real.papers:
        split = [m.group(0) for m in re.finditer(r"\b[A-Za-z]+- (?!(?:and|or|to)\b)[a-z]+", p.abstract)]
        assert not split, (p.id, split)
    freescale = next(p for p in real.papers if p.title.startswith("FreeScale"))
    assert "mitigate the straggler problem" in freescale.abstract
    # a pair sharing its end stays, and so does a hyphen the collection never writes as one word
    path = write(tmp_path / "mine.jsonl", jsonl(
        {"id": "m:1", "title": "Straggler mitigation", "abstract": "We fix the strag- gler problem for data- and "
                                                                   "tensor-parallel jobs with first- order methods."},
        {"id": "m:2", "title": "Other", "abstract": "Stragglers slow training."}))
    mended = load_collection([path]).papers[0].abstract
    assert mended == "We fix the straggler problem for data- and tensor-parallel jobs with first- order methods."


@pytest.mark.parametrize("raw, clean", [
    (r"speedup of $26\times$ and 59\% less", "speedup of 26× and 59% less"),
    (r"5$\sim$66\% higher, $\leq11\%$, $R^2 \geq 0.76$", "5~66% higher, ≤11%, R^2 ≥ 0.76"),
    (r"in $\approx$2~hours, $10^7\times$ faster", "in ≈2 hours, 10^7× faster"),
    (r"on $256\times$H20 GPUs", "on 256×H20 GPUs"),
    (r"\textbf{\underline{ii}} an \emph{x} \texttt{y}", "ii an x y"),
    (r"$\mathrm{softmax}(\mathbf{QK}^{\top})\mathbf{V}$", "softmax(QK^⊤)V"),
    (r"16.5~GB and Traces~(ET), ~1.4 MB", "16.5 GB and Traces (ET), ~1.4 MB"),
    ("Science &amp;amp; Technology <b>bold</b>", "Science & Technology bold"),
    ("costs $5 and $10", "costs $5 and $10"),
    ("bad\ud800 char\x07s  here", "bad chars here"),
    ("Cafe\u0301", "Café"),
    ("**XProf** reads *every* trace; the TTFT--TBT frontier; a*b*c",
     "XProf reads every trace; the TTFT–TBT frontier; a*b*c"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_unfilled_macros_take_the_system_name_or_vanish():
    assert clean_text(r"We show \sys beats X.", "BOute") == "We show BOute beats X."
    assert clean_text(r"Our method, \name, is fast.", "") == "Our method, is fast."


# --- institutions ------------------------------------------------------------------------------------

def test_kaist_papers_are_findable_by_acronym(real):
    kaist = {p.id for p in real.papers if "KAIST" in p.institution_aliases}
    assert kaist == {"openreview:BfNBXM8CCT", "openreview:c3O6DnhUYm"}
    assert all("Korea Advanced Institute of Science and Technology" in by_id(real)[i].institutions for i in kaist)
    assert real.institutions.match_institution("Which MLSys 2026 papers come from KAIST?") == [
        "Korea Advanced Institute of Science and Technology"]


def test_spelling_variants_share_one_group(real):
    groups = {c: {a.casefold() for a in aliases} for c, aliases in real.institutions.groups().items()}
    ibm = next(a for a in groups.values() if "ibm" in a)
    assert {"ibm", "ibm research", "international business machines"} <= ibm
    sjtu = next(a for a in groups.values() if "shanghai jiao tong university" in a)
    assert {"shanghai jiaotong university", "sjtu"} <= sjtu  # SJTU comes from the CAIS notes
    assert ids_with(real, "ETH Zurich") == {"openreview:LRLyuaz1W7", "openreview:VDuS8N9RCx"}


def test_different_institutions_stay_apart(real):
    match = real.institutions.match_institution
    assert match("papers with authors at ETH Zurich") == ["ETH Zurich"]
    assert "ETH Zurich" not in match("papers from EPFL")
    assert match("University of Washington") == ["University of Washington"]
    for aliases in real.institutions.groups().values():
        folded = {a.casefold() for a in aliases}
        assert not ({"university of washington", "epfl", "epf lausanne"} & folded
                    and {"university of wisconsin madison", "eth zurich"} & folded)
    both = next(p for p in real.papers if "University of Washington; University of Wisconsin Madison"
                in p.extra.get("affiliations", []))
    assert {"University of Washington", "University of Wisconsin, Madison"} <= set(both.institutions)
    assert match("Which papers are from the University?") == []
    assert match("Is this a fair comparison of meta-learning?") == []
    assert match("Does UCB exploration help ICL?") == []  # derived 3-letter initials are not aliases
    assert match("any papers from ETH?") == ["ETH Zurich"]  # "ETH" is spelled in "ETH Zurich"


def test_sub_organisations_are_found_through_their_parent(real):
    assert real.institutions.match_institution("papers from Amazon")[:2] == ["Amazon", "Amazon Web Services"]
    google = real.institutions.match_institution("work by Google")
    assert google[0] == "Google" and "Google DeepMind" in google
    microsoft = real.institutions.match_institution("Microsoft")
    assert microsoft[0] == "Microsoft"
    assert {p.id for p in real.papers if "Research, Microsoft" in p.extra.get("affiliations", [])} <= \
        ids_with(real, "Microsoft")


@pytest.mark.parametrize("raw, names", [
    ("Department of Computer Science, University of Washington", ["University of Washington"]),
    ("Computer Science Department, Stanford University", ["Stanford University"]),
    ("EECS, UC Berkeley", ["UC Berkeley"]),
    ("School of Computer Science, Carnegie Mellon University", ["Carnegie Mellon University"]),
    ("Tsinghua University, Tsinghua University", ["Tsinghua University"]),
    ("University of Washington and NVIDIA", ["University of Washington", "NVIDIA"]),
    ("UW &amp; Anyscale", ["UW", "Anyscale"]),
    ("Georgia Tech/Google", ["Georgia Tech", "Google"]),
    ("University of Washington; University of Wisconsin Madison",
     ["University of Washington", "University of Wisconsin Madison"]),
    ("Korea Advanced Institute of Science &amp; Technology", ["Korea Advanced Institute of Science and Technology"]),
    ("Virginia Polytechnic Institute and State University", ["Virginia Polytechnic Institute and State University"]),
    ("University of California, Berkeley", ["University of California, Berkeley"]),
    ("LinkedIn Corporation", ["LinkedIn"]),
    ("Meta Platforms, Inc.", ["Meta Platforms"]),
    ("MBZUAI, CMU, and Petuum Inc.", ["MBZUAI", "CMU", "Petuum"]),
])
def test_split_affiliations(raw, names):
    assert split_affiliations(raw) == names


def test_canonical_institution_and_keys():
    assert canonical_institution("Department of Computer Science, University of Washington") == \
        "University of Washington"
    assert institution_key("Shanghai Jiaotong University") == institution_key("Shanghai Jiao Tong University")
    assert institution_key("NVIDIA") == institution_key("Nvidia")


@pytest.mark.parametrize("short, long, expected", [
    ("KAIST", "Korea Advanced Institute of Science & Technology", True),
    ("MIT", "Massachusetts Institute of Technology", True),
    ("CMU", "Carnegie Mellon University", True),
    ("IBM", "International Business Machines", True),
    ("UofT", "University of Toronto", True),
    ("Georgia Tech", "Georgia Institute of Technology", True),
    ("ETHZ", "ETH Zurich", True),
    ("Uber", "UC Berkeley", False),
    ("EPFL", "ETH Zurich", False),
    ("Chinese Academy of Sciences", "University of the Chinese Academy of Sciences", False),
])
def test_abbreviations(short, long, expected):
    assert abbreviates(short, long) is expected


def test_ambiguous_acronym_joins_nothing():
    index = InstitutionIndex(["UW", "University of Washington", "University of Waterloo"])
    assert len(index.groups()) == 3


def test_index_rebuilds_from_stored_papers(real):
    rebuilt = InstitutionIndex.from_papers(real.papers)
    assert rebuilt.groups() == real.institutions.groups()


# --- glossary ----------------------------------------------------------------------------------------

def test_glossary_from_text_and_acronym_list(real):
    g = real.glossary
    assert g["TTFT"][0] == "time-to-first-token"
    assert "mixture-of-experts" in g["MoE"] and "key-value" in g["KV"]
    assert g["DiT"] == ["diffusion transformer"] and "low-rank adaptation" in g["LoRA"]
    assert "large language model" in g["LLM"]


def test_mine_glossary_patterns():
    g = mine_glossary(["We use tensor parallelism (TP) and Large Language Models (LLMs).",
                       "SLOs (service-level objectives) matter. The (KV) cache of the performance (TP)."])
    assert g == {"TP": ["tensor parallelism"], "LLM": ["large language model"],
                 "SLO": ["service-level objective"]}


# --- user collections --------------------------------------------------------------------------------

def write(path: Path, text: str | bytes) -> Path:
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_good_jsonl_loads(tiny_sources):
    col = load_collection([tiny_sources])
    assert [p.id for p in col.papers] == ["t:1", "t:2", "t:3", "t:4"]
    p = col.papers[0]
    assert (p.venue, p.year, p.authors, p.source) == ("TestConf 2026", 2026, ["Ada Lovelace", "Alan Turing"],
                                                      "tiny.jsonl")
    assert p.institutions == ["Example University"]
    assert col.parser_versions["jsonl"] and col.glossary["TTFT"] == ["time-to-first-token"]


def test_csv_with_extra_columns_and_list_fields(tmp_path):
    path = write(tmp_path / "mine.csv", 'id,title,authors,institutions,year,notes\n'
                 'a1,Paper One,"Ann; Bob","[""MIT"", ""Stanford University""]",2025,ignored\n'
                 'a2,"Paper, Two",,,,\n')
    col = load_collection([path])
    assert [p.id for p in col.papers] == ["a1", "a2"]
    assert col.papers[0].authors == ["Ann", "Bob"] and col.papers[0].year == 2025
    assert col.papers[0].institutions == ["MIT", "Stanford University"]
    assert col.papers[1].title == "Paper, Two" and col.papers[1].year is None


def test_missing_title_names_file_and_line(tmp_path):
    path = write(tmp_path / "data.jsonl", jsonl({"id": "x1", "title": "Fine"}, {"id": "x2"}))
    with pytest.raises(SourceError, match=r"data\.jsonl line 2: missing 'title'"):
        load_collection([path])
    csv_path = write(tmp_path / "data.csv", "id,title\nx1,Fine\nx2,\n")
    with pytest.raises(SourceError, match=r"data\.csv line 3: missing 'title'"):
        load_collection([csv_path])


def test_duplicate_ids_are_errors(tmp_path):
    path = write(tmp_path / "dup.jsonl", jsonl({"id": "x", "title": "A"}, {"id": "x", "title": "B"}))
    with pytest.raises(SourceError, match=r"dup\.jsonl line 2: duplicate id 'x'"):
        load_collection([path])
    a = write(tmp_path / "a.jsonl", jsonl({"id": "y", "title": "A"}))
    b = write(tmp_path / "b.csv", "id,title\ny,B\n")
    with pytest.raises(SourceError, match=r"b\.csv: duplicate id 'y'"):
        load_collection([a, b])


def test_skip_bad_loads_the_rest_and_lists_what_was_skipped(tmp_path):
    path = write(tmp_path / "data.jsonl", jsonl({"id": "1", "title": "A"}, {"id": "2"}, {"id": "1", "title": "C"},
                                                {"id": "4", "title": "D", "year": "soon"}) + "{not json\n")
    col = load_collection([path], skip_bad=True)
    assert [p.id for p in col.papers] == ["1"]
    assert col.skipped[:3] == ["data.jsonl line 2: missing 'title'",
                               "data.jsonl line 3: duplicate id '1' (first at data.jsonl line 1)",
                               "data.jsonl line 4: 'year' must be a 4-digit integer, got 'soon'"]
    assert col.skipped[3].startswith("data.jsonl line 5: invalid JSON (") and len(col.skipped) == 4
    bad = write(tmp_path / "latin1.jsonl", "caf\xe9".encode("latin-1"))
    col = load_collection([path, bad], skip_bad=True)
    assert any(s.startswith("latin1.jsonl line 1: not UTF-8") for s in col.skipped)


def test_non_utf8_names_file_line_and_byte_offset(tmp_path):
    path = write(tmp_path / "bad.jsonl", b'{"id": "0", "title": "ok"}\n{"id": "1", "title": "caf\xe9"}\n')
    with pytest.raises(SourceError, match=r"bad\.jsonl line 2: not UTF-8 text \(byte offset 52"):
        load_collection([path])


def test_valid_json_of_the_wrong_shape(tmp_path):
    path = write(tmp_path / "other.json", json.dumps({"items": [{"name": "x"}]}, indent=1))
    with pytest.raises(SourceError, match=r"other\.json: valid JSON but not a recognised shape; expected a miniconf"):
        load_collection([path])


def test_undetectable_format_lists_supported_ones(tmp_path):
    path = write(tmp_path / "notes.txt", "just some text\nnothing to see\n")
    with pytest.raises(SourceError, match=r"notes\.txt: cannot tell which format.*JSON Lines.*CSV"):
        load_collection([path])


def test_format_is_chosen_by_content_not_name(tmp_path):
    disguised = write(tmp_path / "papers.txt", jsonl({"id": "z", "title": "Z"}))
    assert detect_format(disguised, disguised.read_text()) is PARSERS["jsonl"]
    digest = (SOURCES / "arxiv-llm-inference-digest-2026-02.md").read_text()
    assert detect_format("digest.txt", digest) is PARSERS["arxiv-digest"]
    assert detect_format("x.md", (SOURCES / "cais2026-reading-notes.md").read_text()) is PARSERS["reading-notes"]


def test_directories_skip_readme_and_hidden_files(tmp_path):
    write(tmp_path / "README.md", "# about these files")
    write(tmp_path / ".hidden.jsonl", "garbage")
    write(tmp_path / "b.jsonl", jsonl({"id": "b", "title": "B"}))
    write(tmp_path / "a.csv", "id,title\na,A\n")
    col = load_collection([tmp_path])
    assert [p.id for p in col.papers] == ["a", "b"] and set(col.sources) == {"a.csv", "b.jsonl"}
    with pytest.raises(SourceError, match="no such file"):
        load_collection([tmp_path / "missing.jsonl"])


def test_miniconf_without_paper_url_falls_back_to_uid(tmp_path):
    data = {"count": 1, "results": [{"id": 7, "uid": "abc", "name": "Other $2\\times$ Paper", "abstract": "x",
                                     "authors": [{"fullname": "A", "institution": "MIT", "url":
                                                  "https://iclr.cc/api/miniconf/users/1"}],
                                     "virtualsite_url": "/virtual/2025/poster/7",
                                     "sourceurl": "https://openreview.net/group?id=ICLR.cc/2025/Conference"}]}
    col = load_collection([write(tmp_path / "iclr.json", json.dumps(data))])
    p = col.papers[0]
    assert (p.id, p.url, p.venue, p.year, p.title) == ("miniconf:abc", "https://iclr.cc/virtual/2025/poster/7",
                                                        "ICLR 2025", 2025, "Other 2× Paper")
    data["results"][0]["authors"] = [{"fullname": 3}]
    with pytest.raises(SourceError, match=r"iclr\.json results\[0\]\.authors\[0\]"):
        load_collection([write(tmp_path / "iclr.json", json.dumps(data))])


def test_loading_the_bundled_collections_needs_no_model_or_index_library():
    # (its speed is measured in benchmarks/, not asserted here: a timed assertion failed on a busy machine)
    import subprocess
    import sys

    code = ("import sys; from assistant.sources import load_collection; "
            f"c = load_collection([{str(SOURCES)!r}]); "
            "heavy = [m for m in ('torch', 'sentence_transformers', 'chromadb', 'llama_index.core') "
            "if m in sys.modules]; "
            "print(len(c.papers), heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) == 173 and out[1:] == ["[]"]


def test_symbol_before_formatting_command_is_not_read_as_a_placeholder_macro():
    """'\\rightarrow\\mathrm{softmax}' must become an arrow, not the system name glued to the text."""
    from assistant.clean import clean_text

    raw = r"costly $\mathrm{dequantize}\rightarrow\mathrm{softmax}\rightarrow\mathrm{requantize}$ detour"
    assert clean_text(raw, "IntAttention") == "costly dequantize→softmax→requantize detour"


def test_a_csv_quote_never_closed_is_reported_not_a_silent_loss(tmp_path):
    # the rows after it had been read into one title, and vanished, with or without --skip-bad
    bad = tmp_path / "bad.csv"
    bad.write_text('id,title,year\nc:1,First,2026\nc:2,"Unclosed quote,2026\nc:3,Third,2026\nc:4,Fine four,2026\n',
                   encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.csv line 3: a quote opened in this record is never closed, so "
                                          r"lines 4-5 were read"):
        load_collection([bad])
    kept = load_collection([bad], skip_bad=True)
    assert [p.id for p in kept.papers] == ["c:1"] and "never closed" in kept.skipped[0]
    # a quoted field on several lines, commas and all, is a field
    ok = tmp_path / "ok.csv"
    ok.write_text('id,title,abstract\nc:1,First,"An abstract\nwith, two, commas"\nc:2,Second,fine\n', encoding="utf-8")
    assert [p.id for p in load_collection([ok]).papers] == ["c:1", "c:2"]
    # ...the last one too, with commas enough for a row (it had been called an unclosed quote)
    last = tmp_path / "last.csv"
    last.write_text('id,title,abstract\nt:1,First paper,"Line one.\nWe study X, Y, Z."\n', encoding="utf-8")
    assert [p.id for p in load_collection([last]).papers] == ["t:1"]
