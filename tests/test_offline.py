"""Nothing leaves the machine: indexing and answering work with every non-loopback connection refused."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from assistant import embed
from assistant.config import Settings
from assistant.store import build_index, open_index

from conftest import SOURCES, block_network, is_loopback


@pytest.fixture
def blocked(monkeypatch) -> list:
    """Refuse (and record) every connection or name lookup that is not loopback, for the whole test."""
    attempts = block_network(monkeypatch)
    # Load the models again under the block (another test may have loaded them already).
    monkeypatch.setattr(embed, "_ENCODERS", {})
    return attempts


def test_the_guard_refuses_everything_but_loopback(blocked):
    assert socket.socket.connect.__qualname__ == "block_network.<locals>.connect"
    assert socket.create_connection.__qualname__ == "block_network.<locals>.create_connection"
    assert socket.getaddrinfo.__qualname__ == "block_network.<locals>.getaddrinfo"
    assert is_loopback(("127.0.0.1", 8000)) and is_loopback(("::1", 8000, 0, 0)) and is_loopback(("localhost", 80))
    assert is_loopback("/tmp/some.sock")
    for address in [("192.0.2.1", 443), ("2001:db8::1", 443, 0, 0), ("huggingface.co", 443)]:
        assert not is_loopback(address)
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("huggingface.co", 443), timeout=0.01)  # refused before any lookup
    with pytest.raises(socket.gaierror, match="blocked"):
        socket.getaddrinfo("huggingface.co", 443)
    assert socket.getaddrinfo("127.0.0.1", 80)  # loopback lookups pass
    assert blocked == [("create_connection", ("huggingface.co", 443)), ("getaddrinfo", "huggingface.co")]


def test_index_and_answer_with_the_network_blocked(blocked, tmp_path, tiny_sources):
    from assistant import Assistant

    tiny = Settings.load(index_dir=tmp_path / "tiny", sources=[tiny_sources], index_backend="sentence-transformers")
    assert build_index(tiny, progress=False).added == 4
    answer = Assistant(tiny, build_if_missing=False).ask("which papers lower time-to-first-token?")
    assert "t:1" in answer.cited_ids

    real = Settings.load(index_dir=tmp_path / "real", sources=[SOURCES], index_backend="sentence-transformers")
    summary = build_index(real, progress=False)
    assert (summary.papers, summary.added) == (173, 173)
    assert isinstance(embed._ENCODERS.get("sentence-transformers"), embed.SentenceTransformerEncoder)  # loaded offline
    answer = Assistant(real, build_if_missing=False).ask("which papers reduce TTFT?")
    assert not answer.refused and answer.citations
    assert {c.paper_id for c in answer.citations} <= set(open_index(real).papers)
    assert blocked == []


def test_importing_assistant_turns_the_hub_offline():
    env = {k: v for k, v in os.environ.items()
           if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY")}
    code = ("import os, assistant\n"
            "print(os.environ.get('HF_HUB_OFFLINE'), os.environ.get('TRANSFORMERS_OFFLINE'),"
            " os.environ.get('ANONYMIZED_TELEMETRY'))\n"
            "import huggingface_hub.constants as c\n"
            "print(c.HF_HUB_OFFLINE)\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["1", "1", "False", "True"]
    assert os.environ.get("HF_HUB_OFFLINE") == "1"  # in this process too (conftest imported assistant)


def test_onnx_runtime_writes_no_device_id_and_queues_no_usage_event(tmp_path):
    # ONNX Runtime 1.29+ wrote ~/.cache/Microsoft/DeveloperTools/.onnxruntime/{deviceid,onnxruntime.db} (a queued
    # "ProcessInfo" event) on every run; importing assistant first now opts out
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    bare, ours = tmp_path / "bare", tmp_path / "ours"
    bare.mkdir(), ours.mkdir()
    subprocess.run([sys.executable, "-c", "import onnxruntime"], env={**env, "HOME": str(bare)}, timeout=120)
    if not (bare / ".cache" / "Microsoft").exists():
        pytest.skip("this onnxruntime writes no telemetry files at all")
    proc = subprocess.run([sys.executable, "-c", "import assistant, onnxruntime"], env={**env, "HOME": str(ours)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not (ours / ".cache" / "Microsoft").exists()
