"""The web app end to end: an ``assistant serve`` process queried through gradio_client on loopback.

    python benchmarks/bench_app.py [--index-dir DIR] [--questions FILE]

Starts ``assistant serve --host 127.0.0.1 --port <free> --index-dir DIR`` as a subprocess (DIR: the
``--index-dir`` given, else ``benchmarks/.cache/index``, built there first if it holds no index), waits until
the page answers, then with one ``gradio_client.Client`` asks one untimed warm-up question and then every
dev question once through ``client.submit(question, api_name="/ask")``. For each it records the time from
submit to the first streamed output (the first item the job's iterator yields: the chat's "Searching the
papers…" placeholder), to the first partial answer text, and to the final result (``job.result()``).
Reports p50 / p95 (nearest rank, as ``assistant eval``) in ms. Writes the ``app`` section.
"""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import (CACHE, ROOT, assistant_cmd, bench_parser, log, markdown_table, publish, question_texts,
                    section_preamble)

from assistant.config import Settings
from assistant.evaluate import _percentile as percentile  # nearest-rank p50/p95, as `assistant eval`

HOST = "127.0.0.1"
START_TIMEOUT = 180.0  # loading torch-free retrieval + gradio on a busy 2-core machine
PLACEHOLDER = "_Searching the papers"
CLIENT_ENV = {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
os.environ.update(CLIENT_ENV)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def default_index_dir(index_dir: str | None) -> Path:
    """``index_dir`` if given, else benchmarks/.cache/index; built (or brought up to date) if it has no index."""
    from assistant.store import ensure_index

    settings = Settings.load(index_dir=index_dir or str(CACHE / "index"))
    if not (settings.index_dir / "manifest.json").exists():
        log(f"building an index at {settings.index_dir}")
    ensure_index(settings, progress=False)
    return settings.index_dir


class AppServer:
    """One ``assistant serve`` subprocess on a free loopback port, in its own process group."""

    def __init__(self, index_dir: Path, chroma_url: str | None = None, name: str = "app") -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.cmd = assistant_cmd() + ["serve", "--host", HOST, "--port", str(self.port), "--index-dir", str(index_dir)]
        if chroma_url:
            self.cmd += ["--chroma-url", chroma_url]
        CACHE.mkdir(exist_ok=True)
        self.log_path = CACHE / f"{name}-serve-{self.port}.log"
        self.proc: subprocess.Popen | None = None
        self.startup_s: float | None = None

    def start(self, timeout: float = START_TIMEOUT) -> "AppServer":
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(CLIENT_ENV)
        start = time.perf_counter()
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         env=env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "config", timeout=2) as resp:
                    if resp.status == 200:
                        self.startup_s = time.perf_counter() - start
                        log(f"assistant serve answered on {self.url} after {self.startup_s:.1f} s")
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        code = self.proc.poll()
        self.stop()
        raise RuntimeError(f"assistant serve did not start on {self.url} (exit {code}); log:\n"
                           + self.log_path.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 15)):
            try:
                os.killpg(self.proc.pid, sig)  # the group this handle created, nothing else
            except ProcessLookupError:
                return
            try:
                self.proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> "AppServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def make_client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def timed_ask(client, question: str, timeout: float = 120.0) -> tuple[float, float | None, float]:
    """(ms to first streamed output, ms to first partial answer text, ms to final result) of one question."""
    start = time.perf_counter()
    job = client.submit(question, api_name="/ask")
    first = first_text = None
    deadline = time.monotonic() + timeout
    for output in job:  # each item is one streamed update of the outputs, in order
        now = (time.perf_counter() - start) * 1000
        if first is None:
            first = now
        if first_text is None and PLACEHOLDER not in str(output):
            first_text = now
        if time.monotonic() > deadline:
            raise TimeoutError(f"{question!r} took over {timeout} s")
    result = job.result(timeout=timeout)
    final = (time.perf_counter() - start) * 1000
    answer = result[0] if isinstance(result, (tuple, list)) else result
    if not answer:
        raise RuntimeError(f"empty answer to {question!r}")
    return (first if first is not None else final), first_text, final


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, index_dir="index to serve (default: benchmarks/.cache/index, built if missing)",
                        questions="questions to ask").parse_args(argv)

    preamble = section_preamble()
    index_dir = default_index_dir(args.index_dir)
    questions = question_texts(args.questions)
    log(f"index {index_dir}; {len(questions)} questions")

    firsts, texts, finals = [], [], []
    with AppServer(index_dir) as server:
        client = make_client(server.url)
        timed_ask(client, questions[0])  # warm-up, untimed
        for i, q in enumerate(questions, 1):
            first, text, final = timed_ask(client, q)
            firsts.append(first)
            finals.append(final)
            if text is not None:
                texts.append(text)
            if i % 10 == 0:
                log(f"{i}/{len(questions)} asked")
        serve_cmd = " ".join(["assistant"] + server.cmd[server.cmd.index("serve"):])
        startup = server.startup_s

    p = percentile
    rows = [["submit → first streamed output", f"{p(firsts, 50):.1f}", f"{p(firsts, 95):.1f}", len(firsts)],
            ["submit → first partial answer text", f"{p(texts, 50):.1f}" if texts else "—",
             f"{p(texts, 95):.1f}" if texts else "—", len(texts)],
            ["submit → final result", f"{p(finals, 50):.1f}", f"{p(finals, 95):.1f}", len(finals)]]
    gap = statistics.median(t - f for t, f in zip(texts, firsts)) if len(texts) == len(firsts) else float("nan")
    note = (" (the placeholder reaches the client at about the same time as the first text, although the server"
            " yields it before retrieving)") if gap < 30 else ""
    table = markdown_table(["measure (ms)", "p50", "p95", "samples"], rows)
    body = f"""## Web app, end to end (`bench_app.py`)

{preamble}
Server: `{serve_cmd}` as a subprocess (embedded Chroma store, {startup:.1f} s until the page answered);
client: one `gradio_client.Client` in the benchmark process, `client.submit(question, api_name="/ask")`,
one untimed warm-up question, then each of the {len(questions)} dev questions once, one at a time.
"First streamed output" is the first update the job's iterator yields (the chat's "Searching the papers…"
placeholder, sent before retrieval); "first partial answer text" is the first update carrying answer text;
"final" is `job.result()` returning. p50 / p95 by nearest rank. Median gap between the first output and
the first answer text: {gap:.1f} ms{note}.

{table}
"""
    publish(args, "app", body, shown=table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
