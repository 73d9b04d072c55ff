"""Classifier benchmark on the Teddy Cup 2020 messages (read from ../shared, never copied into the repository).

    nice .tools/bin/uv run python bench/insight_classify.py [--data ../shared/data/teddycup2020] [--estimator ridge|svm] [--alpha 1.0] [--c 0.5]

Prints one JSON line per evaluation (the engine only, no Django):

* ``dev``  — trained on all of ``train.csv``, tested on ``dev.csv`` (raw, harder; never trained on). The same
  number as ``sixia insight bench-classify --train train.csv --test dev.csv``.
* ``heldout_raw`` — raw messages of the same source: rows of ``messages_votes.csv`` / ``messages_replies.csv``
  whose text is one of ``train.csv``'s messages (character 4-gram overlap ≥ 0.3 of the raw message; the label
  is that row's). Every ``train.csv`` row that overlaps one of them by ≥ 0.2 is removed from training.
* ``heldout_split`` — a 10 % random split of ``train.csv`` (seed 0) with near-duplicates (same first 30
  characters) removed from training; the held-out text is de-segmented, so the pipeline re-cuts it as raw
  text (its stop words stay missing: it is the corpus's own cleaned form).

All timings are CPU seconds of this process on one core (threadpoolctl limit 1), so a busy shared machine
does not inflate them; ``ms_per_message`` includes normalisation and segmentation.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from threadpoolctl import threadpool_limits

from sixia.engines.insight.classifier import Document, Params, TextClassifier, train

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "teddycup2020"


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def scores(clf: TextClassifier, docs: list[Document], labels: list[str]) -> dict:
    started = time.process_time()
    predicted = clf.predict(docs)
    ms = (time.process_time() - started) * 1000 / max(1, len(docs))
    classes = sorted(set(labels))
    p, r, f, n = precision_recall_fscore_support(labels, predicted, labels=classes, zero_division=0)
    return {"macro_f1": round(float(f1_score(labels, predicted, labels=classes, average="macro")), 4),
            "accuracy": round(float(accuracy_score(labels, predicted)), 4),
            "per_class": {c: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                              "f1": round(float(f[i]), 3), "support": int(n[i])} for i, c in enumerate(classes)},
            "ms_per_message": round(ms, 3), "n_test": len(docs)}


def confidence(clf: TextClassifier, rows: list[dict]) -> dict:
    """How the top probability relates to being right: coverage and accuracy at each auto-dispatch threshold."""
    import numpy as np

    probs = clf.predict_proba([Document(title=r["title"], body=r["body"]) for r in rows])
    top = probs.max(axis=1)
    right = np.asarray([clf.classes[i] for i in probs.argmax(axis=1)]) == np.asarray([r["label"] for r in rows])
    out = {}
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        sel = top >= t
        out[str(t)] = {"coverage": round(float(sel.mean()), 3),
                       "accuracy": round(float(right[sel].mean()), 3) if sel.any() else None}
    return {"thresholds": out, "mean_top_probability": round(float(top.mean()), 3),
            "accuracy": round(float(right.mean()), 3)}


def raw_copies(train_rows: list[dict], raw_rows: list[tuple[str, str]]) -> tuple[list[tuple[str, str, str]], set[int]]:
    """Raw messages that are copies of train rows (with those rows' labels) and the train rows to exclude."""
    grams: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(train_rows):
        s = "".join(row["text"].split())[:200]
        for k in range(len(s) - 3):
            grams[s[k:k + 4]].add(i)
    found: list[tuple[str, str, str]] = []
    exclude: set[int] = set()
    seen: set[str] = set()
    for title, body in raw_rows:
        s = re.sub(r"\W", "", title + body)[:200]
        g = {s[k:k + 4] for k in range(len(s) - 3)}
        hits: Counter[int] = Counter()
        for x in g:
            if len(grams.get(x, ())) < 50:
                hits.update(grams[x])
        if not hits:
            continue
        n = max(1, len(g))
        exclude.update(i for i, v in hits.items() if v / n >= 0.2)
        best, count = hits.most_common(1)[0]
        key = re.sub(r"\W", "", body)[:100]
        if count / n >= 0.3 and key not in seen:
            seen.add(key)
            found.append((title, body, train_rows[best]["label"]))
    return found, exclude


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--estimator", choices=["ridge", "svm"], default=Params().estimator)
    parser.add_argument("--alpha", type=float, default=Params().alpha)
    parser.add_argument("--c", type=float, default=Params().c)
    parser.add_argument("--title-weight", type=int, default=Params().title_weight)
    parser.add_argument("--only", choices=["dev", "heldout", "cv"], default=None)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    params = Params(**{**Params().__dict__, "estimator": args.estimator, "alpha": args.alpha, "c": args.c, "title_weight": args.title_weight})

    train_rows = read(args.data / "train.csv")
    dev_rows = read(args.data / "dev.csv")
    segmented = [Document(body=r["text"], segmented=True) for r in train_rows]
    labels = [r["label"] for r in train_rows]

    with threadpool_limits(1):
        if args.only in (None, "dev"):
            started = time.process_time()
            model = train({"category": (segmented, labels)}, params=params)
            seconds = time.process_time() - started
            with tempfile.TemporaryDirectory() as tmp:
                size = model.save(Path(tmp) / "m.joblib")
            clf = model.heads["category"]
            dev = scores(clf, [Document(title=r["title"], body=r["body"]) for r in dev_rows],
                         [r["label"] for r in dev_rows])
            print(json.dumps({"eval": "dev", **dev, "train_seconds": round(seconds, 2), "model_bytes": size,
                              "n_train": len(labels)}, ensure_ascii=False), flush=True)
            print(json.dumps({"eval": "dev_confidence", **confidence(clf, dev_rows)}, ensure_ascii=False), flush=True)
        if args.only in (None, "heldout"):
            raw = [(r["留言主题"], r["留言详情"]) for name in ("messages_votes.csv", "messages_replies.csv")
                   for r in read(args.data / name)]
            copies, exclude = raw_copies(train_rows, raw)
            rng = random.Random(0)
            candidates = [i for i in range(len(train_rows)) if i not in exclude]
            held = sorted(rng.sample(candidates, len(candidates) // 10))
            held_keys = {"".join(train_rows[i]["text"].split())[:30] for i in held}
            held_set = set(held)
            keep = [i for i in candidates
                    if i not in held_set and "".join(train_rows[i]["text"].split())[:30] not in held_keys]
            started = time.process_time()
            clf = TextClassifier(params).fit([segmented[i] for i in keep], [labels[i] for i in keep])
            seconds = time.process_time() - started
            raw_eval = scores(clf, [Document(title=t, body=b) for t, b, _ in copies], [lab for *_, lab in copies])
            print(json.dumps({"eval": "heldout_raw", **raw_eval, "train_seconds": round(seconds, 2),
                              "n_train": len(keep), "excluded_from_train": len(exclude)}, ensure_ascii=False),
                  flush=True)
            split = scores(clf, [segmented[i] for i in held], [labels[i] for i in held])
            print(json.dumps({"eval": "heldout_split", **split, "n_train": len(keep)}, ensure_ascii=False),
                  flush=True)
        if args.only in (None, "cv"):
            print(json.dumps({"eval": "heldout_cv", **cross_validate(params, train_rows, segmented, labels,
                                                                     args.folds)}, ensure_ascii=False), flush=True)


def cross_validate(params: Params, train_rows: list[dict], docs: list[Document], labels: list[str],
                   folds: int) -> dict:
    """Stratified k-fold over all of ``train.csv`` (seed 0): every row is held out once, so the mean is far
    less noisy than one 10 % split. Near-duplicates of a held-out row (same first 30 characters) are removed
    from that fold's training rows."""
    from sklearn.model_selection import StratifiedKFold

    keys = ["".join(r["text"].split())[:30] for r in train_rows]
    per_fold = []
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=0).split(docs, labels):
        held = {keys[i] for i in test_idx}
        keep = [i for i in train_idx if keys[i] not in held]
        clf = TextClassifier(params).fit([docs[i] for i in keep], [labels[i] for i in keep])
        predicted = clf.predict([docs[i] for i in test_idx])
        per_fold.append(float(f1_score([labels[i] for i in test_idx], predicted, average="macro")))
    mean = sum(per_fold) / len(per_fold)
    sd = (sum((f - mean) ** 2 for f in per_fold) / len(per_fold)) ** 0.5
    return {"macro_f1": round(mean, 4), "sd": round(sd, 4), "per_fold": [round(f, 4) for f in per_fold],
            "folds": folds}


if __name__ == "__main__":
    main()
