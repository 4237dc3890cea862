"""A real Chroma server on a free loopback port, for tests: start, stop, kill, restart on the same port+path.

Usage::

    from chroma_server import start_chroma_server

    with start_chroma_server(tmp_path / "chroma-data") as server:
        settings = Settings.load(index_dir=..., chroma_url=server.url)
        ...
        server.kill()      # SIGKILL: the server "crashes"
        server.restart()   # same port and data directory; returns once the heartbeat answers

or as a pytest fixture (``make_chroma_fixture(scope="module")``). The server is the ``chroma`` CLI of this
venv (``chroma run --path DIR --host 127.0.0.1 --port N``): it needs no network, binds only 127.0.0.1, and
each handle ends only the process it started (its own process group).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port

HOST = "127.0.0.1"
START_TIMEOUT = 90.0  # importing chromadb alone takes ~5 s on a busy 2-core machine


def chroma_executable() -> str | None:
    """The ``chroma`` CLI next to this interpreter, else the one on PATH."""
    here = Path(sys.executable).with_name("chroma")
    if here.exists():
        return str(here)
    return shutil.which("chroma")


def heartbeat(url: str, timeout: float = 1.0) -> bool:
    """True when the server at ``url`` answers ``GET /api/v2/heartbeat``."""
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=timeout) as resp:
            return resp.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def port_is_closed(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((HOST, port)) != 0


class ChromaServer:
    """One ``chroma run`` process; ``url``/``port``/``data_dir`` stay the same across restarts."""

    def __init__(self, data_dir: Path | str, port: int | None = None) -> None:
        exe = chroma_executable()
        if exe is None:  # the one case a test may skip: the dependency is truly missing
            pytest.skip("the chroma CLI is not installed")
        self.exe = exe
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = self.data_dir.parent / f"chroma-{self.port}.log"
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    # ------------------------------------------------------------------ lifecycle
    def start(self, timeout: float = START_TIMEOUT) -> "ChromaServer":
        """Start the server and wait for its heartbeat; raises with the server's log on failure."""
        if self.alive():
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env.update(ANONYMIZED_TELEMETRY="False", CHROMA_SERVER_NOFILE="4096")
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(
                [self.exe, "run", "--path", str(self.data_dir), "--host", HOST, "--port", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True)  # its own process group: stop() ends it and nothing else
        finally:
            log.close()
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if heartbeat(self.url, timeout=0.5):
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        code = self.proc.poll()
        self.stop()
        raise RuntimeError(f"the Chroma server did not start on {self.url} (exit code {code}); "
                           f"log:\n{self.log()[-3000:]}")

    def _signal(self, sig: int) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, sig)  # the group this handle created (start_new_session)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 15.0) -> None:
        """Stop gracefully (SIGTERM), then SIGKILL if needed; waits until the port is free."""
        if self.proc is None:
            return
        self._signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.proc.wait(timeout)
        self._wait_port_closed()

    def kill(self) -> None:
        """Crash the server (SIGKILL): no shutdown, connections drop at once."""
        if self.proc is None:
            return
        self._signal(signal.SIGKILL)
        self.proc.wait(15)
        self._wait_port_closed()

    def restart(self, timeout: float = START_TIMEOUT) -> "ChromaServer":
        """Stop (if running) and start again on the same port and data directory."""
        self.stop()
        return self.start(timeout)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and heartbeat(self.url)

    def _wait_port_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not port_is_closed(self.port):
            time.sleep(0.05)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def collections(self) -> set[str]:
        """Names of the collections on the server (through the real client)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        client = chromadb.HttpClient(host=HOST, port=self.port, settings=ChromaSettings(anonymized_telemetry=False))
        return {c if isinstance(c, str) else c.name for c in client.list_collections()}

    # ------------------------------------------------------------------ context manager
    def __enter__(self) -> "ChromaServer":
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_chroma_server(data_dir: Path | str, port: int | None = None,
                        timeout: float = START_TIMEOUT) -> ChromaServer:
    """Start a server storing into ``data_dir`` on ``port`` (a free one by default); also a context manager."""
    return ChromaServer(data_dir, port).start(timeout)


def make_chroma_fixture(scope: str = "module", name: str = "chroma_server"):
    """A pytest fixture (``name``, ``scope``) yielding a running server whose data lives in a tmp dir.

    A test that kills the shared server should restart it; or wrap this fixture in a function-scoped one
    that calls ``server.start()`` (a no-op while it runs, a restart on the same port and data directory
    after a kill), as tests/test_faults.py does.
    """
    @pytest.fixture(scope=scope, name=name)
    def _fixture(tmp_path_factory):
        server = start_chroma_server(tmp_path_factory.mktemp("chroma") / "data")
        try:
            yield server
        finally:
            server.stop()

    return _fixture


__all__ = ["ChromaServer", "heartbeat", "make_chroma_fixture", "port_is_closed", "start_chroma_server"]
