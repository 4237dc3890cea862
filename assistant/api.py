"""The public Python API: ``Assistant().ask(...)``. The CLI and the web app are thin shells over it."""
from __future__ import annotations

import logging
import threading
import time
from typing import Iterator

from .answer import Thresholds, compose, elsewhere_refusal, left_out_by_filter
from .config import Settings
from .errors import QuestionError
from .query import GREETING, Filters, clean_question, states_unrecorded, unrecorded_note
from .schema import Answer, Paper

log = logging.getLogger(__name__)


class Assistant:
    """Answers questions over the indexed papers; load once, ask many times (thread-safe)."""

    def __init__(self, settings: Settings | None = None, build_if_missing: bool = True,
                 progress: bool | None = None, **overrides) -> None:
        self.settings = settings or Settings.load(**overrides)
        self._build_if_missing = build_if_missing
        self._progress = progress
        self._lock = threading.RLock()
        self._search = None
        self.thresholds = Thresholds()

    # ------------------------------------------------------------------ loading
    def _searcher(self):
        """The search state for the live index generation, reloaded when a writer swapped in a new one."""
        from .store import ensure_index, index_changed, open_index

        with self._lock:
            if self._search is not None and not index_changed(self.settings, self._search.snapshot):
                return self._search
            from .embed import get_encoder
            from .retrieve import PaperSearch

            snapshot = (ensure_index(self.settings, progress=self._progress) if self._build_if_missing
                        else open_index(self.settings))
            cache = self.settings.multilingual_cache if self.settings.multilingual else None
            self._search = PaperSearch(snapshot, get_encoder(self.settings.query_backend), cache, self._progress)
            return self._search

    def load(self) -> "Assistant":
        """Load the model and index now (otherwise done on the first question)."""
        self._searcher()
        return self

    def multilingual_preparing(self) -> tuple[int, int] | None:
        """(papers embedded, of how many) while the vectors for questions in other languages are being built (a
        question in another language waits for them); None otherwise."""
        search = self._search
        return search.multilingual.preparing() if search is not None and search.multilingual is not None else None

    def prepare_multilingual(self) -> threading.Thread | None:
        """Embed the papers for questions in other languages in a background thread, so that the first such
        question does not wait for it (the web app calls this at start); None when the model is off."""
        search = self._searcher()
        if search.multilingual is None:
            return None
        from .multilingual import MultilingualUnavailable

        def run() -> None:
            try:
                search.multilingual.vectors(progress=False)
            except MultilingualUnavailable as exc:
                log.warning("questions in other languages will be read as English: %s", exc)

        thread = threading.Thread(target=run, name="multilingual-vectors", daemon=True)
        thread.start()
        return thread

    @property
    def papers(self) -> list[Paper]:
        """Every indexed paper."""
        return list(self._searcher().papers)

    def paper(self, paper_id: str) -> Paper | None:
        """The paper with ``paper_id``, or None."""
        if not isinstance(paper_id, str):  # (a list had raised a bare "unhashable type")
            raise QuestionError(f"A paper id is text such as 'openreview:FuRo7Ur5Ib', not {type(paper_id).__name__}.")
        return self._searcher().by_id.get(paper_id)

    def paper_map(self) -> dict[str, list[float]]:
        """2-D coordinates of every paper (computed at index time), for the app's map."""
        from .store import load_map

        return load_map(self._searcher().snapshot)

    # ------------------------------------------------------------------ asking
    def ask(self, question: str, k: int | None = None, venue: str | list[str] | None = None,
            institution: str | list[str] | None = None, author: str | list[str] | None = None,
            year: int | list[int] | None = None, within: list[str] | None = None,
            llm: bool | None = None) -> Answer:
        """Answer ``question`` with citations; filters narrow the papers (also read from the question).

        ``within`` restricts the answer to these paper ids (follow-up questions in a chat).
        """
        asked = self._prepare(question, k, venue, institution, author, year, within, llm)
        if asked.candidates is not None:
            from .llm import llm_answer

            asked.answer = llm_answer(self.settings, asked.text, asked.candidates, asked.answer)
        return asked.finish()

    def ask_stream(self, question: str, k: int | None = None, venue: str | list[str] | None = None,
                   institution: str | list[str] | None = None, author: str | list[str] | None = None,
                   year: int | list[int] | None = None, within: list[str] | None = None,
                   llm: bool | None = None) -> Iterator[str | Answer]:
        """Yield the answer text in growing pieces, then the final ``Answer`` (for the chat app). An LLM's
        answer streams as the server writes it, checked as it grows; a grounded one comes in a few pieces."""
        asked = self._prepare(question, k, venue, institution, author, year, within, llm)
        if asked.candidates is not None:
            from .llm import llm_answer_stream

            head = asked.head()
            yield head + "_Waiting for the LLM…_"
            for item in llm_answer_stream(self.settings, asked.text, asked.candidates, asked.answer):
                if isinstance(item, Answer):
                    asked.answer = item
                else:
                    yield head + item
            yield asked.finish()
            return
        answer = asked.finish()
        text = answer.text
        step = max(1, len(text) // 12)
        for end in range(step, len(text), step):
            yield text[:end]
        yield answer

    def _prepare(self, question, k, venue, institution, author, year, within, llm) -> "_Asked":
        """The question cleaned and searched and the grounded answer composed; ``candidates`` are the papers for
        the LLM when it is to write the answer (None otherwise)."""
        t0 = time.perf_counter()
        if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
            raise QuestionError(f"k is the most papers to cite: a whole number of at least 1, not {k!r}.")
        if llm is not None and not isinstance(llm, bool):
            raise QuestionError(f"llm is True, False or None (the configured default), not {llm!r}.")
        if question is not None and not isinstance(question, str):
            raise QuestionError(f"The question must be text, not {type(question).__name__}.")
        within = _ids(within)
        text = clean_question(question, self.settings.max_question_chars)
        if within is None:  # "what does the second one do?" asked on its own: said, not answered with a random paper
            from .conversation import NO_PREVIOUS_ANSWER, asks_more, refers_back

            if refers_back(text) or asks_more(text):
                raise QuestionError(NO_PREVIOUS_ANSWER)
        search = self._searcher()
        t1 = time.perf_counter()
        filters = Filters(venues=_names(venue, "venue"), institutions=_names(institution, "institution"),
                          authors=_names(author, "author"), years=_years(year))
        if within is not None:
            unknown = [pid for pid in within if pid not in search.by_id]
            if unknown:  # (a follow-up's papers are the collection's: an id none has is said, not searched)
                raise QuestionError(f"No paper in the collection has the id {', '.join(unknown[:3])}.")
            text = self._refs_named(text, within, search)
        if GREETING.match(text) and not filters:  # "hello", "what can you do?": what it answers, with examples
            from .answer import help_answer

            return _Asked(text, None, help_answer(search.papers, text), None, t0, {})
        def retrieved(question: str, focused: bool = True):
            found = search.search(question, filters, k=k or self.settings.k, within=within, focused=focused)
            if k and found.parsed.wanted:  # "all papers on X" asked with an explicit k: k is the most cited
                found.parsed.wanted = min(found.parsed.wanted, k)
            found.cap = k  # (a complete metadata list too: "papers from Amazon" with --k 2 had cited all 9)
            return found

        def composed(r):
            return compose(r, search.sentences, search.idf, k=k or self.settings.k, t=self.thresholds)

        def answered(r) -> Answer | None:  # (a reading again replaces a refusal only with an answer citing papers)
            found = composed(r)
            return found if found.citations and not found.refused else None

        retrieval = retrieved(text)
        t2 = time.perf_counter()
        answer = composed(retrieval)
        asked = search.focus(text, only_asked=True) if answer.refused and within is None else text
        # (not a question pointing back at the statements: "... Is there research on speeding up that step?")
        asked = text if asked != text and search.refers_to_topic(asked) else asked
        # (and the first reading searched the message's focus: "hw desgin w/ llms?? like genrating verilog/HDL code
        # ..." had been read as "hw desgin w/ llms??" and refused; read again, what follows its "?" is part of it)
        whole = asked == text and answer.refused and asked.strip() and asked != search.focus(text)
        if asked != text and asked.strip() or whole:
            # "So I have an interview ... with IBM Research ... Which papers in your collection have authors from
            # IBM? ...": refused on the chatter read with it, the message is read again by its questions alone
            again = retrieved(asked, focused=not whole)
            if found := answered(again):
                retrieval, answer = again, found
        # "I'm applying to grad school at Michigan and hoping to work with Baris Kasikci. Which papers here is he an
        # author on?": refused on the setting's words as a topic, the metadata question is read without them
        alone = search.asked_alone(text) if answer.refused and within is None and not filters.authors else ""
        if alone:
            again = retrieved(alone)
            if found := answered(again):
                retrieval, answer = again, found
        if left_out_by_filter(retrieval, answer):  # "papers from Google on speculative decoding": said elsewhere?
            wide = search.search(text, filters, k=k or self.settings.k, everywhere=True)
            # (unless what answers it is the filter's own papers, which the filtered reading had refused: "That Japanese
            # GPU supercomputer from Sakura Internet ...": "cite 1 paper, not from SAKURA internet: SAKURAONE")
            if (found := answered(wide)) and {c.paper_id for c in found.citations} <= {
                    sp.paper.id for sp in retrieval.ranked}:
                retrieval, answer = wide, found
            elif found:
                answer = elsewhere_refusal(retrieval, found, search.by_id)
        t3 = time.perf_counter()
        candidates = self._candidates(search, retrieval, answer, k) if self._use_llm(llm, retrieval, answer) else None
        timings = dict(load=(t1 - t0) * 1000, retrieve=(t2 - t1) * 1000, compose=(t3 - t2) * 1000)
        return _Asked(text, retrieval, answer, candidates, t0, timings)

    @staticmethod
    def _refs_named(text: str, within: list[str], search) -> str:
        """``text`` with "it"/"its" as the one paper asked about, or "them" in "compare them" as the two, named
        by their short names, as a chat reads a follow-up ("who wrote it?", "compare them")."""
        from .conversation import refs_named, short_name

        return refs_named(text, [short_name(search.by_id[pid].title) for pid in dict.fromkeys(within)])

    def _use_llm(self, llm: bool | None, retrieval, answer: Answer) -> bool:
        """LLM only when asked for (or configured) and useful: exact metadata lists, counts per institution or
        author, yes-or-no answers and fields (link, venue, date) from a paper's record, and refusals stay grounded."""
        from .answer import record_fields_paper
        from .errors import ConfigError

        use = self.settings.llm_configured if llm is None else llm
        if use and not self.settings.llm_configured:
            raise ConfigError("No LLM server is configured: set ASSISTANT_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1)")
        grounded = (retrieval.parsed.shape in ("metadata", "check", "themes") or retrieval.parsed.ranking
                    or answer.refused or record_fields_paper(retrieval) is not None)
        return bool(use) and not grounded

    def _candidates(self, search, retrieval, answer: Answer, k: int | None):
        """The papers the LLM writes from: those the grounded answer cites (the ones judged to answer the
        question, in its order, up to ``LLM_MOST``), each with its sentences nearest the question; the best
        ranked ones when it cites none."""
        from .answer import best_sentences

        ranked = {sp.paper.id: sp for sp in retrieval.ranked}
        chosen = [ranked[c.paper_id] for c in answer.citations if c.paper_id in ranked][:LLM_MOST]
        chosen = chosen or retrieval.ranked[:k or self.settings.k]
        return [(sp.paper, best_sentences(sp, search.sentences.get(sp.paper.id, []), retrieval.query_terms,
                                          search.idf, n=3)) for sp in chosen]


LLM_MOST = 20  # papers given to the LLM at most ("all papers on quantization" may cite more than k)


class _Asked:
    """A question on its way to an answer: what ``ask`` and ``ask_stream`` share."""

    def __init__(self, text: str, retrieval, answer: Answer, candidates, t0: float, timings: dict) -> None:
        self.text, self.retrieval, self.answer, self.candidates = text, retrieval, answer, candidates
        self.t0, self.timings = t0, timings

    def head(self) -> str:
        """How the question was read, whoever writes the answer (and what the papers listed hold, if any)."""
        r = self.retrieval
        if r is None:
            return ""
        note = " ".join(n for n in (r.note, "" if self.answer.refused else r.listed_note) if n)
        # (the refusal says it, and no papers follow to "match"; or a quote states it: "64k+ GitHub stars")
        if r.parsed.unrecorded and (self.answer.refused or any(
                states_unrecorded(r.parsed.unrecorded, c.quote) for c in self.answer.citations)):
            note = note.replace(unrecorded_note(r.parsed.unrecorded), "").strip()
        return note + "\n\n" if note else ""

    def finish(self) -> Answer:
        answer = self.answer
        answer.text = self.head() + answer.text
        total = {**self.timings, "total": (time.perf_counter() - self.t0) * 1000}
        answer.timings_ms = {**answer.timings_ms, **{key: round(v, 2) for key, v in total.items()}}
        return answer


def _names(value, what: str) -> list[str]:
    """A filter's names: text, or a list of texts (``venue=123`` was a TypeError deep in the search)."""
    names = _list(value)
    if not all(isinstance(v, str) for v in names):
        raise QuestionError(f"{what} must be a name or a list of names, not {value!r}.")
    return names


def _years(value) -> list[int]:
    """Whole years, as numbers or digits ("abc" was a bare ValueError, 2026.7 read as 2026)."""
    years = []
    for v in _list(value):
        if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit())):
            raise QuestionError(f"year must be a whole year such as 2026, not {v!r}.")
        years.append(int(v))
    return years


def _ids(within) -> list[str] | None:
    """The paper ids a follow-up is restricted to: a list of ids (one id alone is one, not its characters)."""
    if within is None:
        return None
    ids = [within] if isinstance(within, str) else list(within) if isinstance(within, (list, tuple, set)) else None
    if ids is None or not all(isinstance(i, str) and i for i in ids):
        raise QuestionError(f"within must be a list of paper ids, not {within!r}.")
    if not ids:
        raise QuestionError("within lists no paper ids: give the papers the question is about.")
    return ids


def _list(value) -> list:
    """A filter's values; None, "" or blank ones are none ("   " had been searched as the author "by    ")."""
    values = list(value) if isinstance(value, (list, tuple, set)) else [value]
    return [v.strip() if isinstance(v, str) else v for v in values if v is not None and not (
        isinstance(v, str) and not v.strip())]


__all__ = ["Assistant", "QuestionError"]
