"""Follow-up questions: ordinal references and "those" resolve against the previous answer."""
from __future__ import annotations

import copy
import re

import pytest

from assistant.conversation import Conversation, short_name
from assistant.errors import QuestionError
from assistant.schema import Answer, Citation

TITLES = [
    ("openreview:a1", "Stream2LLM: Overlap Context Streaming and Prefill"),
    ("openreview:b2", "From Tokens to Layers: Redefining Stall-Free Scheduling"),
    ("openreview:c3", "BEAM: Joint Resource-Power Optimization"),
    ("arxiv:2602.00001v1", "Efficient, VRAM-Constrained xLM Inference on Clients"),
]


class StubAssistant:
    """Records what the conversation asked and answers with fixed citations."""

    def __init__(self, cited=TITLES) -> None:
        self.cited = list(cited)
        self.calls: list[tuple[str, dict]] = []

    def ask_stream(self, question: str, **kw):
        self.calls.append((question, kw))
        within = kw.get("within")
        cited = [c for c in self.cited if within is None or c[0] in within]
        yield "partial"
        yield Answer(text=question, citations=[Citation(pid, title, "https://example.org/" + pid, "V", "q", 1.0)
                                               for pid, title in cited])


@pytest.fixture
def conv() -> Conversation:
    c = Conversation(StubAssistant())
    c.ask("which papers reduce TTFT?")
    return c


@pytest.mark.parametrize("question,index", [
    ("what does the second one do?", 1), ("the 2nd paper", 1), ("tell me about the first", 0),
    ("what does the last one do?", 3), ("#3", 2), ("what does paper 4 report?", 3), ("the third paper", 2),
    ("what is the first one about?", 0), ("the 1st of those", 0),
])
def test_ordinal_references_name_one_paper(conv, question, index):
    f = conv.resolve(question)
    pid, title = TITLES[index]
    assert f.kind == "ordinal" and f.within == [pid]
    assert short_name(title) in f.question  # the rewritten question names the paper, so retrieval finds it


def test_ordinal_rewrite_reads_naturally(conv):
    assert conv.resolve("what does the second one do?").question == "what does From Tokens to Layers do?"
    both = conv.resolve("compare the first and the third ones")
    assert both.within == ["openreview:a1", "openreview:c3"]
    assert both.question == "compare Stream2LLM and BEAM"


@pytest.mark.parametrize("question,rewritten", [
    ("which of those are from Microsoft?", "which are from Microsoft?"),
    ("which of them use GPUs?", "which use GPUs?"),
    ("do these papers report energy?", "do report energy?"),
    ("among those, which are from 2026?", "which are from 2026?"),
])
def test_set_references_restrict_to_previous_answer(conv, question, rewritten):
    f = conv.resolve(question)
    assert f.kind == "set" and f.within == [pid for pid, _ in TITLES]
    assert f.question == rewritten


@pytest.mark.parametrize("question", [
    "what about KV cache compression?", "which was the first token latency?", "the first layer of transformers",
    "which papers study speculative decoding?",
])
def test_fresh_questions_are_not_rewritten(conv, question):
    f = conv.resolve(question)
    assert f.kind == "fresh" and f.within is None and f.question == question


def test_no_previous_answer_means_fresh():
    c = Conversation(StubAssistant())
    assert c.resolve("which of those are from Microsoft?").within is None
    assert c.resolve("what was the first paper on paged attention?").within is None
    with pytest.raises(QuestionError, match="no previous answer") as raised:
        c.resolve("what does the second one do?")
    # (the app's example of a follow-up, clicked first, had been told to chat "in the app, or `ask` with no question")
    assert "in this chat" in str(raised.value) and "`ask`" not in str(raised.value)
    # "who wrote it?" first in a chat had been answered with a refusal and unrelated closest papers
    for question in ("who wrote it?", "what are its results?", "what does this paper do?", "how fast is it?"):
        with pytest.raises(QuestionError, match="no previous answer"):
            c.resolve(question)
    for question in ("Is it possible to run LLMs on phones?", "what is TTFT and why does it matter?",
                     "how does it work?"):  # (a question about the assistant: its help)
        assert c.resolve(question).within is None  # questions of their own


def test_out_of_range_is_a_readable_error(conv):
    with pytest.raises(QuestionError, match="cited 4 papers; there is no paper number 9"):
        conv.resolve("what does the ninth one do?")


def test_drill_down_keeps_the_list_and_that_paper_follows(conv):
    stub = conv.assistant
    conv.ask("what does the second one do?")
    assert stub.calls[-1][1]["within"] == ["openreview:b2"]
    # "the third one" still counts in the list answer, not in the one-paper drill-down.
    assert conv.resolve("and the third one?").within == ["openreview:c3"]
    # "that paper" is the single paper the last answer was about.
    f = conv.resolve("what does that paper measure?")
    assert f.within == ["openreview:b2"] and "From Tokens to Layers" in f.question


def test_filters_pass_through_and_reset_forgets(conv):
    stub = conv.assistant
    conv.ask("which of those are from Microsoft?", venue="MLSys 2026")
    question, kw = stub.calls[-1]
    assert question == "which are from Microsoft?" and kw["venue"] == "MLSys 2026"
    assert kw["within"] == [pid for pid, _ in TITLES]
    conv.reset()
    assert conv.cited_ids == [] and conv.resolve("which of those are from Microsoft?").within is None


def test_explicit_within_wins(conv):
    conv.ask("the second one", within=["openreview:c3"])
    assert conv.assistant.calls[-1] == ("the second one", {"within": ["openreview:c3"]})


def test_stream_yields_text_then_answer(conv):
    items = list(conv.ask_stream("what does the first one do?"))
    assert items[0] == "partial" and isinstance(items[-1], Answer)


def test_answer_without_citations_keeps_memory():
    stub = StubAssistant()
    c = Conversation(stub)
    c.ask("which papers reduce TTFT?")
    stub.cited = []
    c.ask("which papers run on the moon?")
    assert c.cited_ids == [pid for pid, _ in TITLES]


def test_deepcopy_shares_the_assistant(conv):
    twin = copy.deepcopy(conv)
    assert twin.assistant is conv.assistant and twin.cited_ids == conv.cited_ids
    assert vars(twin).keys() == vars(conv).keys()  # every piece of the chat's memory is copied
    twin.reset()
    assert conv.cited_ids  # sessions do not share memory


# ---------------------------------------------------------------------- on the real index
def test_real_followup_those_from_institution(real_assistant):
    conv = Conversation(real_assistant)
    first = conv.ask("which papers reduce TTFT?")
    first_ids = first.cited_ids
    assert "openreview:yyDbI3HXco" in first_ids
    # An institution of a cited paper that also has papers outside the answer, so the restriction shows.
    counts: dict[str, int] = {}
    for p in real_assistant.papers:
        for inst in p.institutions:
            counts[inst] = counts.get(inst, 0) + 1
    cited_papers = [real_assistant.paper(pid) for pid in first_ids]
    inst = next(i for p in cited_papers for i in p.institutions
                if counts[i] > sum(i in q.institutions for q in cited_papers))
    follow = conv.ask(f"which of those are from {inst}?")
    assert follow.citations, follow.text
    assert set(follow.cited_ids) <= set(first_ids)
    assert all(inst in real_assistant.paper(pid).institutions for pid in follow.cited_ids)
    assert {p.id for p in cited_papers if inst in p.institutions} == set(follow.cited_ids)


def test_real_followup_second_one(real_assistant):
    conv = Conversation(real_assistant)
    first = conv.ask("which papers reduce TTFT?")
    second = conv.ask("what does the second one do?")
    assert second.cited_ids == [first.cited_ids[1]]
    assert not second.refused
    last = conv.ask("what does the last one do?")
    assert last.cited_ids == [first.cited_ids[-1]]


def test_it_is_the_one_paper_of_the_last_answer_in_a_short_question(conv):
    conv.ask("what does the second one do?")  # the last answer cites one paper
    f = conv.resolve("who wrote it?")
    assert f.within == ["openreview:b2"] and f.question == "who wrote From Tokens to Layers?"
    assert conv.resolve("what are its results?").question == "what are From Tokens to Layers's results?"
    # a longer question, or one asking for papers, uses "it" as a word of its own
    for question in ["Which papers make it cheaper to serve LLMs?", "is there any work that makes it possible to train "
                     "mixture-of-experts models on a single consumer GPU?"]:
        assert conv.resolve(question).kind == "fresh"


def test_it_after_a_list_answer_asks_which_paper(conv):
    # four papers: "it" names none of them; asked of the whole collection, "who wrote it?" was refused as a topic
    # the collection does not cover
    with pytest.raises(QuestionError, match=r"“it” could be any of the 4 papers .* “who wrote the first one\?”"):
        conv.resolve("who wrote it?")
    with pytest.raises(QuestionError, match="“its” could be any of the 4 papers"):
        conv.resolve("what are its results?")
    # a question with a topic of its own uses "it" as a word
    for question in ["is it possible to quantize the KV cache to 2 bits?", "does it matter which GPU serves MoE?"]:
        assert conv.resolve(question).kind == "fresh", question


def test_real_followup_it(real_assistant):
    conv = Conversation(real_assistant)
    described = conv.ask("what does Stream2LLM do?")
    who = conv.ask("who wrote it?")  # was refused
    assert who.cited_ids == described.cited_ids
    paper = real_assistant.paper(who.cited_ids[0])
    assert paper.authors[0] in who.text
    fast = conv.ask("how much faster is it?")
    # the sentence stating the number, not one that repeats the paper's name
    assert fast.cited_ids == described.cited_ids and re.search(r"\d+(\.\d+)?×", fast.citations[0].quote)


def test_which_ones_asks_of_the_previous_answers_papers(conv):
    # "which ones have code?" was asked of the whole collection
    f = conv.resolve("which ones have code?")
    assert f.kind == "set" and f.within == [pid for pid, _ in TITLES] and f.question == "which papers have code?"
    # ...opened with "and" too (it was asked of the whole collection)
    f = conv.resolve("and which ones use vLLM?")
    assert f.kind == "set" and f.within == [pid for pid, _ in TITLES] and f.question == "which papers use vLLM?"


def test_real_followup_all_of_them_shows_every_paper_of_the_cut_list(real_assistant):
    # a list cut at its best 10 says "ask for all of them": "all of them" had been refused, or read as a topic
    conv = Conversation(real_assistant)
    cut = conv.ask("which papers reduce TTFT?")
    total = int(re.match(r"The 10 best of (\d+) papers; ask for all of them", cut.text).group(1))
    every = conv.ask("all of them")
    assert len(every.citations) == total and set(cut.cited_ids) < set(every.cited_ids)
    assert conv.ask("what does the second one do?").cited_ids == [every.cited_ids[1]]
    assert len(conv.ask(f"show all {total}").citations) == total
    with pytest.raises(QuestionError, match="no previous answer"):  # asked first
        Conversation(real_assistant).resolve("all of them")
    # ...while "list all papers" asks for the collection, first or not (it had become "no previous answer")
    assert len(Conversation(real_assistant).ask("list all papers").citations) == len(real_assistant.papers)
    assert len(conv.ask("show all papers").citations) == len(real_assistant.papers)
    # ...and the other ways of asking for the rest ("full list" had listed 38 sparse attention papers, "the full list
    # please", "more" had been refused)
    for asked in ("full list", "the full list please", "show the complete list", "more", "list them all",
                  "and the rest?"):
        again = Conversation(real_assistant)
        again.ask("which papers reduce TTFT?")
        assert len(again.ask(asked).citations) == total, asked


def test_real_followup_about_all_of_a_list_keeps_its_order(real_assistant):
    # "what do they propose?" had listed the papers in the collection's order, so that "compare the first two"
    # then compared the 7th and 11th of the list the user had asked for
    conv = Conversation(real_assistant)
    listed = conv.ask("which papers reduce TTFT?").cited_ids
    assert conv.ask("what do they propose?").cited_ids == listed
    assert conv.ask("compare the first two").cited_ids == listed[:2]
    # ...and a comparison of a list's papers keeps the list's question for a narrowing next (it had been dropped:
    # "and from NVIDIA?" listed all 14 NVIDIA papers, not the 2 of the list)
    nvidia = {p.id for p in real_assistant.papers if "NVIDIA" in p.institutions}
    narrowed = conv.ask("and from NVIDIA?").cited_ids
    assert narrowed and set(narrowed) <= nvidia & set(listed)


def test_real_followup_the_fastest_of_a_list_is_its_largest_speedup(real_assistant):
    # "which one is the fastest?" after a list had been told that none of its papers mentions "fastest"
    conv = Conversation(real_assistant)
    listed = conv.ask("papers on KV cache").cited_ids
    fastest = conv.ask("which one is the fastest?")
    assert fastest.text.startswith("The largest gain in speed") and fastest.cited_ids
    assert set(fastest.cited_ids) <= set(listed)
    # ...a factor on TTFT counts ("11× TTFT improvements": only a 2.5× "speedup" had been found of the TTFT papers)
    conv.ask("which papers reduce TTFT?")
    assert "openreview:FuRo7Ur5Ib" in conv.ask("which one is the fastest?").cited_ids


def test_real_followup_a_row_of_a_ranking_is_its_papers(real_assistant):
    # "tell me more about the second one" after the institutions with the most papers had described the second
    # paper cited (RagInfer), not the second institution
    conv = Conversation(real_assistant)
    ranking = conv.ask("which institutions published the most papers?")
    second = re.search(r"^2\. \*\*(.+?)\*\*: (\d+) papers", ranking.text, re.M)
    more = conv.ask("tell me more about the second one")
    assert more.text.startswith(f"{second.group(2)} papers from {second.group(1)}")
    assert set(more.cited_ids) == set(real_assistant.ask(f"papers from {second.group(1)}").cited_ids)
    authors = Conversation(real_assistant)
    first = re.search(r"^1\. \*\*(.+?)\*\*", authors.ask("which authors have the most papers?").text, re.M)
    assert f"papers by {first.group(1)}" in authors.ask("show me the first one").text


def test_real_followup_tell_me_more_gives_the_whole_abstract(real_assistant):
    # a bare "tell me more" after one paper's answer had been refused; "tell me more about it" repeated its sentences
    conv = Conversation(real_assistant)
    first = conv.ask("what does RagInfer do?")
    more = conv.ask("tell me more")
    assert more.cited_ids == first.cited_ids == ["openreview:YsOyCpMUYD"]
    assert len(more.text.split("**Sources**")[0]) > len(first.text.split("**Sources**")[0])
    assert "Modern RAG pipelines rely on large datastores" in more.text  # a sentence the first answer left out
    assert "Modern RAG pipelines" not in first.text
    # ...after a list, which paper is asked, as "who wrote it?" is
    conv.ask("which papers reduce TTFT?")
    with pytest.raises(QuestionError, match="could be about any of the 10 papers"):
        conv.ask("tell me more")
    with pytest.raises(QuestionError, match="no previous answer in this chat"):
        Conversation(real_assistant).ask("tell me more")
    with pytest.raises(QuestionError, match="no previous answer"):  # asked on its own, as `ask "tell me more"`
        real_assistant.ask("tell me more")
    assert real_assistant.ask("tell me more about KV cache").citations  # a topic is no follow-up


def test_real_followups_found_by_a_blind_chat_review(real_assistant):
    # "which one is from Amazon?" and "any from Amazon?" after a list had listed all 9 Amazon papers
    conv = Conversation(real_assistant)
    listed = set(conv.ask("Which papers tackle straggler mitigation?").cited_ids)
    amazon = {p.id for p in real_assistant.papers if "Amazon" in p.institutions}
    one = set(conv.ask("which one is from Amazon?").cited_ids)
    assert one and one <= listed & amazon
    conv.ask("Which papers tackle straggler mitigation?")
    assert set(conv.ask("any from Amazon?").cited_ids) == one
    # "which one is faster?" of a list's two papers kept no list question: "and from NVIDIA?" listed all 14
    conv = Conversation(real_assistant)
    ttft = conv.ask("which papers reduce TTFT?").cited_ids
    conv.ask("compare the first two")
    conv.ask("which one is faster?")
    nvidia = conv.ask("and from NVIDIA?").cited_ids
    assert nvidia and set(nvidia) <= set(answer_all_ttft(real_assistant)) and len(nvidia) < 14
    # "sorry, I meant sparse attention" had been refused
    conv = Conversation(real_assistant)
    conv.ask("papers on prunning")
    meant = conv.ask("sorry, I meant sparse attention")
    assert meant.cited_ids and "meant" not in meant.text.split("\n")[0]
    assert meant.cited_ids == real_assistant.ask("sparse attention").cited_ids
    # "what GPUs did they use?" after one paper had searched it for "GPUs" (SuperInfer writes GH200)
    conv = Conversation(real_assistant)
    conv.ask("what does SuperInfer do?")
    gpus = conv.ask("what GPUs did they use?")
    assert gpus.cited_ids == ["openreview:RuslSHdIHa"] and "GH200" in gpus.text
    # "which company is it from?" after one paper had been answered with a Google paper; "where are the authors
    # from?" refused
    conv = Conversation(real_assistant)
    conv.ask("what does NodeSweep do?")
    for question in ("which company is it from?", "where are the authors from?"):
        answer = conv.ask(question)
        assert answer.cited_ids == ["openreview:JFEwQ821MS"] and "Amazon" in answer.text, question
    assert ttft


def test_real_followup_with_a_misspelt_reference_is_a_followup(real_assistant):
    # "whcih of thme are from KAIST?" had listed two KAIST papers on other topics; "wat does the secnd one do?" six
    # papers writing "Second,"
    conv = Conversation(real_assistant)
    listed = conv.ask("which papers speed up speculative decoding?").cited_ids
    assert conv.ask("wat does the secnd one do?").cited_ids == [listed[1]]
    conv.ask("which papers speed up speculative decoding?")
    typed = conv.ask("whcih of thme are from NVIDIA?")
    conv.ask("which papers speed up speculative decoding?")
    assert typed.cited_ids == conv.ask("which of them are from NVIDIA?").cited_ids
    assert set(typed.cited_ids) <= set(listed)
    from assistant.conversation import _mend_references
    assert _mend_references("theme parks") == "theme parks"  # a word is no typo


def test_real_followups_in_spanish_and_german_point_at_the_list(real_assistant):
    # "¿cuáles de ellos son de Berkeley?" and "wer hat das zweite geschrieben?" had been refused, "¿y de Berkeley?"
    # listed all 11 Berkeley papers
    conv = Conversation(real_assistant)
    listed = conv.ask("which papers speed up speculative decoding?").cited_ids
    english = conv.ask("which of them are from Berkeley?").cited_ids
    conv.ask("which papers speed up speculative decoding?")
    assert conv.ask("¿cuáles de ellos son de Berkeley?").cited_ids == english
    conv.ask("which papers speed up speculative decoding?")
    assert set(conv.ask("¿y de Berkeley?").cited_ids) == set(english)
    conv.ask("which papers speed up speculative decoding?")
    second = conv.ask("wer hat das zweite geschrieben?")
    assert second.cited_ids == [listed[1]]


def test_real_followup_which_of_them_has_the_most_authors_is_a_paper(real_assistant):
    # it had been read as "which has the most authors?", a ranking of authors by their papers
    conv = Conversation(real_assistant)
    stoica = conv.ask("papers by Ion Stoica").cited_ids
    most = conv.ask("which of them has the most authors?")
    assert most.text.startswith("The papers of the 5 asked about with the most authors")
    assert set(most.cited_ids) == set(stoica)


def answer_all_ttft(assistant):
    return assistant.ask("which papers reduce TTFT?", k=50).cited_ids


def test_real_followup_how_many_counts_the_previous_list(real_assistant):
    # "how many are there?" after a list had been searched as a topic and refused, with MoE papers as the closest
    conv = Conversation(real_assistant)
    cut = conv.ask("which papers reduce TTFT?")
    total = int(re.match(r"The 10 best of (\d+) papers", cut.text).group(1))
    for asked in ("how many are there?", "how many of them?", "and how many in total?"):
        count = conv.ask(asked)
        assert not count.refused and count.text.startswith(f"{total} papers"), asked
    # ...while "how many papers are there?" asks about the collection
    assert conv.ask("how many papers are there?").text.startswith(f"{len(real_assistant.papers)} papers")


def test_real_followup_them_of_the_questions_own_words_is_a_fresh_question(real_assistant):
    # "a cheap guesser proposes words, the big model checks them" after a list had been asked of the list's papers
    # ("None of the 9 papers asked about mentions ...")
    conv = Conversation(real_assistant)
    conv.ask("papers from Amazon")
    question = "a cheap guesser proposes words, the big model checks them"
    assert conv.resolve(question).kind == "fresh"
    assert conv.ask(question).cited_ids == Conversation(real_assistant).ask(question).cited_ids
    # ...while "what do they propose?" and "compare them" are about the previous answer's papers: a few side by side,
    # of many a question which ("compare" alone had been an error)
    assert conv.resolve("what do they propose?").kind == "set"
    conv.ask("papers on LoRA")
    assert conv.resolve("compare them").kind == "ordinal" and len(conv.ask("compare them").citations) == 2
    conv.ask("papers on KV cache")
    with pytest.raises(QuestionError, match="say which to compare"):
        conv.resolve("compare them")


def test_real_followup_on_code_speaks_of_the_papers_asked_about(real_assistant):
    # "which ones have code?" after a list had said "no paper in the collection says ..." of the list's papers
    conv = Conversation(real_assistant)
    listed = conv.ask("papers on speculative decoding")
    code = conv.ask("which ones have code?")
    assert f"of the {len(listed.citations)} asked about" in code.text and "in the collection says" not in code.text
    assert set(code.cited_ids) <= set(listed.cited_ids)


def test_real_followup_on_a_topic_none_of_the_previous_papers_mentions(real_assistant):
    conv = Conversation(real_assistant)
    ttft = conv.ask("which papers reduce TTFT?").cited_ids
    nvidia = conv.ask("which of them are from NVIDIA?").cited_ids
    assert nvidia and set(nvidia) <= set(ttft)
    assert not any("vllm" in (real_assistant.paper(pid).title + real_assistant.paper(pid).abstract).lower()
                   for pid in nvidia)
    # was answered with an NVIDIA paper that never mentions vLLM
    none = conv.ask("and which ones use vLLM?")
    assert none.refused and not none.citations
    assert none.text.startswith(f"None of the {len(nvidia)} papers asked about mentions “vLLM”")
    # of a list where some do, those are the answer
    conv.ask("which papers reduce TTFT?")
    some = conv.ask("which of them use vLLM?")
    assert some.citations and set(some.cited_ids) <= set(ttft)
    assert all("vllm" in (c.title + " " + real_assistant.paper(c.paper_id).abstract).lower() for c in some.citations)


def test_them_after_two_answers_about_one_paper_each_is_those_two():
    one_each = StubAssistant()
    conv = Conversation(one_each)
    conv.ask("what does the Stream2LLM paper do?", within=["openreview:a1"])
    conv.ask("and BEAM?", within=["openreview:c3"])
    f = conv.resolve("compare them")
    assert f.within == ["openreview:a1", "openreview:c3"] and f.question == "compare Stream2LLM and BEAM"
    assert conv.resolve("how do they differ?").question == "how do Stream2LLM and BEAM differ?"
    conv.ask("which papers reduce TTFT?")  # a list in between: "them" is its papers again
    assert conv.resolve("compare them").within == [pid for pid, _ in TITLES]


def test_real_followups_compare_them_and_which_is(real_assistant):
    conv = Conversation(real_assistant)
    kitty = conv.ask("what is Kitty?").cited_ids
    innerq = conv.ask("and InnerQ?").cited_ids
    assert len(kitty) == len(innerq) == 1 and kitty != innerq
    both = conv.ask("compare them")  # was refused: "them" had been InnerQ alone
    assert both.cited_ids == kitty + innerq and both.text.startswith("2 papers side by side")
    # "which is faster?" compares the two (it had searched the collection, then said neither mentions "faster")
    faster = conv.ask("which is faster?")
    assert faster.cited_ids == kitty + innerq and faster.text.startswith("2 papers side by side")
    # a fresh "how do A and B differ?" is a comparison too (had listed them as "2 papers:")
    differ = Conversation(real_assistant).ask("how do Kitty and InnerQ differ?")
    assert differ.cited_ids == kitty + innerq and differ.text.startswith("2 papers side by side")
    # no paper of a follow-up's papers matching a filter is said of those papers, not of the collection
    ttft = Conversation(real_assistant)
    first = ttft.ask("which papers reduce TTFT?")
    none = ttft.ask("which of those are from Berkeley?")
    assert none.refused and none.text.startswith(f"None of the {len(first.cited_ids)} papers asked about matches")


def test_real_followups_name_several_papers_of_the_list_or_compare_it_with_another(real_assistant):
    conv = Conversation(real_assistant)
    listed = conv.ask("which papers reduce TTFT?").cited_ids
    # "the last two" / "the first two": that many papers of the list ("compare the first two" had been searched
    # as a question of its own and listed 9 unrelated papers)
    assert conv.resolve("compare the first two").within == listed[:2]
    assert conv.resolve("what do the last two do?").within == listed[-2:]
    # each paper named is answered, a whole title too (Span Queries has no short name: only FaaScale was)
    last_two = conv.ask("what do the last two do?")
    assert sorted(last_two.cited_ids) == sorted(listed[-2:])
    assert all(line.startswith("- **") for line in last_two.text.split("\n\n")[0].split("\n"))
    compared = conv.ask("compare the first two")
    assert compared.cited_ids == listed[:2] and compared.text.startswith("2 papers side by side")
    # "the first two" of a one-paper answer is said to be out of range
    meta = Conversation(real_assistant)
    meta.ask("papers on MoE training")
    assert len(meta.ask("which of them are from Meta?").cited_ids) == 1
    with pytest.raises(QuestionError, match="cited 1 paper; there is no paper number 2"):
        meta.ask("compare the first two")
    # "how does it compare to InnerQ?" after Kitty compares the two (it had been asked of Kitty alone)
    kitty = Conversation(real_assistant)
    one = kitty.ask("what does Kitty do?").cited_ids
    both = kitty.ask("how does it compare to InnerQ?")
    assert both.cited_ids[:1] == one and len(both.cited_ids) == 2 and both.text.startswith("2 papers side by side")
    assert "InnerQ" in both.citations[1].title


def test_real_followup_asking_for_similar_papers_means_papers_like_the_one_just_answered(real_assistant):
    conv = Conversation(real_assistant)
    fa4 = conv.ask("what is FlashAttention-4?").cited_ids
    # "any similar papers?" had been searched as a question of its own (HexiScale, on heterogeneous training)
    similar = conv.ask("any similar papers?")
    fresh = Conversation(real_assistant).ask(f"papers similar to {fa4[0]}")
    assert similar.cited_ids == fresh.cited_ids and fa4[0] not in similar.cited_ids
    assert similar.text.startswith("Papers similar to FlashAttention-4")
    # after a list, "similar" has no one paper to mean: said (searched as a question of its own, it had listed
    # HexiScale and the like), and "papers similar to the first one" searches the whole collection (restricted to
    # the first one itself, it had found nothing)
    listed = Conversation(real_assistant)
    rag = listed.ask("papers on RAG").cited_ids
    with pytest.raises(QuestionError, match="say which"):
        listed.resolve("any similar papers?")
    first = listed.ask("papers similar to the first one")
    assert first.cited_ids == fresh_similar(real_assistant, rag[:1]) and rag[0] not in first.cited_ids
    # ...and asked first, there is nothing to be like
    with pytest.raises(QuestionError, match="no previous answer"):
        real_assistant.ask("any similar papers?")


def fresh_similar(assistant, ids: list[str]) -> list[str]:
    return Conversation(assistant).ask("papers similar to " + " and ".join(ids)).cited_ids


def test_real_similar_papers_after_a_comparison_are_like_both(real_assistant):
    conv = Conversation(real_assistant)
    pair = conv.ask("Compare TritorX and AccelOpt").cited_ids
    similar = conv.ask("any similar papers?")  # had been searched as a question of its own (HexiScale...)
    assert len(pair) == 2 and similar.cited_ids == fresh_similar(real_assistant, pair)
    assert not set(pair) & set(similar.cited_ids) and "their titles and abstracts" in similar.text
    # a request that names what the papers are like is a question of its own, not "like the last answer"
    kitty = Conversation(real_assistant)
    kitty.ask("what is Kitty?")
    for question in ("papers similar to InnerQ", "any papers related to speculative decoding?"):
        assert kitty.resolve(question).question == question
    assert kitty.resolve("anything similar to it?").question == "papers similar to openreview:r3mQiuYKIN"


def test_real_they_after_the_papers_a_question_asks_for_are_those_papers(real_assistant):
    # "...and what do they propose?" had been asked of the previous answer's MoE papers (one MoE paper cited)
    conv = Conversation(real_assistant)
    conv.ask("papers on MoE")
    question = "which papers work on KV cache compression and what do they propose?"
    assert conv.resolve(question).within is None
    assert conv.ask(question).cited_ids == Conversation(real_assistant).ask(question).cited_ids
    # a bare "they" with no papers named before it is still the previous answer's
    assert conv.resolve("do they use vLLM?").kind == "set"


def test_real_and_from_an_institution_narrows_the_last_list_question(real_assistant):
    # "and from Meta?" after "papers on quantization" had listed all 13 Meta papers; "what about in 2026?" all 173
    # (no Meta paper is about quantization, ExecuTorch names it in passing: said so; on MoE training, MoEBlaze)
    conv = Conversation(real_assistant)
    conv.ask("papers on quantization")
    meta = conv.ask("and from Meta?")
    assert meta.refused and meta.text.startswith("No paper from Meta answers this question")
    moe = Conversation(real_assistant)
    moe.ask("papers on MoE training")
    meta = moe.ask("and from Meta?")
    assert meta.citations and len(meta.citations) < 5
    for c in meta.citations:
        paper = real_assistant.paper(c.paper_id)
        assert "Meta" in " ".join(paper.institutions) and "moe" in (paper.title + paper.abstract).lower()
    # the next narrowing narrows the same question, not the narrowed one ("from Meta and Google")
    assert conv.resolve("what about Google?").question == "papers on quantization from Google"
    assert len(conv.ask("what about in 2026?").citations) <= 10
    # a follow-up with a topic of its own is a question of its own
    assert conv.resolve("and what about speculative decoding?").question == "and what about speculative decoding?"


def test_real_newest_of_the_previous_answers_papers_says_so_once(real_assistant):
    conv = Conversation(real_assistant)
    conv.ask("arXiv papers")
    newest = conv.ask("which of these is the newest?")  # had said "of the 31 papers of the 31 asked about"
    assert newest.text.startswith("The newest of the 31 papers asked about, by the publication date")


def test_real_review_fixes_to_this_round_of_follow_ups(real_assistant):
    # "related work on X" names its own topic: asked first it had raised "no previous answer", and after a
    # comparison it had listed papers like the compared ones
    first = real_assistant.ask("any related work on speculative decoding?")
    assert len(first.citations) >= 3
    compared = Conversation(real_assistant)
    compared.ask("compare Kitty and InnerQ")
    assert compared.resolve("related work on MoE inference?").question == "related work on MoE inference?"
    # "they" of a question asking what the previous papers do, not of papers it names in an earlier clause
    moe = Conversation(real_assistant)
    moe.ask("papers on MoE load balancing")
    for question in ("what techniques do they propose?", "which works do they build on?"):
        assert moe.resolve(question).kind == "set", question
    # a narrowing follow-up narrows the last list question, a list of one paper too, and nothing after a
    # question about one paper
    straggler = Conversation(real_assistant)
    straggler.ask("papers on MoE")
    straggler.ask("papers on straggler detection")
    assert straggler.resolve("and from Amazon?").question == "papers on straggler detection from Amazon"
    kitty = Conversation(real_assistant)
    kitty.ask("papers on MoE")
    kitty.ask("what is Kitty?")
    assert kitty.resolve("and from Amazon?").question == "and from Amazon?"


def test_real_second_review_of_follow_ups(real_assistant):
    # "similar" with a filter is still like the last answer's paper, with the filter (it had searched for the word
    # "similar": SkipKV "at a similar compression budget")
    conv = Conversation(real_assistant)
    kitty = conv.ask("what is Kitty?").cited_ids
    assert conv.resolve("anything similar in 2026?").question == f"papers similar to {kitty[0]} in 2026"
    google = conv.ask("similar papers from Google?")
    assert google.text.startswith("Papers similar to Kitty") and kitty[0] not in google.cited_ids
    # a list of one paper opening with a note (a mended word) is still the list to narrow
    straggler = Conversation(real_assistant)
    straggler.ask("papers on stragler detection")
    assert straggler.resolve("and from Amazon?").question == "papers on stragler detection from Amazon"
    # a comparison is no list to narrow; "they" after a question's own papers in the next sentence are those
    compared = Conversation(real_assistant)
    compared.ask("compare Kitty and InnerQ")
    assert compared.resolve("and from arXiv?").question == "and from arXiv?"
    moe = Conversation(real_assistant)
    moe.ask("papers on MoE")
    assert moe.resolve("which papers use FPGAs? what speedups do they report?").within is None


def test_real_user_level_review_of_follow_ups(real_assistant):
    # "what do they propose?" after a list had been refused ("None of the 10 papers asked about mentions “”")
    conv = Conversation(real_assistant)
    moe = conv.ask("papers on MoE").cited_ids
    proposed = conv.ask("what do they propose?")
    assert proposed.text.startswith(f"{len(moe)} papers asked about") and set(proposed.cited_ids) == set(moe)
    # a narrowing replaces a filter of the same kind ("papers from Meta", then Google: had been both's 2 papers)
    meta = Conversation(real_assistant)
    meta.ask("papers from Meta")
    assert meta.resolve("what about Google?").question == "papers from Google"
    # ...and reads a misspelt name as the records spell it (had listed all 14 NVIDIA papers)
    kv = Conversation(real_assistant)
    kv.ask("papers on KV cache")
    narrowed = kv.ask("and from Nvidea?")
    assert narrowed.cited_ids == real_assistant.ask("papers on KV cache from NVIDIA").cited_ids


def test_the_conversation_is_exported_as_the_readme_shows():
    # the README's chat example imports it from the package (it had been reachable only as assistant.conversation)
    import assistant

    assert "Conversation" in assistant.__all__ and assistant.Conversation is Conversation
