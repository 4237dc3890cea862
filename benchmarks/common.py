"""Helpers shared by the benchmark scripts: command line, machine summary, timing, RESULTS.md sections.

Each script owns one section of ``benchmarks/RESULTS.md`` between ``<!-- BEGIN name -->`` and
``<!-- END name -->``; writing a section replaces only that section, so the scripts run independently.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
CACHE = BENCH_DIR / ".cache"  # git-ignored scratch space: temporary indexes, llama-index stores, raw JSON
DEV_QUESTIONS = BENCH_DIR / "questions" / "dev.jsonl"
HELDOUT_QUESTIONS = BENCH_DIR / "questions" / "heldout.jsonl"
TUNE_QUESTIONS = BENCH_DIR / "questions" / "tune.jsonl"
MULTILINGUAL_QUESTIONS = BENCH_DIR / "questions" / "multilingual.jsonl"
TTFT_QUESTION = "which papers reduce TTFT?"

LIBRARIES = ("paper-assistant", "chromadb", "llama-index-core", "llama-index-vector-stores-chroma",
             "llama-index-embeddings-huggingface", "sentence-transformers", "torch", "transformers",
             "numpy", "tokenizers", "bm25s", "PyStemmer")
HEADER = """# Benchmark results

Written by the scripts in this folder (see README.md); each section is replaced when its script runs again.
The machine is shared and noisy: compare systems by the ratios measured within one run, not across runs.
"""


def log(message: str) -> None:
    """Progress goes to stderr so stdout carries only the result table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_parser(doc: str | None, *, index_dir: str | None = None, questions: str | None = None,
                 no_write: str = "print the results without touching RESULTS.md") -> argparse.ArgumentParser:
    """The options every benchmark shares: the script's docstring as help, ``--no-write``, and, when their
    help text is given, ``--index-dir`` and ``--questions`` (default: the dev set)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if index_dir is not None:
        parser.add_argument("--index-dir", help=index_dir)
    if questions is not None:
        parser.add_argument("--questions", default=str(DEV_QUESTIONS), help=questions)
    parser.add_argument("--no-write", action="store_true", help=no_write)
    return parser


def publish(args: argparse.Namespace, name: str, body: str, shown: str | None = None) -> None:
    """Print ``shown`` (the result tables) to stdout, then replace the ``name`` section of RESULTS.md with
    ``body`` unless ``--no-write`` was given."""
    if shown is not None:
        print(shown)
    if not args.no_write:
        write_section(name, body)


def question_texts(path: str | Path) -> list[str]:
    """The question strings of a gold-questions file (``assistant.evaluate.load_questions``)."""
    from assistant.evaluate import load_questions

    return [q.question for q in load_questions(path)]


def assistant_cmd() -> list[str]:
    """The ``assistant`` console script beside this Python, else the module it runs."""
    script = Path(sys.executable).with_name("assistant")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def timed_passes(fn, questions: list[str], repeat: int, label: str) -> list[float]:
    """Milliseconds of ``fn(q)`` for every question, ``repeat`` times, after one untimed warm-up pass.

    p50 / p95 of the result by nearest rank: ``assistant.evaluate._percentile``, as ``assistant eval``.
    """
    for q in questions:
        fn(q)
    out = []
    for r in range(repeat):
        for q in questions:
            start = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - start) * 1000)
        log(f"{label}: pass {r + 1}/{repeat} done")
    return out


def today() -> str:
    return time.strftime("%Y-%m-%d %H:%M %Z")


def command_line() -> str:
    """The command that ran this script, as one would type it from the checkout's root."""
    script = Path(sys.argv[0]).resolve()
    try:
        script_arg = str(script.relative_to(Path.cwd().resolve()))
    except ValueError:
        script_arg = str(script)
    return shlex.join(["python", script_arg, *sys.argv[1:]])


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1 << 20)
    except OSError:
        pass
    return None


def _git_revision() -> str:
    """HEAD's short hash, "+ local changes" when the work tree differs (read-only: takes no git lock)."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (rev or "unknown") + (" + local changes" if dirty else "")


def machine_summary() -> str:
    """One markdown paragraph: CPU, cores, RAM, load, Python and the versions of the libraries that matter."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    ram = _ram_gib()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {f'{ram:.0f} GiB RAM' if ram else 'RAM unknown'}"
            + (f", load average {load[0]:.1f} at the start" if load else "")
            + f"; Python {platform.python_version()} on {platform.system()} {platform.release()}; "
            + f"code at {_git_revision()}.  \n" + ", ".join(versions) + ".")


def section_preamble() -> str:
    """Date, machine and exact command: the first lines of every section."""
    return f"Run {today()} with `{command_line()}`.\n\nMachine: {machine_summary()}\n"


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) the ``name`` section of RESULTS.md with ``body``, atomically, under a lock."""
    from filelock import FileLock

    CACHE.mkdir(exist_ok=True)
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    if hasattr(os, "getloadavg"):  # with the start's figure in the preamble: how busy the run's machine was
        body = body.rstrip() + f"\n\nLoad average (1 min) at the end of the run: {os.getloadavg()[0]:.1f}.\n"
    block = f"{begin}\n{body.strip()}\n{end}"
    with FileLock(str(CACHE / "RESULTS.md.lock")):
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: block, text, count=1)
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    log(f"wrote section '{name}' of {path}")


def run_timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run ``cmd`` to completion: wall seconds, exit code, stdout, stderr tail and its peak RSS in MiB.

    The peak is measured by ``/usr/bin/time -f %M`` (its overhead is a millisecond): ``wait4`` on a child
    of this process would not do, since Linux carries the parent's high-water mark into a forked child
    across ``exec``, and a benchmark process holding torch would inflate every figure. Without
    ``/usr/bin/time`` the peak is ``None``.
    """
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = Path(tmp) / "maxrss"
        prefix = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] if Path("/usr/bin/time").exists() else []
        start = time.perf_counter()
        proc = subprocess.run(prefix + cmd, capture_output=True, stdin=subprocess.DEVNULL,
                              env={**os.environ, **(env or {})}, cwd=cwd or ROOT)
        wall = time.perf_counter() - start
        rss = rss_file.read_text().strip().splitlines() if rss_file.exists() else []
    result = {"wall": wall, "rc": proc.returncode, "stdout": proc.stdout.decode("utf-8", "replace"),
              "stderr": proc.stderr.decode("utf-8", "replace")[-3000:],
              "maxrss_mib": int(rss[-1]) / 1024 if rss and rss[-1].isdigit() else None}  # %M is in KiB
    if result["rc"] != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {result['rc']}:\n{result['stderr']}")
    return result


def median(values: list) -> float | None:
    """Median of the values that were measured (``None`` entries skipped); ``None`` if there are none."""
    import statistics

    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def ratio(slow: float | None, fast: float | None) -> str:
    """``slow / fast`` as "3.2x" (how many times more the first is than the second)."""
    return f"{slow / fast:.1f}x" if slow is not None and fast else "—"


def markdown_table(head: list[str], rows: list[list[str]], align_left: int = 1) -> str:
    """A markdown table; the first ``align_left`` columns left-aligned, the rest right-aligned."""
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join("---" if i < align_left else "---:" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)
