"""Hot issues (热点问题): clusters of recent messages with a representative title, keywords, size and trend.

Pure (no Django). Messages are segmented with rjieba, weighted with TF-IDF (titles count twice: they name the
matter), and grouped by average-linkage agglomerative clustering on cosine distance, so a cluster is a set of
messages that are on average close to each other — no chaining of loosely related messages. Messages of the
previous period are then assigned to the nearest cluster (if close enough) to give each cluster a trend.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

DEFAULT_STOP_WORDS = (
    "反映", "问题", "投诉", "咨询", "关于", "请问", "建议", "举报", "希望", "要求", "请求", "相关", "部门", "领导",
    "我们", "你们", "他们", "我家", "本人", "现在", "已经", "没有", "什么", "怎么", "为什么", "为何", "能否", "是否",
    "可以", "这个", "那个", "一个", "情况", "进行", "解决", "处理", "政府", "市民", "居民", "谢谢", "何时", "如何",
    "还是", "但是", "而且", "因为", "所以", "如果", "这样", "时候", "目前", "一直", "多次", "严重", "尽快",
)
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_NUMERIC = re.compile(r"^[0-9a-z.]+$")


@dataclass(frozen=True)
class Message:
    id: int
    title: str
    text: str = ""


@dataclass(frozen=True)
class HotspotRules:
    """Tunable numbers (data in the adapter). ``similarity``: the average cosine similarity that holds a
    cluster together; ``min_size``: smaller groups are not hot; ``rise_ratio``: current/previous ≥ this is
    rising, ≤ its inverse is falling."""

    similarity: float = 0.2
    min_size: int = 3
    max_messages: int = 3000
    keywords: int = 5
    max_clusters: int = 20
    rise_ratio: float = 1.5
    stop_words: tuple[str, ...] = DEFAULT_STOP_WORDS


@dataclass
class Cluster:
    title: str
    representative_id: int
    keywords: list[str]
    size: int
    previous: int
    trend: str  # new | rising | steady | falling
    member_ids: list[int] = field(default_factory=list)

    @property
    def growth(self) -> float | None:
        return None if self.previous == 0 else round((self.size - self.previous) / self.previous, 3)

    def as_dict(self) -> dict:
        return {"title": self.title, "representative_id": self.representative_id, "keywords": self.keywords,
                "size": self.size, "previous": self.previous, "trend": self.trend, "growth": self.growth,
                "member_ids": self.member_ids}


@lru_cache(maxsize=1)
def _cut():
    import rjieba

    return rjieba.cut


def words(text: str, stop_words: frozenset[str] = frozenset(DEFAULT_STOP_WORDS)) -> list[str]:
    """Content words: NFKC, lower case, rjieba, without punctuation, single characters, numbers, stop words."""
    s = unicodedata.normalize("NFKC", text or "").lower()
    out = []
    for w in _cut()(s):
        w = _DROP.sub("", w)
        if len(w) < 2 or w in stop_words or _NUMERIC.match(w):
            continue
        out.append(w)
    return out


def _document(m: Message, stop: frozenset[str]) -> list[str]:
    title = words(m.title, stop)
    return title + title + words(m.text, stop)


def trend_of(size: int, previous: int, rise_ratio: float) -> str:
    if previous == 0:
        return "new"
    ratio = size / previous
    if ratio >= rise_ratio:
        return "rising"
    if ratio <= 1 / rise_ratio:
        return "falling"
    return "steady"


def cluster(current: Sequence[Message], previous: Sequence[Message] = (),
            rules: HotspotRules | None = None) -> list[Cluster]:
    """Clusters of ``current`` (largest first), each with its count in ``previous`` and its trend."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    rules = rules or HotspotRules()
    current = list(current)[: rules.max_messages]
    previous = list(previous)[: rules.max_messages]
    if len(current) < max(2, rules.min_size):
        return []
    stop = frozenset(rules.stop_words)
    docs = [_document(m, stop) for m in current]
    prev_docs = [_document(m, stop) for m in previous]
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1, max_df=0.5 if len(docs) > 20 else 1.0,
                          norm="l2")
    try:
        x = vec.fit_transform(docs + prev_docs)
    except ValueError:  # no usable words at all
        return []
    terms = np.asarray(vec.get_feature_names_out())
    xc, xp = x[: len(docs)], x[len(docs):]
    distance = np.clip(1.0 - (xc @ xc.T).toarray(), 0.0, 1.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1 - rules.similarity).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    kept = sorted((rows for rows in groups.values() if len(rows) >= rules.min_size), key=len, reverse=True)
    kept = kept[: rules.max_clusters]
    if not kept:
        return []
    centroids = np.vstack([np.asarray(xc[rows].mean(axis=0)).ravel() for rows in kept])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-12
    prev_counts = np.zeros(len(kept), dtype=int)
    if xp.shape[0]:
        sims = xp @ centroids.T
        best, best_sim = sims.argmax(axis=1), sims.max(axis=1)
        for b, s in zip(np.asarray(best).ravel(), np.asarray(best_sim).ravel(), strict=True):
            if s >= rules.similarity:
                prev_counts[b] += 1
    out = []
    for k, rows in enumerate(kept):
        centre = centroids[k]
        rep = rows[int(np.argmax(xc[rows] @ centre))]
        top = [str(terms[i]) for i in np.argsort(-centre)[: rules.keywords] if centre[i] > 0]
        size, prev = len(rows), int(prev_counts[k])
        out.append(Cluster(title=current[rep].title, representative_id=current[rep].id, keywords=top, size=size,
                           previous=prev, trend=trend_of(size, prev, rules.rise_ratio),
                           member_ids=[current[r].id for r in rows]))
    return out
