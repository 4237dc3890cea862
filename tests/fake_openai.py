"""A tiny OpenAI-protocol server on loopback for tests: canned replies, recorded requests.

``GET /v1/models`` and ``POST /v1/chat/completions`` (JSON, or SSE when the request says ``stream``).
Each chat request takes the next canned ``Reply`` from the queue; modes: ``normal``, ``slow`` (sleeps
before answering), ``trickle`` (sends a stream chunk every ``delay`` seconds), ``garbage`` (HTTP 200,
non-JSON body), ``error`` (HTTP 500) and ``broken`` (a stream closed with neither a finish reason nor [DONE]).
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One canned answer to a chat request."""

    text: str = ""
    mode: str = "normal"  # normal | slow | trickle | garbage | error | broken (a stream that stops unfinished)
    delay: float = 0.0
    status: int = 500
    finish: str = "stop"  # the finish_reason sent ("length": cut at max_tokens)


@dataclass
class Received:
    """One request the server got."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None


def _pieces(text: str, n: int = 6) -> list[str]:
    """``text`` split into about ``n`` stream chunks on word boundaries."""
    words = re.findall(r"\S+\s*|\s+", text)
    size = max(1, -(-len(words) // n))
    return ["".join(words[i:i + size]) for i in range(0, len(words), size)] or [""]


class FakeOpenAI:
    """The server; use as ``with FakeOpenAI() as fake: fake.add(Reply("..."))`` or start()/stop()."""

    def __init__(self, model: str = "fake-model") -> None:
        self.model = model
        self.replies: deque[Reply] = deque()
        self.requests: list[Received] = []
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        # A short poll interval makes stop() (and so each test's teardown) return at once.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True, name="fake-openai")

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def add(self, *replies: Reply | str) -> "FakeOpenAI":
        for r in replies:
            self.replies.append(Reply(r) if isinstance(r, str) else r)
        return self

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes sleeping "slow"/"trickle" handlers
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------------ handler
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _record(self, body: dict | None) -> None:
                fake.requests.append(Received(self.command, self.path, dict(self.headers), body))

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._record(None)
                if self.path.rstrip("/") == "/v1/models":
                    data = {"object": "list", "data": [{"id": fake.model, "object": "model"}]}
                    self._send(200, json.dumps(data).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                self._record(body)
                if self.path.rstrip("/") != "/v1/chat/completions" or not isinstance(body, dict):
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                reply = fake.replies.popleft() if fake.replies else Reply(mode="error", status=500)
                try:
                    self._answer(reply, bool(body.get("stream")))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test): nothing to do

            def _answer(self, reply: Reply, stream: bool) -> None:
                if reply.mode == "slow" and fake._stop.wait(reply.delay):
                    return
                if reply.mode == "garbage":
                    self._send(200, b"<html>this is not JSON {{{", "application/json")
                    return
                if reply.mode == "error":
                    self._send(reply.status, b'{"error": {"message": "internal failure", "type": "server_error"}}')
                    return
                if not stream:
                    data = {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                            "model": fake.model,
                            "choices": [{"index": 0, "finish_reason": reply.finish,
                                         "message": {"role": "assistant", "content": reply.text}}]}
                    body = json.dumps(data).encode()
                    if reply.mode != "trickle":
                        self._send(200, body)
                        return
                    # Each slice arrives well within a read timeout; the whole body takes 8 * delay.
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    step = -(-len(body) // 8)
                    for i in range(0, len(body), step):
                        if fake._stop.wait(reply.delay):
                            return
                        self.wfile.write(body[i:i + step])
                        self.wfile.flush()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = _pieces(reply.text, n=8 if reply.mode == "trickle" else 6)
                for i, piece in enumerate(pieces):
                    if reply.mode == "trickle" and fake._stop.wait(reply.delay):
                        return
                    delta = {"content": piece} if i else {"role": "assistant", "content": piece}
                    chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": fake.model,
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                if reply.mode == "broken":
                    return
                end = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": fake.model,
                       "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish}]}
                self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                self.wfile.flush()

        return Handler


def closed_port_url() -> str:
    """A loopback base URL on which nothing listens."""
    from conftest import free_port

    return f"http://127.0.0.1:{free_port()}/v1"


__all__ = ["FakeOpenAI", "Received", "Reply", "closed_port_url"]
