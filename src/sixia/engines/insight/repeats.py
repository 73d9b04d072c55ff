"""Repeated-petition detection (重复件): near-duplicate text and identity matching (pure; no Django).

A repeated item is **the same person + the same matter** (domain rules §4). This module gives the two halves:

* *same matter* — MinHash signatures of character shingles of the normalised text, bucketed by LSH bands.
  Signatures are datasketch ``affine32`` MinHashes (the permutations come from :class:`datasketch.MinHash`,
  so :meth:`Hasher.minhash` returns a real datasketch object that compares with any other of the same seed);
  the shingle hashing and the permutation step are vectorised with numpy so that one message costs tens of
  microseconds, not one Python call per shingle.
* *same person* — :func:`identity_match` compares opaque identity keys given by the caller (the blind
  indexes of ID number, phone, name + address); this module never sees a personal value.

:class:`RepeatIndex` is an in-memory band index (sorted numpy arrays, no per-item Python objects) for batch
work and benchmarks; the Django adapter stores the same band keys in a table instead.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

_DROP = re.compile(r"[\W_]+", re.UNICODE)  # whitespace, punctuation, symbols
_MASK32 = np.uint64(0xFFFFFFFF)


def normalise(text: str | None) -> str:
    """Text as compared for repeats: NFKC (full/half width), lower case, no whitespace or punctuation."""
    if not text:
        return ""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def exact_key(text: str | None) -> str:
    """A short digest of the normalised text: equal keys mean the same text up to spacing/width/punctuation."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class MinHashConfig:
    """Signature shape. ``num_perm = bands × rows``; the LSH S-curve threshold is about (1/bands)^(1/rows).

    The default (128 = 32 × 4, character 3-shingles) makes a pair with Jaccard 0.5 a candidate with
    probability 0.87 and one with 0.6 with 0.99; candidates are then checked on the full signature.
    """

    num_perm: int = 128
    bands: int = 32
    shingle: int = 3
    seed: int = 1

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError("num_perm must be a multiple of bands")

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    @property
    def version(self) -> str:
        return f"mh1-{self.num_perm}x{self.bands}-k{self.shingle}-s{self.seed}"


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3 finaliser on uint32 values (the pre-mix of datasketch's affine32 scheme)."""
    h = h.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def shingle_hashes(norm: str, k: int) -> np.ndarray:
    """32-bit hashes of the distinct k-character shingles of an already normalised string (vectorised)."""
    if not norm:
        return np.zeros(0, dtype=np.uint32)
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < k:
        k = len(codes)
    n = len(codes) - k + 1
    h = np.full(n, 2166136261, dtype=np.uint64)
    for i in range(k):  # FNV-style polynomial over the window, kept in 32 bits
        h = ((h ^ codes[i:i + n]) * np.uint64(16777619)) & _MASK32
    return np.unique(h.astype(np.uint32))


class Hasher:
    """Text → MinHash signature (uint32 array) → LSH band keys."""

    def __init__(self, config: MinHashConfig | None = None) -> None:
        self.config = config or MinHashConfig()
        a, b = _permutations(self.config.num_perm, self.config.seed)
        self._a, self._b = a, b

    def signature(self, text: str | None, *, normalised: bool = False) -> np.ndarray:
        norm = (text or "") if normalised else normalise(text)
        hv = shingle_hashes(norm, self.config.shingle)
        if not len(hv):
            return np.full(self.config.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        mixed = _fmix32(hv).reshape(-1, 1)
        return (mixed * self._a + self._b).min(axis=0).astype(np.uint32)

    def minhash(self, text: str | None):
        """The signature as a datasketch MinHash (for callers that use datasketch's own LSH classes)."""
        from datasketch import MinHash

        return MinHash(num_perm=self.config.num_perm, seed=self.config.seed, scheme="affine32",
                       hashvalues=self.signature(text))

    def band_keys(self, signature: np.ndarray) -> list[int]:
        return band_keys(signature.reshape(1, -1), self.config.bands)[0].tolist()


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def band_keys(signatures: np.ndarray, bands: int) -> np.ndarray:
    """(n, num_perm) uint32 signatures → (n, bands) int64 keys; the band number is mixed in, so one key
    column in a database can hold every band. Keys are positive 63-bit integers (fit a BIGINT)."""
    n, num_perm = signatures.shape
    rows = num_perm // bands
    sig = signatures.astype(np.uint64).reshape(n, bands, rows)
    h = np.full((n, bands), 1469598103934665603, dtype=np.uint64)
    h ^= np.arange(bands, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15)
    for i in range(rows):
        h = (h ^ sig[:, :, i]) * np.uint64(1099511628211)
        h ^= h >> np.uint64(29)
    return (h >> np.uint64(1)).astype(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(raw: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<u4").astype(np.uint32)


def title_similarity(a: str | None, b: str | None) -> float:
    """Exact Jaccard similarity of the character bigrams of two normalised titles.

    Used only for the few candidates already matched by identity: the same person often rewrites the whole
    message but names the matter with nearly the same words in the title.
    """
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    sa = {na[i:i + 2] for i in range(max(1, len(na) - 1))}
    sb = {nb[i:i + 2] for i in range(max(1, len(nb) - 1))}
    return len(sa & sb) / len(sa | sb)


# ---- identity ----


def identity_match(query_keys: Iterable[str], case_keys: Iterable[str]) -> bool:
    """Same person: at least one identity key in common (keys are opaque, e.g. ``id:<blind index>``)."""
    q = {k for k in query_keys if k}
    return bool(q) and not q.isdisjoint(k for k in case_keys if k)


# ---- candidates ----


@dataclass(frozen=True)
class Candidate:
    """``similarity``: MinHash estimate on title + content. For the same person the matter similarity is
    the larger of it and the title similarity (see :func:`title_similarity`)."""

    key: int
    similarity: float
    identity_match: bool = False
    exact: bool = False
    title_similarity: float = 0.0

    @property
    def score(self) -> float:
        if self.exact:
            return 1.0
        return max(self.similarity, self.title_similarity) if self.identity_match else self.similarity


@dataclass(frozen=True)
class RepeatRules:
    """Thresholds (data: the adapter reads them from a settings row).

    ``min_similarity``: a text match on its own; ``identity_min_similarity``: enough when the same person
    wrote it (a rewritten complaint about the same matter shares less text); ``repeat_similarity``: with
    the same person, a candidate at or above this is proposed as a 重复件.
    """

    min_similarity: float = 0.5
    identity_min_similarity: float = 0.25
    repeat_similarity: float = 0.3
    limit: int = 20


def rank(candidates: Iterable[Candidate], rules: RepeatRules) -> list[Candidate]:
    kept = [c for c in candidates if c.exact or c.score >= (
        rules.identity_min_similarity if c.identity_match else rules.min_similarity)]
    kept.sort(key=lambda c: (c.exact, is_repeat(c, rules), c.score), reverse=True)
    return kept[: rules.limit]


def is_repeat(c: Candidate, rules: RepeatRules) -> bool:
    """Same person + same matter (the practice rule for 重复件)."""
    return c.identity_match and c.score >= rules.repeat_similarity


# ---- in-memory index ----


@dataclass
class RepeatIndex:
    """A band index over many signatures: sorted int64 keys per band, searched with ``searchsorted``.

    Memory per message: ``num_perm × 4`` bytes of signature + ``bands × 12`` bytes of keys and order.
    Add in batches with :meth:`add`, then :meth:`query`; adding after a query re-sorts lazily.
    """

    hasher: Hasher = field(default_factory=Hasher)
    _ids: list[np.ndarray] = field(default_factory=list)
    _sigs: list[np.ndarray] = field(default_factory=list)
    _built: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, ids: Sequence[int] | np.ndarray, signatures: np.ndarray) -> None:
        if len(ids) != len(signatures):
            raise ValueError("ids and signatures differ in length")
        self._ids.append(np.asarray(ids, dtype=np.int64))
        self._sigs.append(np.asarray(signatures, dtype=np.uint32).reshape(len(ids), -1))
        self._built = None

    def add_texts(self, ids: Sequence[int], texts: Iterable[str]) -> None:
        self.add(ids, np.stack([self.hasher.signature(t) for t in texts]))

    def __len__(self) -> int:
        return sum(len(i) for i in self._ids)

    def build(self) -> None:
        if self._built is not None:
            return
        bands = self.hasher.config.bands
        if not self._ids:
            empty = np.zeros((0, bands), dtype=np.int64)
            self._built = (np.zeros(0, np.int64), np.zeros((0, self.hasher.config.num_perm), np.uint32),
                           empty, empty.astype(np.int32))
            return
        ids, sigs = np.concatenate(self._ids), np.concatenate(self._sigs)
        self._ids, self._sigs = [ids], [sigs]
        n, step = len(ids), 65536
        keys = np.empty((n, bands), dtype=np.int64)
        for start in range(0, n, step):  # in slices: the uint64 widening of a whole signature matrix is large
            keys[start:start + step] = band_keys(sigs[start:start + step], bands)
        sorted_keys = np.empty((bands, n), dtype=np.int64)
        order = np.empty((bands, n), dtype=np.int32)
        for band in range(bands):
            col = keys[:, band]
            o = np.argsort(col, kind="stable")
            order[band] = o
            sorted_keys[band] = col[o]
        del keys
        self._built = (ids, sigs, sorted_keys, order)

    def candidates(self, signature: np.ndarray) -> np.ndarray:
        """Row numbers sharing at least one band with the signature."""
        self.build()
        assert self._built is not None
        _, _, sorted_keys, order = self._built
        qkeys = band_keys(signature.reshape(1, -1), self.hasher.config.bands)[0]
        rows: list[np.ndarray] = []
        for band, key in enumerate(qkeys):
            col = sorted_keys[band]
            lo = np.searchsorted(col, key, side="left")
            hi = np.searchsorted(col, key, side="right")
            if hi > lo:
                rows.append(order[band, lo:hi])
        return np.unique(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int32)

    def query(self, signature: np.ndarray, *, min_similarity: float = 0.5,
              exclude: int | None = None) -> list[tuple[int, float]]:
        """(id, estimated similarity) of indexed messages at or above ``min_similarity``, best first."""
        rows = self.candidates(signature)
        if not len(rows):
            return []
        assert self._built is not None
        ids, sigs, _, _ = self._built
        sims = (sigs[rows] == signature[None, :]).mean(axis=1)
        keep = sims >= min_similarity
        out = [(int(i), float(s)) for i, s in zip(ids[rows][keep], sims[keep], strict=True) if i != exclude]
        out.sort(key=lambda t: -t[1])
        return out


# ---- flags: 越级 and 三多 ----


@dataclass(frozen=True)
class OverLevelRule:
    """越级: filed with a body above the competent level. Levels are 1 province … 5 village.

    The competent level of a matter is its own region's level, but never below ``competent_level`` (by
    default the county, 属地管理、分级负责: county bodies handle township and village matters). A case
    received by a body whose region level is *above* (numerically smaller than) that is 越级.
    """

    competent_level: int = 3


def is_over_level(*, matter_level: int, receiver_level: int | None, rule: OverLevelRule | None = None) -> bool:
    if receiver_level is None:
        return False
    rule = rule or OverLevelRule()
    return receiver_level < min(matter_level, rule.competent_level)


@dataclass(frozen=True)
class Filing:
    """One earlier filing of the same person + matter: when, at which level, with which receiving body."""

    year: int
    level: int | None
    body: int | str | None


@dataclass(frozen=True)
class ThreeManyRule:
    """三多 = 多年、多层、多头: at least ``years`` distinct years, ``levels`` distinct levels, ``bodies``
    distinct receiving bodies among the filings of one person about one matter."""

    years: int = 2
    levels: int = 2
    bodies: int = 2


@dataclass(frozen=True)
class ThreeMany:
    multi_year: bool
    multi_level: bool
    multi_body: bool

    @property
    def any(self) -> bool:
        return self.multi_year or self.multi_level or self.multi_body

    def as_dict(self) -> dict:
        return {"multi_year": self.multi_year, "multi_level": self.multi_level, "multi_body": self.multi_body,
                "three_many": self.any}


def three_many(filings: Iterable[Filing], rule: ThreeManyRule | None = None) -> ThreeMany:
    rule = rule or ThreeManyRule()
    items = list(filings)
    years = {f.year for f in items}
    levels = {f.level for f in items if f.level is not None}
    bodies = {f.body for f in items if f.body is not None}
    return ThreeMany(len(years) >= rule.years, len(levels) >= rule.levels, len(bodies) >= rule.bodies)
