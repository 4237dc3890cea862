"""A described concept read as the papers' term (concepts.name_concepts): no model, no index."""
from __future__ import annotations

import pytest

from assistant.concepts import DESCRIBED, name_concepts


@pytest.mark.parametrize("question, term", [
    ("papers that run the prompt-processing phase on its own GPUs", "(prefill)"),
    ("which work shrinks the attention key/value cache?", "(KV cache)"),
    ("a cheap proposer guesses several upcoming tokens and the model verifies them", "(speculative decoding)"),
    ("models that generate tokens in parallel rather than left to right", "(diffusion language model)"),
    ("banks train a model collaboratively without sharing their raw data", "(federated learning)"),
    ("serving on a mix of different GPU generations", "(heterogeneous GPUs)"),
    ("keeping the weights in CPU memory and moving them in as needed", "(offloading)"),
    ("what happens to a training job when nodes fail?", "(fault tolerance, failures)"),
    ("which papers skip attention computation for unimportant tokens?", "(sparse attention)"),
    ("Which papers try to make AI use less electricity?", "(energy, power)"),
    ("papers where easy tokens leave the network early", "(early-exit)"),
    ("if a whole server dies mid-run, how do jobs recover?", "(fault tolerance, failures)"),  # after "dies", whole
])
def test_a_described_concept_gets_the_papers_term_after_it(question, term):
    read = name_concepts(question)
    assert term in read and read.replace(f" {term}", "") == question  # the question keeps its own words


def test_a_question_already_writing_the_term_is_left_alone():
    for question in ("papers on KV cache compression for the attention key-value cache",
                     "speculative decoding with a cheap proposer",
                     "which papers use prefill-decode disaggregation on separate GPU pools?",
                     "which papers reduce TTFT?", "papers from Amazon", "what does RagInfer do?"):
        assert name_concepts(question) == question, question


def test_every_term_has_descriptions():
    assert all(term and forms for term, forms in DESCRIBED.items())
