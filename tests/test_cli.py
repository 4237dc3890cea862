"""The command-line shells, run as a user runs them: separate processes over the session's real index."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.store import MANIFEST, open_index

TTFT = "which papers reduce TTFT?"


def run(args: list[str], index_dir: Path | None, timeout: float = 240) -> subprocess.CompletedProcess:
    """``assistant ARGS`` (or ``ask ARGS`` when args[0] == "ask!") in a fresh process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8")
    if index_dir is not None:
        env["ASSISTANT_INDEX_DIR"] = str(index_dir)
    if args and args[0] == "ask!":
        script = Path(sys.executable).with_name("ask")
        cmd = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli", "ask"]
        args = args[1:]
    else:
        cmd = [sys.executable, "-m", "assistant.cli"]
    return subprocess.run(cmd + args, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in proc.stderr.splitlines() if ln.strip()]


def test_index_json_prints_exactly_the_summary_keys(real_index):
    proc = run(["index", "--json"], real_index.index_dir)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert set(summary) == {"papers", "added", "updated", "removed", "unchanged", "skipped", "seconds"}
    assert summary["papers"] == summary["unchanged"] == 173
    assert (summary["added"], summary["updated"], summary["removed"], summary["skipped"]) == (0, 0, 0, [])
    assert isinstance(summary["seconds"], (int, float)) and summary["seconds"] >= 0


def test_papers_json_lists_the_173_papers(real_index):
    proc = run(["papers", "--json"], real_index.index_dir)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 173 == len({r["id"] for r in rows})
    keys = {"id", "title", "venue", "year", "authors", "institutions", "url"}
    assert all(set(r) == keys for r in rows)
    assert {r["id"] for r in rows} == set(open_index(real_index).papers)
    assert all(r["title"] and r["url"].startswith("http") for r in rows)
    assert {r["venue"] for r in rows} == {"MLSys 2026", "arXiv", "CAIS 2026"}


@pytest.mark.parametrize("command", [["index"], ["papers"], ["ask"], ["eval"], ["ask!"]],
                         ids=["index", "papers", "assistant-ask", "eval", "ask"])
def test_help_has_examples(command):
    proc = run(command + ["--help"], None, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "examples" in proc.stdout.lower()
    assert "usage:" in proc.stdout


def test_ask_json_answers_with_citations(real_index):
    proc = run(["ask!", "--json", TTFT], real_index.index_dir)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert set(answer) == {"text", "citations", "refused", "timings_ms"}
    assert answer["refused"] is False and answer["text"].strip()
    assert 1 <= len(answer["citations"]) <= real_index.k
    papers = open_index(real_index).papers
    for c in answer["citations"]:
        assert set(c) == {"paper_id", "title", "url", "venue", "quote", "score"}
        assert c["paper_id"] in papers and c["title"] == papers[c["paper_id"]].title
        assert c["quote"] and isinstance(c["score"], (int, float))
    assert isinstance(answer["timings_ms"], dict) and answer["timings_ms"]


@pytest.mark.parametrize("command", [["ask!"], ["ask"]], ids=["ask", "assistant-ask"])
def test_empty_question_is_one_error_line(real_index, command):
    proc = run(command + [""], real_index.index_dir, timeout=60)
    assert proc.returncode != 0
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("Error:"), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_a_k_below_one_is_one_error_line(real_index):
    proc = run(["ask!", "--k", "-3", "which papers reduce TTFT?"], real_index.index_dir, timeout=60)
    assert proc.returncode != 0 and proc.stdout == ""
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("Error:") and "at least 1" in lines[0], proc.stderr


def test_unreadable_index_is_one_error_line_naming_the_fix(real_index, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(real_index.index_dir, index_dir)
    (index_dir / MANIFEST).write_text('{"format": 1, "generation": ', encoding="utf-8")
    for command in (["ask!", TTFT], ["papers"]):
        proc = run(command, index_dir)
        assert proc.returncode == 1, (command, proc.stderr)
        lines = error_lines(proc)
        assert len(lines) == 1 and lines[0].startswith("Error:"), proc.stderr
        assert "assistant index --rebuild" in lines[0]
    assert (index_dir / MANIFEST).read_text() == '{"format": 1, "generation": '  # reading never repairs


def test_index_multilingual_embeds_the_papers_for_foreign_questions_once(tiny_settings, tiny_sources):
    args = ["index", str(tiny_sources), "--multilingual", "--json"]
    first = run(args, tiny_settings.index_dir)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["multilingual"] == {"papers": 4, "embedded": 4}
    again = run(args, tiny_settings.index_dir)
    assert json.loads(again.stdout)["multilingual"] == {"papers": 4, "embedded": 0}
    answer = run(["ask!", "¿Qué artículos comprimen la caché KV?", "--json"], tiny_settings.index_dir)
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["citations"][0]["paper_id"] == "t:2"  # KVSqueeze


def test_index_with_a_file_adds_it_and_updates_read_every_source_again(tiny_settings, tiny_sources, tmp_path):
    # "assistant index my-papers.jsonl" had replaced the collection ("173 removed"), and a plain update afterwards
    # dropped the added papers again; an empty folder had emptied the index with exit 0
    from conftest import write_jsonl

    first = run(["index", str(tiny_sources), "--json"], tiny_settings.index_dir)  # a first index: just these
    assert json.loads(first.stdout)["papers"] == 4, first.stderr
    mine = tmp_path / "mine.jsonl"
    write_jsonl(mine, [{"id": "my:1", "title": "Zorblax squeezes the KV cache", "abstract": "We squeeze it 3x.",
                        "venue": "MyLab 2026", "year": 2026}])
    added = run(["index", str(mine)], tiny_settings.index_dir)
    assert added.returncode == 0 and "Indexed 5 papers: 1 added, 0 updated, 0 removed" in added.stdout, added.stdout
    assert "Added to the collection: " in added.stdout
    again = run(["index", "--json"], tiny_settings.index_dir)
    assert json.loads(again.stdout)["papers"] == 5 and json.loads(again.stdout)["removed"] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (["--only", str(empty)], [str(empty)]):
        refused = run(["index", *args], tiny_settings.index_dir)
        assert refused.returncode == 1 and error_lines(refused)[0].startswith(f"Error: No files in {empty}")
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,title,year\n", encoding="utf-8")
    none = run(["index", str(header_only)], tiny_settings.index_dir)
    assert none.returncode == 1 and error_lines(none)[0].startswith(f"Error: No papers in {header_only}")
    assert len(open_index(tiny_settings).papers) == 5  # left as it was
    # a file of a folder already read adds nothing, and removes nothing (its folder's other files had been dropped)
    inside = run(["index", str(tiny_sources / "tiny.jsonl"), "--json"], tiny_settings.index_dir)
    assert json.loads(inside.stdout)["papers"] == 5 and json.loads(inside.stdout)["removed"] == 0
    # a source moved away is an error naming it, not its papers removed without a word
    moved = tmp_path / "moved.jsonl"
    mine.rename(moved)
    gone = run(["index"], tiny_settings.index_dir)
    assert gone.returncode == 1 and f"built from {mine}, which no longer exists" in error_lines(gone)[0]
    assert len(open_index(tiny_settings).papers) == 5
    moved.rename(mine)
    only = run(["index", "--only", str(mine), "--json"], tiny_settings.index_dir)
    assert json.loads(only.stdout)["papers"] == 1 and json.loads(only.stdout)["removed"] == 4


def test_an_index_moved_with_its_own_sources_folder_still_reads_them(tmp_path):
    # the sources were recorded by absolute path: a moved index (with index/sources/ inside it) had lost them all
    from conftest import tiny_papers, write_jsonl

    index_dir = tmp_path / "index"
    (index_dir / "sources").mkdir(parents=True)
    write_jsonl(index_dir / "sources" / "tiny.jsonl", tiny_papers())
    assert run(["index"], index_dir).returncode == 0
    shutil.move(str(index_dir), str(tmp_path / "moved-index"))
    again = run(["index", "--json"], tmp_path / "moved-index")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["papers"] == 4 and json.loads(again.stdout)["removed"] == 0


def _ask_with_stdin(args: list[str], stdin: str, index_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", ASSISTANT_INDEX_DIR=str(index_dir))
    return subprocess.run([sys.executable, "-m", "assistant.cli", "ask"] + args, env=env, input=stdin,
                          capture_output=True, text=True, timeout=240)


def test_a_piped_question_is_echoed_as_it_was_read(real_index):
    # the heading had echoed a pasted colour code raw to the terminal, and a 100 KB line whole
    proc = _ask_with_stdin([], "which papers reduce \x1b[31mTTFT\x1b[0m?\x07\n" + "x" * 100_000 + " why?\n",
                           real_index.index_dir)
    headings = [line for line in proc.stdout.splitlines() if line.startswith("## ")]
    assert headings[0] == f"## {TTFT}" and "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert len(headings[1]) < 300 and headings[1].endswith("…")


def test_questions_piped_one_per_line_get_one_json_answer_each(real_index):
    proc = _ask_with_stdin(["--json"], f"{TTFT}\n\n   \n\x01\nwhat does Stream2LLM do?\n", real_index.index_dir)
    assert proc.returncode == 1  # the line of a control character only is an empty question, said and skipped
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    # (a bad line gets a JSON line too, saying why, so the answers stay beside the questions that asked them)
    assert [r["question"] for r in rows] == [TTFT, "\x01", "what does Stream2LLM do?"]
    assert rows[1] == {"question": "\x01", "error": "The question is empty: type a question about the papers."}
    rows = [rows[0], rows[2]]
    assert all(set(r) == {"question", "text", "citations", "refused", "timings_ms"} for r in rows)
    assert len(rows[0]["citations"]) >= 8 and rows[1]["citations"][0]["title"].startswith("Stream2LLM")
    assert error_lines(proc) == ["Error: line 4: The question is empty: type a question about the papers."]


def test_a_piped_follow_up_is_about_the_answer_before_it(real_index):
    # "what does the second one do?" piped after its question had been "Error: line 2: There is no previous answer"
    proc = _ask_with_stdin(["--json"], f"{TTFT}\nwhat does the second one do?\n", real_index.index_dir)
    assert proc.returncode == 0, proc.stderr
    first, second = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [c["paper_id"] for c in second["citations"]] == [first["citations"][1]["paper_id"]]


def test_no_question_and_nothing_piped_is_one_error_line(real_index):
    proc = _ask_with_stdin([], "", real_index.index_dir)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("Error: No question")


def test_ask_alone_on_a_terminal_is_a_chat_with_follow_ups(real_index):
    import pty
    import re
    import select
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", ASSISTANT_INDEX_DIR=str(real_index.index_dir))
    leader, follower = pty.openpty()
    # (Ctrl-C as a terminal delivers it: pytest started in the background of a non-interactive shell ("... &")
    # has SIGINT ignored, an ignored signal stays ignored in a child, and Python then raises no KeyboardInterrupt)
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ask"], stdin=follower, stdout=follower,
                            stderr=follower, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(follower)
    out = b""

    def prompts(n: int, timeout: float = 240, must: bool = True) -> bool:
        """Read the terminal until the n-th "ask> " prompt has been shown."""
        nonlocal out
        end = time.monotonic() + timeout
        while out.count(b"ask> ") < n and time.monotonic() < end:
            if select.select([leader], [], [], 1)[0]:
                try:
                    out += os.read(leader, 65536)
                except OSError:  # the process closed the terminal
                    break
        assert not must or out.count(b"ask> ") >= n, out.decode("utf-8", "replace")[-2000:]
        return out.count(b"ask> ") >= n

    try:
        prompts(1)
        os.write(leader, f"{TTFT}\n".encode())
        prompts(2)
        os.write(leader, b"what does the second one do?\n")
        prompts(3)
        # Ctrl-C at the prompt clears it (it had ended the chat, exit 130); a signal while readline sets the prompt
        # up is lost, which on a loaded machine takes longer than the 1.5 s waited: sent again until a prompt shows
        for _ in range(5):
            time.sleep(1.5)
            proc.send_signal(signal.SIGINT)
            if prompts(4, timeout=6, must=False) or proc.poll() is not None:
                break
        prompts(4, timeout=1)
        assert proc.poll() is None
        os.write(leader, b"exit\n")
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    turns = out.decode("utf-8", "replace").split("ask> ")
    cited = lambda turn: list(dict.fromkeys(re.findall(r"\[((?:openreview|arxiv|doi):[^\]\s]+)\]", turn)))  # noqa: E731
    listed, follow = cited(turns[1]), cited(turns[2])
    assert len(listed) >= 8  # the list answer
    assert follow == [listed[1]]  # the follow-up is the list's second paper, and only it


@pytest.mark.parametrize("command", [[], ["ask!"]], ids=["assistant", "ask"])
def test_version_is_the_installed_package_version(command):
    from importlib.metadata import version

    proc = run(command + ["--version"], None, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith(version("paper-assistant"))


def test_an_index_dir_that_cannot_hold_an_index_is_one_error_line(real_index, tmp_path):
    # "--index-dir /etc/passwd" ended in a FileExistsError traceback; a folder of the user's own files got an index
    # written among them
    a_file = tmp_path / "notes.txt"
    a_file.write_text("my notes")
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "thesis.tex").write_text("x")
    for index_dir, message in ((a_file, "is a file, not an index directory"),
                               (folder, "holds no index but other files (thesis.tex)"),
                               # a mistyped path had made its folders and spent 20 s building an index there
                               (tmp_path / "typo" / "deep" / "index", "does not exist, nor does its folder")):
        proc = run(["ask!", TTFT, "--index-dir", str(index_dir)], None)
        lines = error_lines(proc)
        assert proc.returncode == 1 and len(lines) == 1 and message in lines[0], proc.stderr
    # `assistant papers` builds a first index only where `ask` would (it had written one among the files)
    proc = run(["papers", "--index-dir", str(folder)], None)
    assert proc.returncode == 1 and "holds no index but other files" in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"] and not (tmp_path / "typo").exists()
    # a damaged index elsewhere than the default is rebuilt by a command naming it
    index_dir = tmp_path / "index"
    shutil.copytree(real_index.index_dir, index_dir)
    (index_dir / MANIFEST).write_text("{")
    proc = run(["ask!", TTFT, "--index-dir", str(index_dir)], None)
    assert f"assistant index --rebuild --index-dir {index_dir}" in proc.stderr


def test_piped_json_echoes_the_question_as_valid_utf8(real_index):
    # bytes that are not UTF-8 were echoed raw in "question", and strict JSON readers failed on the line
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(NO_COLOR="1", ASSISTANT_INDEX_DIR=str(real_index.index_dir))
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json"], env=env,
                          input=TTFT.encode() + b"\xed\xa0\x80\n", capture_output=True, timeout=240)
    row = json.loads(proc.stdout.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert row["question"].startswith(TTFT) and len(row["citations"]) >= 8


def test_an_id_no_paper_has_is_said(real_index):
    # "what does arxiv:9999 do?" had been read as a question about the arXiv papers
    proc = run(["ask!", "what does arxiv:9999 do?", "--json"], real_index.index_dir)
    answer = json.loads(proc.stdout)
    assert proc.returncode == 0 and answer["refused"] and not answer["citations"]
    assert answer["text"].startswith("No paper in the collection has the id arxiv:9999.")


def test_papers_marks_cut_titles_and_a_dumb_terminal_gets_no_colour(real_index):
    # titles cut at 90 characters had been cut with no mark ("...for Efficient LLM Infere")
    proc = run(["papers"], real_index.index_dir)
    titles = [p.title for p in open_index(real_index).papers.values() if len(p.title) > 90]
    assert titles
    for title in titles:
        assert title[:89].rstrip() + "…" in proc.stdout, title


def test_colour_only_where_a_terminal_shows_it(monkeypatch):
    import assistant.cli as cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli._use_color()
    monkeypatch.setenv("TERM", "dumb")  # had still got escape codes
    assert not cli._use_color()
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._use_color()


def test_eval_refuses_what_it_cannot_score(real_index, tmp_path):
    # "--answerer llm" with no server scored every question 0 (or scored the grounded fallback as the LLM's) with
    # exit 0; "--answerer nope" was reported as an unknown baseline; an empty file gave an empty table, exit 0
    questions = Path(__file__).parents[1] / "benchmarks" / "questions" / "dev.jsonl"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    env_free = run(["eval", str(questions), "--answerer", "llm"], real_index.index_dir)
    cases = [(env_free, "No LLM server is configured"),
             (run(["eval", str(questions), "--answerer", "nope"], real_index.index_dir), "Unknown answerer 'nope'"),
             (run(["eval", str(empty)], real_index.index_dir), "holds no questions"),
             (run(["eval", str(questions), "--answerer", "llm", "--baseline", "bm25"], real_index.index_dir),
              "not both")]
    for proc, message in cases:
        lines = error_lines(proc)
        assert proc.returncode == 1 and len(lines) == 1 and message in lines[0], proc.stderr


def test_serve_on_a_port_in_use_is_one_error_line(tmp_path):
    # it had loaded the index, then ended in Gradio's "Cannot find empty port" traceback
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run(["serve", "--port", str(port)], tmp_path / "no-index-needed", timeout=120)
    assert proc.returncode == 1
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith(f"Error: Cannot serve on 127.0.0.1:{port}") and "--port" in lines[0]
    # a port no machine has, and a host that does not resolve (a traceback, and "the port may be in use")
    for args, said in ((["--port", "99999"], "Error: --port must be a port number from 1 to 65535"),
                       (["--host", "nosuchhost.invalid", "--port", "7901"], "Error: Cannot serve on nosuchhost.invalid: "
                                                                            "no such host")):
        proc = run(["serve", *args], tmp_path / "no-index-needed", timeout=120)
        assert proc.returncode == 1 and error_lines(proc)[0].startswith(said), proc.stderr


def test_papers_columns_fit_long_venues_and_sources_skip_what_a_record_lacks(tiny_settings, tmp_path):
    # "TestConf 2026" had run into its title in `assistant papers`; a paper with no venue or link got "—  — "
    from assistant.schema import Citation, sources_block
    from conftest import write_jsonl

    src = tmp_path / "long.jsonl"
    write_jsonl(src, [{"id": "lv:1", "title": "A Paper At A Long Venue", "abstract": "It is long.",
                       "venue": "TestConf 2026 Workshop", "year": 2026},
                      {"id": "lv:2", "title": "No Venue Here", "abstract": "None.", "year": 2026}])
    assert run(["index", str(src)], tiny_settings.index_dir).returncode == 0
    proc = run(["papers"], tiny_settings.index_dir)
    lines = proc.stdout.splitlines()
    assert any(re.search(r"^lv:1\s+TestConf 2026 Workshop\s+A Paper At A Long Venue$", ln) for ln in lines), lines
    block = sources_block([Citation("lv:2", "No Venue Here", "", "", "None.", 1.0)])
    assert block.splitlines()[-1] == "1. [lv:2] No Venue Here"


@pytest.mark.parametrize("args", [["ask!", "--bogus", "x"], ["index", "--nope"], ["frob"]])
def test_a_bad_option_is_one_error_line_and_exit_code_1(args, tmp_path):
    # argparse had printed its usage block and exited 2; every other bad input is one Error line and exit 1
    proc = run(args, tmp_path / "index")
    assert proc.returncode == 1
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "--help" in lines[0]


@pytest.mark.parametrize("option", ["--institution", "--author", "--venue"])
def test_a_blank_filter_is_one_error_line(option, tmp_path):
    # "--institution ''" had been ignored (all 26 KV cache papers) and "--author '   '" searched as the author "by    "
    proc = run(["ask!", "papers on KV cache", option, "   "], tmp_path / "index")
    lines = error_lines(proc)
    assert proc.returncode == 1 and len(lines) == 1 and lines[0].startswith(f"Error: argument {option}: it is blank")


def test_a_question_during_another_processes_first_build_waits_for_it(tiny_sources, tmp_path):
    # a second `ask` while the first was building the index had failed ("being written by pid N")
    from filelock import FileLock

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(NO_COLOR="1", ASSISTANT_INDEX_DIR=str(index_dir), ASSISTANT_SOURCES=str(tiny_sources))
    lock = FileLock(str(index_dir / ".lock"))
    lock.acquire()  # this test is the other process, mid-build
    (index_dir / ".lock.owner").write_text("pid 4242")
    try:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ask", "what does KVSqueeze do?"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert proc.poll() is None  # waiting, not failed
    finally:
        (index_dir / ".lock.owner").unlink(missing_ok=True)
        lock.release()
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert "Waiting for the other indexer (pid 4242)" in err and "[t:2]" in out


def test_eval_fails_loudly_when_answering_raises(real_index, tmp_path, monkeypatch, capsys):
    # a question whose answer raised had been scored as a wrong answer, exit 0: a NameError had read as refusals
    from assistant import cli
    from assistant.schema import Answer

    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps({"qid": qid, "kind": "unanswerable", "question": text, "gold": [],
                                               "partial": [], "answer_regex": None})
                                   for qid, text in (("q1", "a recipe for bread?"), ("q2", "a recipe for soup?"))))

    def broken(name, settings):
        def answer(text: str) -> Answer:
            if "soup" in text:
                raise NameError("name 'ASKING_KEYS' is not defined")
            return Answer(text="The collection does not cover this question.", citations=[], refused=True)
        return answer

    monkeypatch.setattr(cli, "make_answerer", broken)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_index.index_dir))
    code = cli.main(["eval", str(questions)])
    err = capsys.readouterr().err
    assert code == 1 and "1 of 2 questions raised" in err and "q2" in err and "ASKING_KEYS" in err
