"""What a set of papers is about as a whole ("what are the main topics at MLSys 2026?"): the papers grouped by
the similarity of their stored vectors (spherical k-means, seeded, so the same papers always give the same
groups), each group named by the words its titles use more than the other papers' titles do (a class-based
tf-idf, so "efficient", which every group uses, names none)."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .query import STOPWORDS
from .schema import Paper

FEWEST_TO_GROUP = 12  # fewer papers than this are listed one by one: a group of two says nothing
MOST_GROUPS = 8
MOST_SAMPLED = 2000  # a larger collection is grouped from an even sample of this many papers
_SPLIT = re.compile(r"[:;,.()!?\u2013\u2014\[\]\"]")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9\-]*")


@dataclass
class Theme:
    """One group of papers: the words naming it and its papers, the most typical first."""

    words: list[str]
    papers: list[Paper]


def _phrases(text: str) -> set[str]:
    """The words and two-word phrases of ``text`` that neither start nor end with a stopword."""
    out: set[str] = set()
    for part in _SPLIT.split(text.lower()):
        toks = _TOKEN.findall(part)
        for n in (1, 2):
            for i in range(len(toks) - n + 1):
                run = toks[i:i + n]
                if run[0] in STOPWORDS or run[-1] in STOPWORDS or run[-1].isdigit() or len(run[-1]) < 2:
                    continue
                out.add(" ".join(run))
    return out


def group_count(n: int) -> int:
    """How many groups ``n`` papers make: about sqrt(n/2), between 2 and MOST_GROUPS."""
    return max(2, min(MOST_GROUPS, round(math.sqrt(n / 2))))


def kmeans(vectors: np.ndarray, k: int, seed: int = 0, restarts: int = 5, rounds: int = 50) -> np.ndarray:
    """Each row's group (0..k-1) by spherical k-means on unit vectors, k-means++ seeded; the best of
    ``restarts`` by total similarity to the group centres."""
    rng = np.random.default_rng(seed)
    best_fit, best = -np.inf, np.zeros(len(vectors), dtype=np.int64)
    for _ in range(restarts):
        centres = vectors[[int(rng.integers(len(vectors)))]]
        while len(centres) < k:
            far = np.clip(1.0 - (vectors @ centres.T).max(axis=1), 0.0, None) ** 2
            total = far.sum()
            pick = int(rng.choice(len(vectors), p=far / total)) if total > 0 else int(rng.integers(len(vectors)))
            centres = np.vstack([centres, vectors[pick]])
        labels = np.zeros(len(vectors), dtype=np.int64)
        for _ in range(rounds):
            labels = (vectors @ centres.T).argmax(axis=1)
            moved = np.array([vectors[labels == j].mean(axis=0) if (labels == j).any() else centres[j]
                              for j in range(k)])
            moved /= np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)
            if np.allclose(moved, centres):
                break
            centres = moved
        fit = float((vectors * centres[labels]).sum())
        if fit > best_fit:
            best_fit, best = fit, labels
    return best


def _name(members: list[int], titles: list[set[str]], texts: list[set[str]], title_df: Counter, text_df: Counter,
          n: int, most: int = 3) -> list[str]:
    """The phrases naming a group: frequent in its titles (and a little in its abstracts), rare elsewhere; a
    word is left out when a chosen phrase holds it ("speculative" under "speculative decoding")."""
    in_titles = Counter(g for i in members for g in titles[i])
    in_texts = Counter(g for i in members for g in texts[i])
    size = len(members)
    def lift(c: int, df: int) -> float:  # how much more the group uses a phrase than all the papers do
        share = c / size
        return share * math.log(share / (df / n)) if c and df else 0.0

    score = {g: (lift(c, title_df[g]) + 0.3 * lift(in_texts[g], text_df[g])) * (1.3 if " " in g else 1.0)
             for g, c in in_titles.items() if c >= 2}
    ranked = sorted(score, key=lambda g: (-score[g], g))
    chosen: list[str] = []
    for g in ranked:
        if len(chosen) == most:
            break
        words = set(g.split())
        if any(words <= set(c.split()) or set(c.split()) <= words for c in chosen):
            # a two-word phrase nearly as strong replaces the word it holds
            held = next(c for c in chosen if words <= set(c.split()) or set(c.split()) <= words)
            if len(words) > len(held.split()) and score[g] >= 0.6 * score[held]:
                chosen[chosen.index(held)] = g
            continue
        chosen.append(g)
    return chosen


def themes(papers: list[Paper], vectors: np.ndarray) -> list[Theme]:
    """``papers`` (one unit vector each, in ``vectors``) in groups, the largest first."""
    n = len(papers)
    labels = kmeans(vectors, group_count(n))
    titles = [_phrases(p.title) for p in papers]
    texts = [_phrases(f"{p.title}. {p.abstract}") for p in papers]
    title_df = Counter(g for t in titles for g in t)
    text_df = Counter(g for t in texts for g in t)
    out: list[Theme] = []
    for j in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == j).tolist()
        centre = vectors[members].mean(axis=0)
        members.sort(key=lambda i: (-float(vectors[i] @ centre), papers[i].id))
        words = _name(members, titles, texts, title_df, text_df, n)
        out.append(Theme(words or [papers[members[0]].title], [papers[i] for i in members]))
    out.sort(key=lambda th: (-len(th.papers), th.words))
    return out
