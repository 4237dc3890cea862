"""all-MiniLM-L6-v2 through ONNX Runtime, with the ONNX graph written directly from the safetensors weights.

No torch, no export: :func:`build_model` spells out BERT (embeddings, 6 encoder layers, mean pooling,
L2 norm) with ``onnx.helper`` in about half a second, and the serialized model is cached under
``$ASSISTANT_CACHE_DIR`` (default ``~/.cache/paper-assistant``), keyed by the weights' fingerprint and
the graph version, so later processes only create the ONNX Runtime session.

The graph uses ONNX Runtime's fused CPU kernels from the ``com.microsoft`` domain (``Attention``,
``SkipLayerNormalization``, ``BiasGelu``, ``EmbedLayerNormalization``) when ``fused`` is true (the
default); ``fused=False`` writes plain opset-20 operators (any ONNX runtime can run it, ONNX Runtime
fuses part of it itself). Both compute exact erf GELU and give the same vectors as sentence-transformers
to cosine 0.99999+.

``onnx`` is needed only to build the graph, i.e. the first time on a machine (or after the model or
graph version changes); loading a cached model needs only ``onnxruntime`` and ``tokenizers``.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np

from .embed import DIM, MAX_TOKENS, encode_by_length, model_dir, model_fingerprint

GRAPH_VERSION = "1"  # bump when build_model changes: it is part of the cache file's name
OPSET = 20  # Gelu and LayerNormalization are both standard ops from here on
IR_VERSION = 10  # what onnxruntime >= 1.20 reads; onnx's newest IR may be ahead of the runtime
MS_DOMAIN = "com.microsoft"


def cache_dir() -> Path:
    env = os.environ.get("ASSISTANT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paper-assistant"


def _threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # CPUs this process may use (containers, taskset)
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def build_model(path: Path | None = None, fused: bool = True):
    """The BERT + mean pooling + L2 norm graph as an ``onnx.ModelProto`` with the weights embedded."""
    return _build(path, fused)[0]


def _build(path: Path | None = None, fused: bool = True, external: str | None = None):
    """``(model, blobs)``: with ``external``, tensors of 1 KiB or more are left in ``blobs`` as
    ``(offset, array)`` pairs for the caller to write to that file (named relative to the model file)
    and the model only refers to them, so building it copies no weights."""
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    path = path or model_dir()
    cfg = json.loads((path / "config.json").read_text())
    heads, layers = cfg["num_attention_heads"], cfg["num_hidden_layers"]
    hidden, eps = cfg["hidden_size"], float(cfg.get("layer_norm_eps", 1e-12))
    if cfg.get("position_embedding_type", "absolute") != "absolute" or cfg.get("hidden_act") != "gelu":
        raise ValueError("build_model handles BERT with absolute positions and erf GELU only")
    w = load_file(str(path / "model.safetensors"))
    head_dim = hidden // heads

    inits: list = []
    nodes: list = []

    blobs: list[tuple[int, np.ndarray]] = []
    end = 0

    def const(name: str, arr) -> str:
        nonlocal end
        arr = np.ascontiguousarray(arr)
        if external is None or arr.nbytes < 1024:
            inits.append(numpy_helper.from_array(arr, name))
            return name
        offset = -(-end // 4096) * 4096  # page-aligned, so the runtime can map the file instead of reading it
        t = TensorProto(name=name, data_type=helper.np_dtype_to_tensor_dtype(arr.dtype), dims=arr.shape,
                        data_location=TensorProto.EXTERNAL)
        for key, value in (("location", external), ("offset", offset), ("length", arr.nbytes)):
            t.external_data.add(key=key, value=str(value))
        inits.append(t)
        blobs.append((offset, arr))
        end = offset + arr.nbytes
        return name

    def node(op: str, inputs: list[str], output: str | None = None, domain: str = "", extra_outputs=(),
             **attrs) -> str:
        output = output or f"{op.lower()}_{len(nodes)}"
        nodes.append(helper.make_node(op, inputs, [output, *extra_outputs], name=f"n{len(nodes)}_{op}",
                                      domain=domain or None, **attrs))
        return output

    f32 = np.float32
    const("word_emb", w["embeddings.word_embeddings.weight"].astype(f32, copy=False))
    # token type is always 0: fold its embedding row into the position table
    const("pos_emb", (w["embeddings.position_embeddings.weight"]
                      + w["embeddings.token_type_embeddings.weight"][0]).astype(f32))
    const("emb_ln_w", w["embeddings.LayerNorm.weight"])
    const("emb_ln_b", w["embeddings.LayerNorm.bias"])
    const("axis1", np.array([1], dtype=np.int64))

    mask_f = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)  # [B, S]
    if fused:
        ids32 = node("Cast", ["input_ids"], "ids32", to=TensorProto.INT32)
        mask32 = node("Cast", ["attention_mask"], "mask32", to=TensorProto.INT32)
        x = node("EmbedLayerNormalization", [ids32, "", "word_emb", "pos_emb", "", "emb_ln_w", "emb_ln_b"],
                 "emb", domain=MS_DOMAIN, extra_outputs=["emb_mask_index"], epsilon=eps)
    else:
        const("zero1", np.array([0], dtype=np.int64))
        seq = node("Shape", ["input_ids"], "seq_len", start=1, end=2)  # [S]
        pos = node("Slice", ["pos_emb", "zero1", seq], "pos")  # [S, H]
        tok = node("Gather", ["word_emb", "input_ids"], "tok")  # [B, S, H]
        x = node("LayerNormalization", [node("Add", [tok, pos]), "emb_ln_w", "emb_ln_b"], "emb",
                 axis=-1, epsilon=eps)
        # additive mask bias [B, 1, 1, S]: 0 for tokens, -1e4 for padding (exp underflows to exactly 0)
        const("neg_big", np.array(-10000.0, dtype=f32))
        const("one", np.array(1.0, dtype=f32))
        const("axes12", np.array([1, 2], dtype=np.int64))
        bias = node("Mul", [node("Sub", ["one", mask_f]), "neg_big"])
        bias = node("Unsqueeze", [bias, "axes12"], "mask_bias")
        const("shape_bshd", np.array([0, 0, heads, head_dim], dtype=np.int64))
        const("shape_bsh", np.array([0, 0, hidden], dtype=np.int64))

    for i in range(layers):
        p = f"encoder.layer.{i}."
        a = p + "attention.self."
        qkv_w = np.concatenate([w[a + n + ".weight"] for n in ("query", "key", "value")]).T  # [H, 3H]
        qkv_b = np.concatenate([w[a + n + ".bias"] for n in ("query", "key", "value")])
        ao_w = const(f"l{i}.ao_w", w[p + "attention.output.dense.weight"].T)
        ao_b = const(f"l{i}.ao_b", w[p + "attention.output.dense.bias"])
        ln1_w = const(f"l{i}.ln1_w", w[p + "attention.output.LayerNorm.weight"])
        ln1_b = const(f"l{i}.ln1_b", w[p + "attention.output.LayerNorm.bias"])
        in_w = const(f"l{i}.in_w", w[p + "intermediate.dense.weight"].T)
        in_b = const(f"l{i}.in_b", w[p + "intermediate.dense.bias"])
        out_w = const(f"l{i}.out_w", w[p + "output.dense.weight"].T)
        out_b = const(f"l{i}.out_b", w[p + "output.dense.bias"])
        ln2_w = const(f"l{i}.ln2_w", w[p + "output.LayerNorm.weight"])
        ln2_b = const(f"l{i}.ln2_b", w[p + "output.LayerNorm.bias"])
        if fused:
            ctx = node("Attention", [x, const(f"l{i}.qkv_w", qkv_w), const(f"l{i}.qkv_b", qkv_b), mask32],
                       f"l{i}.ctx", domain=MS_DOMAIN, num_heads=heads)
            x = node("SkipLayerNormalization", [node("MatMul", [ctx, ao_w]), x, ln1_w, ln1_b, ao_b],
                     f"l{i}.h1", domain=MS_DOMAIN, epsilon=eps)
            inter = node("BiasGelu", [node("MatMul", [x, in_w]), in_b], f"l{i}.inter", domain=MS_DOMAIN)
            x = node("SkipLayerNormalization", [node("MatMul", [inter, out_w]), x, ln2_w, ln2_b, out_b],
                     f"l{i}.h2", domain=MS_DOMAIN, epsilon=eps)
        else:
            def heads_first(t: str) -> str:  # [B, S, H] -> [B, heads, S, d]
                return node("Transpose", [node("Reshape", [t, "shape_bshd"])], perm=[0, 2, 1, 3])

            scale = np.float32(1.0 / np.sqrt(head_dim))  # folded into the query projection
            q = node("Add", [node("MatMul", [x, const(f"l{i}.q_w", qkv_w[:, :hidden] * scale)]),
                             const(f"l{i}.q_b", qkv_b[:hidden] * scale)])
            k = node("Add", [node("MatMul", [x, const(f"l{i}.k_w", qkv_w[:, hidden:2 * hidden])]),
                             const(f"l{i}.k_b", qkv_b[hidden:2 * hidden])])
            v = node("Add", [node("MatMul", [x, const(f"l{i}.v_w", qkv_w[:, 2 * hidden:])]),
                             const(f"l{i}.v_b", qkv_b[2 * hidden:])])
            kt = node("Transpose", [node("Reshape", [k, "shape_bshd"])], perm=[0, 2, 3, 1])
            scores = node("Add", [node("MatMul", [heads_first(q), kt]), "mask_bias"])
            probs = node("Softmax", [scores], axis=-1)
            ctx = node("MatMul", [probs, heads_first(v)])
            ctx = node("Reshape", [node("Transpose", [ctx], perm=[0, 2, 1, 3]), "shape_bsh"])
            h = node("Add", [node("Add", [node("MatMul", [ctx, ao_w]), ao_b]), x])
            x = node("LayerNormalization", [h, ln1_w, ln1_b], f"l{i}.h1", axis=-1, epsilon=eps)
            inter = node("Gelu", [node("Add", [node("MatMul", [x, in_w]), in_b])], f"l{i}.inter")
            h = node("Add", [node("Add", [node("MatMul", [inter, out_w]), out_b]), x])
            x = node("LayerNormalization", [h, ln2_w, ln2_b], f"l{i}.h2", axis=-1, epsilon=eps)

    # mean pooling over real tokens as one batched matmul: [B, 1, S] @ [B, S, H] -> [B, 1, H]
    const("tiny", np.array(1e-9, dtype=f32))
    const("tiny_norm", np.array(1e-12, dtype=f32))
    m = node("Unsqueeze", [mask_f, "axis1"], "mask_row")
    summed = node("Squeeze", [node("MatMul", [m, x]), "axis1"], "summed")  # [B, H]
    count = node("Max", [node("ReduceSum", [mask_f, "axis1"], keepdims=1), "tiny"], "count")  # [B, 1]
    pooled = node("Div", [summed, count], "pooled")
    norm = node("Max", [node("ReduceL2", [pooled, "axis1"], keepdims=1), "tiny_norm"], "norm")
    node("Div", [pooled, norm], "embedding")

    int_in = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"])  # noqa: E731
    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2", [int_in("input_ids"), int_in("attention_mask")],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])], initializer=inits)
    opsets = [helper.make_opsetid("", OPSET)] + ([helper.make_opsetid(MS_DOMAIN, 1)] if fused else [])
    model = helper.make_model(graph, opset_imports=opsets, ir_version=IR_VERSION,
                              producer_name="paper-assistant")
    return model, blobs


def model_path(fused: bool = True) -> Path:
    """Where the serialized graph for the bundled weights is cached."""
    kind = "fused" if fused else "std"
    return cache_dir() / f"minilm-{model_fingerprint()}-g{GRAPH_VERSION}-{kind}.onnx"


def _write_atomic(target: Path, write) -> None:
    """Write ``target`` through a temporary file in the same folder and rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # atomic: a concurrent reader sees no file or the whole file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_model(fused: bool = True) -> Path | bytes:
    """Path of the cached ``.onnx`` graph, building and writing it if missing.

    The graph (a few KiB) refers to its weights in a ``.weights`` file beside it; the weights file is
    renamed into place first, so a graph file that exists is always complete. Concurrent builders
    write identical files. If the cache directory cannot be written, the model (weights embedded) is
    returned as bytes instead.
    """
    target = model_path(fused)
    if target.is_file():
        return target
    weights = target.with_suffix(".weights")
    model, blobs = _build(fused=fused, external=weights.name)

    def write_weights(fh) -> None:
        for offset, arr in blobs:
            fh.seek(offset)
            fh.write(memoryview(arr).cast("B"))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(weights, write_weights)
        _write_atomic(target, lambda fh: fh.write(model.SerializeToString()))
    except OSError:
        return build_model(fused=fused).SerializeToString()
    return target


class OnnxEncoder:
    """all-MiniLM-L6-v2 (BERT, mean pooling, L2 norm) on ONNX Runtime's CPU provider."""

    name = "onnx"

    def __init__(self, path: Path | None = None, fused: bool = True, threads: int | None = None) -> None:
        from tokenizers import Tokenizer

        tok_dir = path or model_dir()
        self.tokenizer = Tokenizer.from_file(str(tok_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        model = build_model(path, fused).SerializeToString() if path is not None else cached_model(fused)
        try:
            self.session = self._session(model, threads)
        except Exception:  # noqa: BLE001 - a damaged cache file (say a weights file cut short): rebuild it
            if isinstance(model, bytes):
                raise
            model.unlink(missing_ok=True)
            self.session = self._session(cached_model(fused), threads)

    @staticmethod
    def _session(model: Path | bytes, threads: int | None):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = threads or _threads()
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # worker threads sleep instead of spinning between ops: on a shared, busy machine spinning
        # threads steal the cores the work needs (single-query latency doubled in a measurement)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.log_severity_level = 3
        return ort.InferenceSession(model if isinstance(model, bytes) else str(model), opts,
                                    providers=["CPUExecutionProvider"])

    def count_tokens(self, text: str) -> int:
        """Number of word pieces the model sees for ``text`` (before truncation, with [CLS]/[SEP])."""
        self.tokenizer.no_truncation()
        try:
            return len(self.tokenizer.encode(text).ids)
        finally:
            self.tokenizer.enable_truncation(MAX_TOKENS)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress=None) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text; batches are formed by length."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        return encode_by_length(self.tokenizer, texts, batch_size, self._forward, out, progress, np.int64)
