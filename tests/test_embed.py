"""The NumPy MiniLM forward pass against sentence-transformers (the reference) on the bundled weights."""
from __future__ import annotations

import numpy as np
import pytest

from assistant import embed

LONG_ABSTRACT = (
    "Serving large language models at scale requires balancing latency and throughput across "
    "heterogeneous hardware. We present a scheduler that disaggregates prefill and decode phases, "
    "places them on separate GPU pools, and migrates the key-value cache between pools over NVLink "
    "and RDMA. Our design introduces a cost model that predicts time-to-first-token (TTFT) and "
    "time-per-output-token (TPOT) for each request from its prompt length, expected output length, "
    "and the current load of each pool. Using this model, the scheduler admits, batches and routes "
    "requests so that service-level objectives are met for 99% of requests while maximizing goodput. "
    "We further propose chunked prefill with adaptive chunk sizes, speculative decoding with a small "
    "draft model, and a paged attention kernel that supports variable-length sequences without padding. "
    "On traces from a production chat service with Llama-3 70B and Mixtral 8x7B, our system improves "
    "goodput by 2.4x over vLLM and 1.7x over DistServe, lowers p99 TTFT by 58%, and reduces GPU hours "
    "by 31% at equal quality. Ablations show that each component contributes, and that the cost model's "
    "predictions are within 8% of measured latencies across batch sizes from 1 to 256."
)

TEXTS = [
    "which papers reduce TTFT?",
    "KV cache",
    "a",
    "What did Amazon present at MLSys 2026?",
    "speculative decoding draft model acceptance rate",
    "GriNNder: full-graph GNN training with 9.78× speedup",
    "Größere Modelle, schnellere Inferenz — überprüft",
    "大规模语言模型推理加速",
    "Modèles de langage: l'inférence à faible latence coûte moins cher",
    "emoji 🚀 rocket fast inference 🔥",
    "Ω(n log n) lower bound for sorting; ε-approximate attention ≤ 1e-3 error",
    "LLM serving with 3.1x memory savings and 42% lower p99 latency.",
    "   leading and trailing spaces   ",
    "ALL CAPS QUERY ABOUT QUANTIZATION TO INT4",
    "Deploying models on microcontrollers with 256 KB of memory.",
    LONG_ABSTRACT,
    LONG_ABSTRACT + " " + LONG_ABSTRACT,
    "Title: Paged attention. " + " ".join(f"token{i}" for i in range(400)),
    "https://openreview.net/forum?id=JFEwQ821MS and arXiv:2602.01234",
    "mixture-of-experts (MoE) routing, expert parallelism and all-to-all communication",
]


@pytest.fixture(scope="module")
def numpy_encoder():
    return embed.get_encoder("numpy")


@pytest.fixture(scope="module")
def vectors(numpy_encoder):
    reference = embed.get_encoder("sentence-transformers")
    return numpy_encoder.encode(TEXTS, batch_size=8), reference.encode(TEXTS)


def test_texts_cover_short_long_and_unicode():
    counts = [embed.count_tokens(t) for t in TEXTS]
    assert len(TEXTS) >= 20
    assert min(counts) <= 4 and sum(c > embed.MAX_TOKENS for c in counts) >= 3  # truncation is exercised
    assert any(ord(ch) > 0x4E00 for t in TEXTS for ch in t)


def test_numpy_encoder_matches_sentence_transformers(vectors):
    ours, reference = vectors
    cosines = np.sum(ours.astype(np.float64) * reference.astype(np.float64), axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.9999, f"cosine {cosines.min():.6f} for {TEXTS[worst][:60]!r}"


@pytest.mark.parametrize("which", [0, 1], ids=["numpy", "sentence-transformers"])
def test_vectors_are_unit_norm_float32_of_dim_384(vectors, which):
    vecs = vectors[which]
    assert vecs.dtype == np.float32 and vecs.shape == (len(TEXTS), embed.DIM) == (len(TEXTS), 384)
    assert np.all(np.isfinite(vecs))
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_distinct_texts_get_distinct_vectors(vectors):
    ours, _ = vectors
    sims = ours @ ours.T
    np.fill_diagonal(sims, 0)
    assert sims[15, 16] > 0.99999  # the same first 256 word pieces: identical after truncation
    sims[15, 16] = sims[16, 15] = 0
    assert sims.max() < 0.999
    ttft, kv, sorting = ours[0], ours[1], ours[10]
    assert float(ttft @ ours[15]) > float(ttft @ sorting)  # the TTFT query is closer to the serving abstract


def test_batch_order_and_size_do_not_change_results(numpy_encoder, vectors):
    ours, _ = vectors
    some = TEXTS[:16]  # the short texts and one long abstract
    reversed_vecs = numpy_encoder.encode(some[::-1], batch_size=8)[::-1]
    np.testing.assert_allclose(reversed_vecs, ours[:16], atol=2e-6)
    # Other batch compositions (so other padding) give the same vectors up to float rounding.
    short = TEXTS[:15]
    np.testing.assert_allclose(numpy_encoder.encode(short, batch_size=32), ours[:15], atol=2e-5)
    np.testing.assert_allclose(numpy_encoder.encode(short[::-1], batch_size=3)[::-1], ours[:15], atol=2e-5)
    one_by_one = np.stack([numpy_encoder.encode([t])[0] for t in TEXTS[:6]])
    np.testing.assert_allclose(one_by_one, ours[:6], atol=2e-5)


def test_truncation_matches_the_256_token_window(numpy_encoder):
    long = TEXTS[17]
    assert embed.count_tokens(long) > embed.MAX_TOKENS
    ids = numpy_encoder.tokenizer.encode(long).ids
    assert len(ids) == embed.MAX_TOKENS
    # Anything past the window is ignored: appending more words changes nothing.
    a, b = numpy_encoder.encode([long, long + " extra words that fall outside the window"])
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_empty_input_and_count_tokens(numpy_encoder):
    assert numpy_encoder.encode([]).shape == (0, embed.DIM)
    assert embed.count_tokens("which papers reduce TTFT?") == numpy_encoder.count_tokens("which papers reduce TTFT?")
    assert embed.count_tokens("") == 2  # [CLS] [SEP]
    assert embed.count_tokens(LONG_ABSTRACT) > embed.MAX_TOKENS


def test_unknown_backend_is_a_config_error():
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="numpy"):
        embed.get_encoder("word2vec")
