"""Shared fixtures: a tiny collection for fast tests, and one real index of the bundled collections."""
from __future__ import annotations

import json
import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "index" / "sources"


def tiny_papers() -> list[dict]:
    """Four papers in the JSON Lines format users can add: enough to exercise every index path."""
    return [
        {"id": "t:1", "title": "FastPrefill: Cutting Time-to-First-Token in LLM Serving",
         "abstract": "Time-to-first-token (TTFT) dominates interactive latency. FastPrefill schedules prefill "
                     "chunks across GPUs. It lowers TTFT by 42% on Llama models.",
         "authors": ["Ada Lovelace", "Alan Turing"], "institutions": ["Example University"], "venue": "TestConf 2026", "year": 2026,
         "url": "https://example.org/1"},
        {"id": "t:2", "title": "KVSqueeze: Compressing the KV Cache",
         "abstract": "Key-value caches grow with context length. KVSqueeze quantizes the KV cache to 2 bits with "
                     "negligible accuracy loss and 3.1x memory savings.",
         "authors": ["Grace Hopper"], "institutions": ["Acme Research"], "venue": "TestConf 2026", "year": 2026,
         "url": "https://example.org/2"},
        {"id": "t:3", "title": "GraphTrain: Full-Graph GNN Training on One Machine",
         "abstract": "Training graph neural networks on large graphs needs more memory than a GPU has. "
                     "GraphTrain offloads activations to host memory and reaches a 9.78x speedup.",
         "authors": ["Edsger Dijkstra"], "institutions": ["Example University"], "venue": "TestConf 2026", "year": 2026,
         "url": "https://example.org/3"},
        {"id": "t:4", "title": "EdgeRun: Deploying Models on Microcontrollers",
         "abstract": "EdgeRun compiles neural networks for microcontrollers with 256 KB of memory.",
         "authors": ["Barbara Liskov"], "institutions": ["Acme Research"], "venue": "OtherConf 2025", "year": 2025,
         "url": "https://example.org/4"},
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def tiny_sources(tmp_path) -> Path:
    """A sources folder holding the tiny collection as JSON Lines."""
    src = tmp_path / "sources"
    src.mkdir()
    write_jsonl(src / "tiny.jsonl", tiny_papers())
    return src


@pytest.fixture
def tiny_settings(tmp_path, tiny_sources) -> Settings:
    """Settings pointing at a fresh index of the tiny collection, embedded with the NumPy encoder."""
    return Settings.load(index_dir=tmp_path / "index", sources=[tiny_sources], index_backend="numpy")


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Settings:
    """One index of the three bundled collections, built once per test session with the default settings."""
    from assistant.store import build_index

    index_dir = tmp_path_factory.mktemp("real") / "index"
    settings = Settings.load(index_dir=index_dir, sources=[SOURCES])
    build_index(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def real_assistant(real_index):
    """A loaded Assistant over the real index, shared by the answer tests."""
    from assistant import Assistant

    return Assistant(real_index, build_if_missing=False).load()


def is_loopback(address) -> bool:
    """True for loopback addresses and unix socket paths: the only peers tests may connect to."""
    import ipaddress

    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # any other host name would need a DNS lookup


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving_app(settings: Settings, assistant):
    """The web app launched in-process on a free loopback port (``serve(block=False)`` returns once the
    server is up): yields its URL, closes the app on exit."""
    from assistant.app import serve

    port = free_port()
    app = serve(settings, port=port, assistant=assistant, block=False)
    try:
        assert app.server_name == "127.0.0.1"
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def block_network(monkeypatch) -> list:
    """Refuse every connection or name lookup that is not loopback (until ``monkeypatch`` is undone).

    Returns the list the refused attempts are recorded in, as ``(call, address)``: ``connect``,
    ``connect_ex`` and ``create_connection`` raise ``OSError``; ``getaddrinfo`` raises ``socket.gaierror``.
    """
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def guard(kind, address) -> None:
        if not is_loopback(address):
            attempts.append((kind, address))
            raise OSError(f"network blocked by the test: {address}")

    def connect(self, address):
        if self.family != socket.AF_UNIX:
            guard("connect", address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family != socket.AF_UNIX:
            guard("connect_ex", address)
        return real_connect_ex(self, address)

    def create_connection(address, *a, **kw):
        guard("create_connection", address)
        return real_create(address, *a, **kw)

    def getaddrinfo(host, *a, **kw):
        if host is not None and not is_loopback((host,)):
            attempts.append(("getaddrinfo", host))
            raise socket.gaierror(f"name lookup blocked by the test: {host}")
        return real_getaddrinfo(host, *a, **kw)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Refuse and record every non-loopback connection or name lookup during the test."""
    return block_network(monkeypatch)
