"""The classifier as served: compact files, memory-mapped, numpy alone (pure; no Django, no scikit-learn).

A trained :class:`~sixia.engines.insight.classifier.Model` is exported (:func:`export`) to a directory:

* ``serving.json`` — metadata and, per head, the classes and the scoring parameters;
* per head, ``.npy`` arrays: the vocabularies as *sorted* fixed-width Unicode arrays with the feature column
  of each term (looked up with ``np.searchsorted``, so no Python dictionary of terms is built), the IDF
  weights and the linear weights as float32, the intercepts.

:func:`load` maps the arrays read-only (``np.load(mmap_mode="r")``): the operating system keeps one copy of
them for every worker process, and a model loaded in the gunicorn master before the workers fork is shared
with all of them. Scoring is the arithmetic of ``classifier._SingleScorer`` (sublinear tf × idf, L2 per block,
unknown features dropped, softmax over the decision scores with the model's temperature); a test keeps the two
equal. The float32 weights change the probabilities by well under 1e-5.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sixia.engines.insight.classifier import Document, Model, char_grams, tfidf_block, word_features

FORMAT_NAME = "sixia.insight.serving"
FORMAT_VERSION = 1
MANIFEST = "serving.json"


def _vocab_arrays(vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    terms = sorted(vocab)
    width = max((len(t) for t in terms), default=1) or 1
    return np.array(terms, dtype=f"<U{width}"), np.array([vocab[t] for t in terms], dtype=np.int32)


def export(model: Model, directory: str | Path) -> Path:
    """Write the serving files of ``model`` into ``directory`` (created; written atomically by rename)."""
    from sixia.engines.insight.classifier import _SingleScorer

    directory = Path(directory)
    tmp = directory.with_name(directory.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    heads: dict[str, Any] = {}
    for name, clf in model.heads.items():
        single = _SingleScorer.build(clf)
        arrays = {
            "words": _vocab_arrays(single.words), "chars": _vocab_arrays(single.chars),
        }
        for kind, (terms, cols) in arrays.items():
            np.save(tmp / f"{name}.{kind}.terms.npy", terms)
            np.save(tmp / f"{name}.{kind}.cols.npy", cols)
        np.save(tmp / f"{name}.word_idf.npy", single.word_idf.astype(np.float32))
        np.save(tmp / f"{name}.char_idf.npy", single.char_idf.astype(np.float32))
        np.save(tmp / f"{name}.weights.npy", np.ascontiguousarray(single.weights, dtype=np.float32))
        np.save(tmp / f"{name}.intercept.npy", single.intercept.astype(np.float64))
        heads[name] = {"classes": list(clf.classes), "title_weight": clf.params.title_weight,
                       "temperature": clf.params.temperature, "bigrams": single.bigrams,
                       "char_range": list(single.char_range)}
    manifest = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "meta": model.meta, "heads": heads}
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, default=str))
    if directory.exists():
        for old in directory.iterdir():
            old.unlink()
        directory.rmdir()
    tmp.rename(directory)
    return directory


@dataclass(frozen=True)
class _Vocab:
    terms: np.ndarray  # sorted, fixed width
    cols: np.ndarray

    def columns(self, terms: list[str]) -> np.ndarray:
        """The feature column of each term, -1 for a term not in the vocabulary."""
        out = np.full(len(terms), -1, dtype=np.int64)
        if not len(self.terms) or not terms:
            return out
        width = self.terms.dtype.itemsize // 4
        fits = np.fromiter((len(t) <= width for t in terms), bool, len(terms))  # longer terms: unknown
        if not fits.any():
            return out
        query = np.array([t for t, ok in zip(terms, fits, strict=True) if ok], dtype=self.terms.dtype)
        pos = np.minimum(np.searchsorted(self.terms, query), len(self.terms) - 1)
        hit = self.terms[pos] == query
        out[np.flatnonzero(fits)[hit]] = self.cols[pos[hit]]
        return out


@dataclass(frozen=True)
class Head:
    """One head (``category``, ``unit``) as served."""

    classes: list[str]
    title_weight: int
    temperature: float
    bigrams: bool
    char_range: tuple[int, int]
    words: _Vocab
    chars: _Vocab
    word_idf: np.ndarray
    char_idf: np.ndarray
    weights: np.ndarray  # (n_features, n_outputs) float32, memory-mapped
    intercept: np.ndarray

    def _block(self, terms: list[str], vocab: _Vocab, idf: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(terms)
        return tfidf_block(counts, vocab.columns(list(counts)), idf, offset)

    def scores(self, toks: list[str]) -> np.ndarray:
        cols, values = self._block(word_features(toks) if self.bigrams else toks, self.words, self.word_idf, 0)
        if len(self.chars.terms):
            char_cols, char_values = self._block(char_grams("".join(toks), self.char_range), self.chars,
                                                 self.char_idf, len(self.word_idf))
            cols, values = np.concatenate([cols, char_cols]), np.concatenate([values, char_values])
        if not cols.size:
            return np.array(self.intercept, dtype=np.float64)
        return values @ self.weights[cols] + self.intercept

    def top(self, doc: Document, k: int = 3) -> list[tuple[str, float]]:
        scores = self.scores(doc.tokens(self.title_weight))
        if scores.shape[0] == 1:  # binary: one score for classes[1]
            scores = np.array([-scores[0], scores[0]])
        scores = scores / self.temperature
        e = np.exp(scores - scores.max())
        probs = e / e.sum()
        order = np.argsort(-probs)[:k]
        return [(self.classes[i], float(probs[i])) for i in order]


@dataclass
class ServingModel:
    """What ``Model`` offers to the suggestions: ``version``, ``meta``, ``heads`` (by name), ``suggest``."""

    heads: dict[str, Head]
    meta: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def suggest(self, head: str, doc: Document, k: int = 3) -> list[tuple[str, float]]:
        h = self.heads.get(head)
        return h.top(doc, k) if h is not None else []


def load(directory: str | Path) -> ServingModel:
    """Map the serving files of ``directory`` (read-only, shared between processes)."""
    directory = Path(directory)
    manifest = json.loads((directory / MANIFEST).read_text())
    if manifest.get("format") != FORMAT_NAME or manifest.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{directory}: not a sixia serving model of format {FORMAT_VERSION}")

    def array(name: str) -> np.ndarray:
        return np.load(directory / f"{name}.npy", mmap_mode="r")

    heads = {}
    for name, h in manifest["heads"].items():
        heads[name] = Head(
            classes=list(h["classes"]), title_weight=int(h["title_weight"]), temperature=float(h["temperature"]),
            bigrams=bool(h["bigrams"]), char_range=(int(h["char_range"][0]), int(h["char_range"][1])),
            words=_Vocab(array(f"{name}.words.terms"), array(f"{name}.words.cols")),
            chars=_Vocab(array(f"{name}.chars.terms"), array(f"{name}.chars.cols")),
            word_idf=array(f"{name}.word_idf"), char_idf=array(f"{name}.char_idf"),
            weights=array(f"{name}.weights"), intercept=np.array(array(f"{name}.intercept")))
    return ServingModel(heads, manifest["meta"])
