"""Command-line shells: ``ask "question"`` and ``assistant index|papers|ask|eval|serve``.

Each command parses its options, calls the Python API and formats the result; errors become a single
``Error: ...`` line and exit code 1 (set ASSISTANT_DEBUG=1 for the traceback).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import AssistantError

ASK_EXAMPLES = """examples:
  ask "which papers reduce TTFT?"
  ask "what does RagInfer do?"
  ask "what did Amazon present at MLSys 2026?" --json
  ask "papers on KV cache compression" --venue arXiv --k 5
  ask "papers on speculative decoding that are not from Google"
  ask "who wrote Stream2LLM?"
  ask "which institutions published the most papers?"
  ask "papers similar to openreview:FuRo7Ur5Ib"
  ask "compare Kitty and InnerQ"
  ask "what is TTFT?"
  ask "what are the main topics at MLSys 2026?"
  ask "which papers release their code?"
  ask "哪些论文研究推测解码？"       # in Chinese, Japanese, Korean, Spanish, French, Italian, Portuguese, German,
                                      # Russian or Ukrainian
                                      # (the first such question prepares for ~80 s)
  ask                                 # a chat in the terminal: follow up with "what does the second one do?"
  ask --json < questions.txt          # one question per line, one JSON answer per line
"""

INDEX_EXAMPLES = """examples:
  assistant index                      # index/sources/, only new or changed papers are embedded
  assistant index --rebuild            # re-embed everything
  assistant index --multilingual       # also embed papers for questions in other languages now
  assistant index my-papers.jsonl --skip-bad   # add a collection of your own to the index
  assistant index --only my-papers.jsonl       # index it alone (the other papers are removed)
"""


class _Parser(argparse.ArgumentParser):
    """Bad options are one ``Error:`` line and exit code 1, as every other bad input (argparse printed its usage
    block and exited 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(1, f"Error: {message} (see {self.prog} --help)\n")


def _settings_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index-dir", help="index directory (default: index/ of this checkout; env ASSISTANT_INDEX_DIR)")
    p.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (env ASSISTANT_CHROMA_URL)")


def _settings(args, **extra):
    from .config import Settings

    return Settings.load(index_dir=getattr(args, "index_dir", None), chroma_url=getattr(args, "chroma_url", None), **extra)


def _name_arg(value: str) -> str:
    """A filter's name as given: a blank one is an error, not "no filter" nor a search for "by    "."""
    if not value.strip():
        raise argparse.ArgumentTypeError("it is blank: give a name, or leave the option out")
    return value.strip()


def _ask_parser(prog: str) -> argparse.ArgumentParser:
    p = _Parser(prog=prog, description="Ask a question about the indexed papers; "
                                "the answer cites every paper it uses.",
                                epilog=ASK_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("question", nargs="*",
                   help="the question (quote it); none: a chat on a terminal, else one question per line of stdin")
    p.add_argument("--k", type=int, default=None, help="maximum papers to cite (default 10)")
    p.add_argument("--venue", action="append", type=_name_arg,
                   help="only papers from this venue, e.g. 'MLSys 2026' (repeatable)")
    p.add_argument("--institution", action="append", type=_name_arg,
                   help="only papers with an author from this institution")
    p.add_argument("--author", action="append", type=_name_arg, help="only papers by this author")
    p.add_argument("--year", type=int, action="append", help="only papers from this year")
    p.add_argument("--json", action="store_true", help="print the answer as JSON (text, citations, refused, timings_ms)")
    p.add_argument("--llm", action="store_true", help="compose the answer with the LLM server set by ASSISTANT_LLM_BASE_URL")
    _version_arg(p)
    _settings_args(p)
    return p


def _version_arg(p: argparse.ArgumentParser) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("paper-assistant")
    except PackageNotFoundError:  # run from a checkout that was not installed
        v = "unknown"
    p.add_argument("--version", action="version", version=f"%(prog)s {v}")


def _format_answer(answer, color: bool) -> str:
    import re

    text = answer.text
    if color:
        text = re.sub(r"\*\*(.+?)\*\*", "\033[1m\\1\033[0m", text)
        text = re.sub(r"\[((?:openreview|arxiv|doi|[a-z]+):[^\]\s]+)\]", "\033[36m[\\1]\033[0m", text)
        if answer.refused:
            text = "\033[33m" + text + "\033[0m"
    return text


def run_ask(args) -> int:
    from .api import Assistant

    settings = _settings(args)
    if args.llm:
        from .llm import check_server

        check_server(settings)  # the user asked for the LLM: an unreachable server is an error, not a fallback
    assistant = Assistant(settings)
    options = dict(k=args.k, venue=args.venue, institution=args.institution, author=args.author, year=args.year,
                   llm=args.llm or None)
    color = _use_color()
    if args.question:
        answer = assistant.ask(" ".join(args.question), **options)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        else:
            print(_format_answer(answer, color))
        return 0
    if sys.stdin.isatty():
        return _chat(assistant, options, color)
    return _batch(assistant, options, args.json, color)


def _text(line: str) -> str:
    """A line of stdin as valid UTF-8 text: bytes that were not (read as lone surrogates) shown as U+FFFD, so the
    JSON echoing the question stays readable by strict parsers."""
    return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _heading(line: str, most: int = 200) -> str:
    """A piped question as its answer's heading: cleaned as it was read (a pasted colour code had reached the
    terminal raw), and shortened (a 100 KB line had been echoed whole)."""
    from .query import clean_question

    try:
        text = clean_question(line, 2000)
    except Exception:  # noqa: BLE001 - a heading is no reason to fail; the question itself was answered
        text = line.strip()
    return text if len(text) <= most else text[:most].rstrip() + "…"


def _use_color() -> bool:
    """Colour on a terminal that shows it: not when piped, with NO_COLOR set, or on TERM=dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _batch(assistant, options: dict, as_json: bool, color: bool) -> int:
    """``ask < questions.txt``: each non-blank line of stdin is a question, read as the chat reads it (a follow-up,
    "what does the second one do?", is about the answer before it); with --json, one JSON object per line. A bad
    question is an ``Error:`` line on stderr (and exit code 1 at the end), not the end."""
    from .conversation import Conversation
    from .errors import QuestionError

    conversation = Conversation(assistant)  # (a follow-up piped after its question had been "no previous answer")
    failed = asked = 0
    for i, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        asked += 1
        try:
            answer = conversation.ask(line.strip(), **options)
        except QuestionError as exc:
            print(f"Error: line {i}: {exc}", file=sys.stderr)
            if as_json:  # one JSON line per question, so that answers stay beside the lines that asked them
                print(json.dumps({"question": _text(line.strip()), "error": str(exc)}, ensure_ascii=False),
                      flush=True)
            failed += 1
            continue
        if as_json:
            print(json.dumps({"question": _text(line.strip()), **answer.to_dict()}, ensure_ascii=False), flush=True)
        else:
            print(f"## {_heading(line)}\n\n{_format_answer(answer, color)}\n", flush=True)
    if not asked:
        raise QuestionError('No question: give one (ask "which papers reduce TTFT?"), run ask on a terminal for a '
                            "chat, or pipe questions one per line.")
    return 1 if failed else 0


def _chat(assistant, options: dict, color: bool) -> int:
    """``ask`` alone on a terminal: questions and follow-ups ("what does the second one do?") until an empty
    line, "exit" or Ctrl-D."""
    from .conversation import Conversation
    from .errors import QuestionError

    conversation = Conversation(assistant)
    print("Ask about the indexed papers; follow up with e.g. 'what does the second one do?'. "
          "An empty line, 'exit' or Ctrl-D ends.", file=sys.stderr)
    while True:
        try:
            question = input("ask> ").strip()
        except EOFError:
            print(file=sys.stderr)
            return 0
        except KeyboardInterrupt:  # Ctrl-C clears the line, as in a shell; Ctrl-D or "exit" ends
            print(file=sys.stderr)
            continue
        if not question or question.lower() in ("exit", "quit", "bye"):
            return 0
        try:
            answer = conversation.ask(question, **options)
        except QuestionError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            continue
        except KeyboardInterrupt:  # ...and stops a question being answered
            print("(stopped)", file=sys.stderr)
            continue
        print(_format_answer(answer, color) + "\n")


def run_index(args) -> int:
    from .errors import ConfigError
    from .sources import _files, load_collection
    from .store import build_index

    sources, added = None, []
    if args.only and not args.sources:
        raise ConfigError("--only needs the files or folders to index (assistant index --only my-papers.jsonl).")
    if args.sources:
        given = [Path(s).expanduser() for s in dict.fromkeys(args.sources)]
        empty = [str(g) for g in given if g.is_dir() and not _files([g])]
        if empty:  # (an empty folder had been "added to the collection", exit 0)
            raise ConfigError(f"No files in {', '.join(empty)}: nothing to add.")
        settings = _settings(args)
        recorded = None if args.only else _current_sources(settings)
        if recorded is None:  # --only, a first index, or one whose sources cannot be told: just these
            sources = given
        else:  # "assistant index my-papers.jsonl": added to the collection (it had replaced all 173 papers)
            sources, added = _with_added(recorded, given)
            if added and not load_collection(added, skip_bad=args.skip_bad).papers:
                # (a header-only CSV had been "added to the collection", exit 0)
                raise ConfigError(f"No papers in {', '.join(str(a) for a in added)}: nothing to add.")
    settings = _settings(args, sources=sources)
    summary = build_index(settings, rebuild=args.rebuild, skip_bad=args.skip_bad,
                          progress=None if not args.json else False)
    others = [str(p) for p in sources or () if p not in added]
    if added and others and not args.json:
        print(f"Added to the collection: {', '.join(str(a) for a in added)} (indexed with {', '.join(others)}; "
              "--only indexes the files given alone).")
    if not args.json:  # (said before the multilingual vectors: "nothing to embed" had followed 2 minutes of it)
        papers = f"{summary.papers} paper{'s' if summary.papers != 1 else ''}"
        if summary.added == summary.updated == summary.removed == 0 and not summary.rebuilt:
            print(f"Index up to date: {papers}, nothing to embed ({summary.seconds:.2f} s).", flush=True)
        else:
            why = f" (full rebuild: {summary.reason})" if summary.reason else ""
            print(f"Indexed {papers}{why}: {summary.added} added, {summary.updated} updated, "
                  f"{summary.removed} removed, {summary.unchanged} unchanged in {summary.seconds:.1f} s.", flush=True)
        for line in summary.skipped:
            print(f"skipped: {line}", file=sys.stderr)
    extra = {}
    if args.multilingual:
        extra["multilingual"] = _build_multilingual(settings, progress=None if not args.json else False)
    if args.json:
        print(json.dumps({**summary.to_dict(), **extra}, ensure_ascii=False))
    elif extra:
        print(f"Multilingual vectors: {extra['multilingual']['embedded']} papers embedded, "
              f"{extra['multilingual']['papers']} ready.")
    return 0


def _current_sources(settings) -> list[Path] | None:
    """The sources of the existing index (recorded, else the default), or None when there is no readable one."""
    from .errors import IndexError_
    from .store import index_sources, read_manifest

    try:
        if read_manifest(Path(settings.index_dir)) is None:
            return None
    except IndexError_:
        return None
    return index_sources(settings)


def _with_added(current: list[Path], given: list[Path]) -> tuple[list[Path], list[Path]]:
    """``current`` sources with the ``given`` ones added, and those added. A given file already read (itself, or in a
    folder read) adds nothing; a given file of the same name and content as every file of a current source is that
    source moved (the index was copied elsewhere): it takes its place."""
    import hashlib

    from .sources import _files

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    read = {f.resolve() for f in _files(current)}
    new = [g for g in given if not {f.resolve() for f in _files([g])} <= read]
    new_files = {(f.name, digest(f)) for f in _files(new)}
    kept = [c for c in current if not {(f.name, digest(f)) for f in _files([c])} <= new_files]
    return kept + new, new


def _build_multilingual(settings, progress) -> dict:
    from .errors import ConfigError
    from .multilingual import Multilingual, MultilingualUnavailable
    from .store import open_index

    papers = list(open_index(settings).papers.values())
    ml = Multilingual(settings.multilingual_cache, papers, progress=progress)
    try:
        ml.vectors(limit=None)
    except MultilingualUnavailable as exc:
        raise ConfigError(f"Cannot build the multilingual vectors: {exc}") from exc
    return {"papers": len(papers), "embedded": ml.embedded}


def run_papers(args) -> int:
    from .store import ensure_index, load_papers_from_index

    settings = _settings(args)
    ensure_index(settings)  # (built on first use, as `ask` does, with the same checks of where it goes)
    rows = [{"id": p.id, "title": p.title, "venue": p.venue, "year": p.year, "authors": p.authors,
             "institutions": p.institutions, "url": p.url} for p in load_papers_from_index(settings)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        # (columns as wide as the longest id and venue, up to a point: "TestConf 2026" had run into its title)
        wid = min(max((len(r["id"]) for r in rows), default=0), 40)
        wven = min(max((len(r["venue"] or "") for r in rows), default=0), 24)
        for r in rows:
            title = r["title"] if len(r["title"]) <= 90 else r["title"][:89].rstrip() + "…"
            print(f"{r['id']:<{wid}} {(r['venue'] or '')[:wven]:<{wven}} {title}")
        print(f"{len(rows)} papers")
    return 0


def run_eval(args) -> int:
    from .evaluate import load_questions, run_eval as evaluate

    from .errors import ConfigError

    if args.baseline and args.answerer not in (None, "default"):
        raise ConfigError("Give --answerer or --baseline, not both: a baseline answers instead of the assistant.")
    if args.answerer not in ("default", "grounded", "llm"):
        raise ConfigError(f"Unknown answerer {args.answerer!r}: use default (grounded) or llm.")
    questions = load_questions(args.questions)
    if not questions:
        raise ConfigError(f"{args.questions} holds no questions: one JSON object per line "
                          "(see `assistant eval --help`).")
    settings = _settings(args)
    if args.answerer == "llm" and not args.baseline:
        from .llm import check_server

        check_server(settings)  # scoring "the LLM" with nothing to reach scores the grounded answers under its name
    answer_fn = make_answerer(args.baseline or args.answerer, settings)
    show = sys.stderr.isatty() and not args.json
    report = evaluate(questions, answer_fn,
                      progress=(lambda i, n: print(f"\r{i}/{n} questions", end="", file=sys.stderr)) if show else None)
    if show:
        print(file=sys.stderr)
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if args.json else report.to_table())
    # a question whose answer raised is scored as a wrong answer: said, and the run fails, or a crash reads as a
    # quality figure (a NameError had scored as 20 refusals in a development run)
    errors = [(s.qid, s.reasons[0]) for s in report.scores if s.reasons and s.reasons[0].startswith("error:")]
    if errors:
        qid, reason = errors[0]
        print(f"Error: {len(errors)} of {len(report.scores)} questions raised instead of answering "
              f"(first: {qid}, {reason[len('error: '):]}); their scores count them as wrong answers.", file=sys.stderr)
        return 1
    return 0


def make_answerer(name: str | None, settings):
    """The answer function for ``eval``: the assistant itself, or a named baseline."""
    if name in (None, "", "default", "grounded"):
        from .api import Assistant

        assistant = Assistant(settings).load()
        return assistant.ask
    if name == "llm":
        from .api import Assistant

        assistant = Assistant(settings).load()
        return lambda q: assistant.ask(q, llm=True)
    from .baselines import make_baseline

    return make_baseline(name, settings)


def run_serve(args) -> int:
    from .app import serve

    serve(_settings(args, auth=args.auth), host=args.host, port=args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``assistant``."""
    parser = _Parser(prog="assistant", description="Research-paper question answering with citations.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="examples:\n  assistant index\n  assistant ask \"which papers reduce TTFT?\"\n"
                                            "  assistant papers --json\n  assistant eval benchmarks/questions/dev.jsonl\n"
                                            "  assistant serve --port 7860")
    _version_arg(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or update the index (only new or changed papers are embedded)",
                       epilog=INDEX_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sources", nargs="*", help="source files or folders (default: index/sources/)")
    p.add_argument("--only", action="store_true",
                   help="index just the sources given, removing the papers of the others (default: add them)")
    p.add_argument("--rebuild", action="store_true", help="re-embed every paper")
    p.add_argument("--skip-bad", action="store_true", help="index the good records and list the bad ones")
    p.add_argument("--multilingual", action="store_true",
                   help="also embed every paper for questions in other languages (otherwise done on the first such "
                        "question, for collections of up to 500 papers)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    _settings_args(p)
    p.set_defaults(func=run_index)

    p = sub.add_parser("papers", help="list the indexed papers",
                       epilog="examples:\n  assistant papers\n  assistant papers --json | jq length",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    _settings_args(p)
    p.set_defaults(func=run_papers)

    ask = sub.add_parser("ask", help="ask a question (same as the `ask` command)", parents=[], add_help=False)
    ask.set_defaults(func=None)

    p = sub.add_parser("eval", help="score the assistant (or a baseline) on gold questions",
                       epilog="examples:\n  assistant eval benchmarks/questions/dev.jsonl\n"
                              "  assistant eval benchmarks/questions/dev.jsonl --json --baseline bm25",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("questions", help="JSON Lines file of gold questions (see benchmarks/questions/)")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--answerer", default="default", help="default (grounded) or llm")
    p.add_argument("--baseline", help="score a baseline instead: bm25, dense, hybrid-rrf, llamaindex-default")
    _settings_args(p)
    p.set_defaults(func=run_eval)

    p = sub.add_parser("serve", help="start the web app", epilog="examples:\n  assistant serve\n"
                       "  assistant serve --host 0.0.0.0 --port 8080 --auth alice:secret",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", help="user:pass required to use the app (env ASSISTANT_AUTH)")
    _settings_args(p)
    p.set_defaults(func=run_serve)

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "ask":
        return ask_main(argv[1:], prog="assistant ask")
    args = parser.parse_args(argv)
    return _guard(lambda: args.func(args))


def ask_main(argv: list[str] | None = None, prog: str = "ask") -> int:
    """Entry point of ``ask``."""
    args = _ask_parser(prog).parse_args(sys.argv[1:] if argv is None else argv)
    return _guard(lambda: run_ask(args))


def _guard(fn) -> int:
    try:
        return fn()
    except AssistantError as exc:
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ask ... | head`: the reader went away, which is not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
