"""Category / responsible-unit classifier for citizen messages (pure; no Django).

Word unigrams + bigrams and character 1–3-grams, both TF-IDF with sublinear term frequency, feed a
class-balanced linear model: ridge regression on ±1 targets per class (the default; it generalised best from the
segmented training corpus to raw text, see the benchmark doc) or a linear SVM. Probabilities are a softmax over
the decision scores with a configurable temperature (cheap, monotone in the model's ranking, sums to one). Optional self-training adds
unlabelled messages whose top-two score margin is large, then refits once. One message at a time (the intake and
API path) is scored by :class:`_SingleScorer`, the same arithmetic without scikit-learn's per-call overhead.

A :class:`Model` bundles one classifier per *head* (``category``, ``unit``) with metadata and is saved as one
versioned joblib file. See ``docs/benchmarks-insight-classifier.md`` for what was measured.
"""

from __future__ import annotations

import io
import operator
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sixia.engines.insight import text

if TYPE_CHECKING:  # scikit-learn, scipy and joblib are imported where a model is trained or loaded, not to serve
    import scipy.sparse as sp  # a page (``serving`` answers suggestions from the compact files with numpy alone)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import RidgeClassifier
    from sklearn.svm import LinearSVC

_WHITE_RUNS = re.compile(r"\s\s+")

FORMAT_VERSION = 1
FORMAT_NAME = "sixia.insight.classifier"


@dataclass(frozen=True)
class Document:
    """One message. ``segmented=True``: ``body`` is pre-segmented words (title may be empty)."""

    title: str = ""
    body: str = ""
    segmented: bool = False

    def tokens(self, title_weight: int = 1) -> list[str]:
        if self.segmented:
            # Re-join and re-cut so training words come from the same segmenter as production words.
            title = text.tokens(text.desegment(self.title))
            body = text.tokens(text.desegment(self.body))
        else:
            title = text.tokens(self.title)
            body = text.tokens(self.body)
        return title * title_weight + body


@dataclass(frozen=True)
class Params:
    """Hyper-parameters (defaults are the measured best; see the benchmark doc)."""

    estimator: str = "ridge"  # "ridge" (RidgeClassifier) or "svm" (LinearSVC)
    alpha: float = 1.0  # ridge regularisation
    c: float = 0.5  # SVM regularisation
    word_bigrams: bool = True
    char_ngrams: tuple[int, int] = (1, 3)
    min_df: int = 2
    title_weight: int = 2  # title words counted twice (a raw title is the densest signal)
    class_weight: str | None = "balanced"
    temperature: float = 0.25  # softmax(decision / temperature)
    self_training_margin: float | None = None  # None: no self-training
    max_unlabelled: int = 20000


def word_features(tokens: list[str]) -> list[str]:
    """Unigrams and bigrams of a token list (module-level so the vectoriser pickles)."""
    return tokens + [f"{a}_{b}" for a, b in pairwise(tokens)]


def word_unigrams(tokens: list[str]) -> list[str]:
    return tokens


@dataclass
class TextClassifier:
    params: Params = field(default_factory=Params)
    classes: list[str] = field(default_factory=list)
    words: TfidfVectorizer | None = None
    chars: TfidfVectorizer | None = None
    svm: LinearSVC | RidgeClassifier | None = None  # the linear model (name kept for model-file stability)
    n_train: int = 0
    n_self_trained: int = 0
    _single: _SingleScorer | None = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_single"] = None  # derived from the vectorisers and coefficients; rebuilt on first use
        return state

    # -- features -------------------------------------------------------------------------------------------
    def _tokens(self, docs: Iterable[Document]) -> list[list[str]]:
        return [d.tokens(self.params.title_weight) for d in docs]

    def _features(self, toks: list[list[str]], *, fit: bool = False) -> sp.csr_matrix:
        p = self.params
        if fit:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self.words = TfidfVectorizer(analyzer=word_features if p.word_bigrams else word_unigrams,
                                         min_df=p.min_df, sublinear_tf=True, dtype=np.float32)
            self.chars = TfidfVectorizer(analyzer="char", ngram_range=p.char_ngrams, min_df=p.min_df,
                                         sublinear_tf=True, dtype=np.float32) if p.char_ngrams[1] else None
        assert self.words is not None
        import scipy.sparse as sp

        words = self.words.fit_transform(toks) if fit else self.words.transform(toks)
        if self.chars is None:
            return words.tocsr()
        joined = ["".join(t) for t in toks]
        chars = self.chars.fit_transform(joined) if fit else self.chars.transform(joined)
        return sp.hstack([words, chars], format="csr")

    # -- training -------------------------------------------------------------------------------------------
    def fit(self, docs: Sequence[Document], labels: Sequence[str], *,
            unlabelled: Sequence[Document] = ()) -> TextClassifier:
        import scipy.sparse as sp

        if len(docs) != len(labels):
            raise ValueError("docs and labels differ in length")
        counts = Counter(labels)
        if len(counts) < 2:
            raise ValueError("need at least two classes to train")
        p = self.params
        toks = self._tokens(docs)
        if len(docs) < 50 and p.min_df > 1:  # tiny corpora (demo, tests): keep every feature
            self.params = p = Params(**{**p.__dict__, "min_df": 1})
        x = self._features(toks, fit=True)
        y = np.asarray(labels)
        self.svm = self._estimator().fit(x, y)
        self._fortran_coef()
        self._single = None
        self.classes = [str(c) for c in self.svm.classes_]
        self.n_train = len(docs)
        if p.self_training_margin is not None and unlabelled:
            u = self._features(self._tokens(unlabelled[: p.max_unlabelled]))
            scores = self._scores(u)
            top2 = np.sort(scores, axis=1)[:, -2:]
            pick = (top2[:, 1] - top2[:, 0]) > p.self_training_margin
            if pick.any():
                pseudo = np.asarray(self.classes)[scores[pick].argmax(axis=1)]
                self.svm = self._estimator().fit(sp.vstack([x, u[pick]], format="csr"), np.concatenate([y, pseudo]))
                self._fortran_coef()
                self._single = None
                self.n_self_trained = int(pick.sum())
        return self

    def _fortran_coef(self) -> None:
        """Scoring computes ``X @ coef_.T``; scipy copies a non-C-contiguous dense operand on every call (4 MB,
        ~5 ms per message with ridge's C-ordered coefficients). Column-major coefficients make ``coef_.T``
        C-contiguous, so one message costs a sparse dot product only."""
        assert self.svm is not None
        self.svm.coef_ = np.asfortranarray(self.svm.coef_)

    def _estimator(self) -> LinearSVC | RidgeClassifier:
        from sklearn.linear_model import RidgeClassifier
        from sklearn.svm import LinearSVC

        p = self.params
        if p.estimator == "ridge":
            return RidgeClassifier(alpha=p.alpha, class_weight=p.class_weight, solver="sparse_cg")
        if p.estimator == "svm":
            return LinearSVC(C=p.c, class_weight=p.class_weight)
        raise ValueError(f"unknown estimator {p.estimator!r} (ridge or svm)")

    # -- prediction -----------------------------------------------------------------------------------------
    def _scores(self, x: sp.csr_matrix) -> np.ndarray:
        assert self.svm is not None
        scores = self.svm.decision_function(x)
        if scores.ndim == 1:  # binary: one column of scores for classes[1]
            scores = np.column_stack([-scores, scores])
        return np.asarray(scores)

    def _scores_of(self, docs: Sequence[Document]) -> np.ndarray:
        if len(docs) == 1:  # the intake / API path: skip scikit-learn's per-call overhead
            if self._single is None:
                self._single = _SingleScorer.build(self)
            scores = self._single.scores(self._tokens(docs)[0])[np.newaxis, :]
            return np.column_stack([-scores[:, 0], scores[:, 0]]) if scores.shape[1] == 1 else scores
        return self._scores(self._features(self._tokens(docs)))

    def predict_proba(self, docs: Sequence[Document]) -> np.ndarray:
        if not docs:
            return np.zeros((0, len(self.classes)))
        scores = self._scores_of(docs) / self.params.temperature
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, docs: Sequence[Document]) -> list[str]:
        if not docs:
            return []
        scores = self._scores_of(docs)
        return [self.classes[i] for i in scores.argmax(axis=1)]

    def top(self, doc: Document, k: int = 3) -> list[tuple[str, float]]:
        probs = self.predict_proba([doc])[0]
        order = np.argsort(-probs)[:k]
        return [(self.classes[i], float(probs[i])) for i in order]


def tfidf_block(counts: Counter[str], cols: np.ndarray, idf: np.ndarray, offset: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """One block of a message's features as the vectoriser makes it: sublinear tf × idf, L2-normalised, unknown
    terms (column -1) dropped; ``cols`` are the columns of ``counts``' terms in order. Shared with the served
    model (``serving.Head``), so training and serving compute the same numbers."""
    known = cols >= 0
    cols = cols[known]
    if not cols.size:
        return cols, np.zeros(0)
    values = (1.0 + np.log(np.fromiter(counts.values(), np.float64, len(counts))[known])) * idf[cols]
    values /= np.sqrt(values @ values)
    return cols + offset, values


def char_grams(joined: str, char_range: tuple[int, int]) -> list[str]:
    """The character n-grams the char vectoriser counts (its own preprocessing: lower case, white runs to one)."""
    s = _WHITE_RUNS.sub(" ", joined.lower())
    grams: list[str] = []
    low, high = char_range
    longer = list(s)  # n-grams of length n, built from those of length n - 1 without slicing in Python
    for n in range(1, high + 1):
        if n > 1:
            longer = list(map(operator.add, longer, s[n - 1:]))
        if n >= low:
            grams += longer
    return grams


@dataclass(frozen=True)
class _SingleScorer:
    """The decision scores of one message, computed with plain dictionaries and one gather.

    scikit-learn spends ~2.5 ms per ``transform`` call on validation and bookkeeping, whatever the batch size;
    for one message that is most of the cost. This computes exactly the same TF-IDF (sublinear tf × idf, L2
    per block, unknown features dropped) and linear scores; a test keeps it equal to the batch path.
    """

    words: dict[str, int]
    word_idf: np.ndarray
    bigrams: bool
    chars: dict[str, int]
    char_idf: np.ndarray
    char_range: tuple[int, int]
    weights: np.ndarray  # (n_features, n_outputs), row-contiguous so one feature is one row
    intercept: np.ndarray

    @classmethod
    def build(cls, clf: TextClassifier) -> _SingleScorer:
        assert clf.words is not None and clf.svm is not None
        chars = clf.chars
        return cls(words=clf.words.vocabulary_, word_idf=clf.words.idf_.astype(np.float64),
                   bigrams=clf.params.word_bigrams,
                   chars=chars.vocabulary_ if chars is not None else {},
                   char_idf=chars.idf_.astype(np.float64) if chars is not None else np.zeros(0),
                   char_range=chars.ngram_range if chars is not None else (0, 0),
                   weights=np.ascontiguousarray(np.asarray(clf.svm.coef_).T),
                   intercept=np.atleast_1d(np.asarray(clf.svm.intercept_, dtype=np.float64)))

    @staticmethod
    def _block(terms: list[str], vocab: dict[str, int], idf: np.ndarray, offset: int
               ) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(terms)
        n = len(counts)
        cols = np.fromiter(map(vocab.get, counts, repeat(-1, n)), np.int64, n)  # -1: not in the vocabulary
        return tfidf_block(counts, cols, idf, offset)

    def scores(self, toks: list[str]) -> np.ndarray:
        cols, values = self._block(word_features(toks) if self.bigrams else toks, self.words, self.word_idf, 0)
        if self.chars:
            char_cols, char_values = self._block(char_grams("".join(toks), self.char_range), self.chars,
                                                 self.char_idf, len(self.word_idf))
            cols, values = np.concatenate([cols, char_cols]), np.concatenate([values, char_values])
        if not cols.size:
            return self.intercept.copy()
        return values @ self.weights[cols] + self.intercept


@dataclass
class Model:
    """One model file: classifier heads plus metadata (classes, counts, metrics, trained_at, labels → names)."""

    heads: dict[str, TextClassifier] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def suggest(self, head: str, doc: Document, k: int = 3) -> list[tuple[str, float]]:
        clf = self.heads.get(head)
        return clf.top(doc, k) if clf is not None else []

    def save(self, path: str | Path) -> int:
        """Write atomically; returns the file size in bytes."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "meta": self.meta, "heads": self.heads}
        tmp = path.with_suffix(path.suffix + ".tmp")
        import joblib

        joblib.dump(payload, tmp, compress=3)
        tmp.replace(path)
        return path.stat().st_size

    @classmethod
    def load(cls, path: str | Path) -> Model:
        import joblib

        payload = joblib.load(Path(path))
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
            raise ValueError(f"{path}: not a sixia classifier model")
        if payload.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{path}: model format {payload.get('format_version')} != {FORMAT_VERSION}; retrain")
        return cls(heads=payload["heads"], meta=payload["meta"])

    def nbytes(self) -> int:
        import joblib

        buf = io.BytesIO()
        joblib.dump({"meta": self.meta, "heads": self.heads}, buf, compress=3)
        return buf.tell()


def train(heads: dict[str, tuple[Sequence[Document], Sequence[str]]], *, params: Params | None = None,
          unlabelled: Sequence[Document] = (), names: dict[str, dict[str, str]] | None = None,
          source: str = "") -> Model:
    """Train one classifier per head that has at least two classes; returns the model with metadata."""
    started = time.perf_counter()
    model = Model()
    counts: dict[str, dict[str, int]] = {}
    for head, (docs, labels) in heads.items():
        if len(set(labels)) < 2:
            continue
        model.heads[head] = TextClassifier(params or Params()).fit(docs, labels, unlabelled=unlabelled)
        counts[head] = dict(Counter(labels))
    now = datetime.now(UTC)
    model.meta = {
        "version": now.strftime("%Y%m%dT%H%M%S%fZ"),
        "trained_at": now.isoformat(),
        "source": source,
        "classes": {h: c.classes for h, c in model.heads.items()},
        "samples": counts,
        "self_trained": {h: c.n_self_trained for h, c in model.heads.items()},
        "params": (params or Params()).__dict__,
        "names": names or {},
        "train_seconds": round(time.perf_counter() - started, 3),
        "metrics": {},
    }
    return model
