"""The public Python API: ``Assistant().ask(...)``. The CLI and the web app are thin shells over it."""
from __future__ import annotations

import logging
import threading
import time
from typing import Iterator

from .answer import Thresholds, compose
from .config import Settings
from .errors import QuestionError
from .query import GREETING, Filters, clean_question, unrecorded_note
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
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
            raise QuestionError(f"k is the most papers to cite: a whole number of at least 1, not {k!r}.")
        text = clean_question(question, self.settings.max_question_chars)
        search = self._searcher()
        t1 = time.perf_counter()
        filters = Filters(venues=_list(venue), institutions=_list(institution), authors=_list(author),
                          years=[int(y) for y in _list(year)])
        if GREETING.match(text) and not filters:  # "hello", "what can you do?": what it answers, with examples
            from .answer import help_answer

            answer = help_answer(search.papers, text)
            answer.timings_ms = {"total": round((time.perf_counter() - t0) * 1000, 2)}
            return answer
        retrieval = search.search(text, filters, k=k or self.settings.k, within=within)
        if k and retrieval.parsed.wanted:  # "all papers on X" asked with an explicit k: k is the most cited
            retrieval.parsed.wanted = min(retrieval.parsed.wanted, k)
        t2 = time.perf_counter()
        answer = compose(retrieval, search.sentences, search.idf, k=k or self.settings.k, t=self.thresholds)
        t3 = time.perf_counter()
        if self._use_llm(llm, retrieval, answer):
            from .llm import llm_answer

            answer = llm_answer(self.settings, text, self._candidates(search, retrieval, k), answer)
        # how the question was read, whoever wrote the answer (and what the papers listed hold, if any are)
        note = " ".join(n for n in (retrieval.note, "" if answer.refused else retrieval.listed_note) if n)
        if answer.refused and retrieval.parsed.unrecorded:  # (the refusal says it; no papers follow to "match")
            note = note.replace(unrecorded_note(retrieval.parsed.unrecorded), "").strip()
        if note:
            answer.text = note + "\n\n" + answer.text
        t4 = time.perf_counter()
        timings.update(load=(t1 - t0) * 1000, retrieve=(t2 - t1) * 1000, compose=(t3 - t2) * 1000,
                       total=(t4 - t0) * 1000)
        answer.timings_ms = {**answer.timings_ms, **{key: round(v, 2) for key, v in timings.items()}}
        return answer

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

    def _candidates(self, search, retrieval, k: int | None):
        from .answer import best_sentences

        n = k or self.settings.k
        return [(sp.paper, best_sentences(sp, search.sentences.get(sp.paper.id, []), retrieval.query_terms,
                                          search.idf, n=3)) for sp in retrieval.ranked[:n]]

    def ask_stream(self, question: str, **kwargs) -> Iterator[str | Answer]:
        """Yield the answer text in growing pieces, then the final ``Answer`` (for the chat app)."""
        answer = self.ask(question, **kwargs)
        text = answer.text
        step = max(1, len(text) // 12)
        for end in range(step, len(text), step):
            yield text[:end]
        yield answer


def _list(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    return [value]


__all__ = ["Assistant", "QuestionError"]
