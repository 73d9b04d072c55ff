"""``sixia insight train`` and ``sixia insight bench-classify``: the classifier from the command line.

* ``sixia insight train --csv FILE`` (``label`` + ``text``, or ``title`` + ``body``) or ``--from-db`` (cases
  whose category / unit people set or confirmed) writes ``VAR_DIR/models/insight-classifier-<version>.joblib``.
* ``sixia insight bench-classify --train TRAIN.csv --test TEST.csv`` trains in memory on TRAIN only, scores TEST
  and prints one JSON line: macro_f1, accuracy, per_class, train_seconds, ms_per_message, model_bytes.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sixia.engines.insight.classifier import Document, Model, Params, train
from sixia.insight import classify


def _params(options) -> Params:
    base = Params()
    return Params(**{**base.__dict__, "estimator": options.get("estimator") or base.estimator,
                     "alpha": options.get("alpha") or base.alpha, "c": options.get("c") or base.c,
                     "title_weight": options.get("title_weight") or base.title_weight,
                     "self_training_margin": options.get("self_training")})


def _unlabelled(paths: list[str]) -> list[Document]:
    import csv

    docs: list[Document] = []
    for path in paths or []:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                title = row.get("title") or row.get("留言主题") or ""
                body = row.get("body") or row.get("content") or row.get("留言详情") or row.get("text") or ""
                if title or body:
                    docs.append(Document(title=title, body=body))
    return docs


class Command(BaseCommand):
    help = "智能分类：训练与评测 (classifier: train, bench-classify)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        tr = sub.add_parser("train", help="train and save a model under VAR_DIR/models")
        source = tr.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", help="labelled CSV (label + text, or title + body)")
        source.add_argument("--from-db", action="store_true", help="cases whose category/unit people set")
        tr.add_argument("--label-column", default="label")
        bench = sub.add_parser("bench-classify", help="train on TRAIN, score TEST, print one JSON line")
        bench.add_argument("--train", required=True)
        bench.add_argument("--test", required=True)
        bench.add_argument("--label-column", default="label")
        for p in (tr, bench):
            p.add_argument("--estimator", choices=["ridge", "svm"], default=None,
                           help="linear model: ridge (default) or svm")
            p.add_argument("--alpha", type=float, default=None, help="ridge regularisation alpha")
            p.add_argument("--c", type=float, default=None, help="SVM regularisation C")
            p.add_argument("--title-weight", type=int, default=None)
            p.add_argument("--unlabelled", action="append", default=[],
                           help="CSV of unlabelled messages for self-training (repeatable)")
            p.add_argument("--self-training", type=float, default=None,
                           help="score margin above which unlabelled messages are pseudo-labelled")

    def handle(self, *args, sub: str, **options) -> None:
        if sub == "train":
            self._train(options)
        else:
            self._bench(options)

    def _train(self, options) -> None:
        params = _params(options)
        if options["from_db"]:
            model = classify.train_from_db(params=params)
            if model is None:
                raise CommandError("没有足够的人工分类案件（至少两类）(need cases of at least two categories)")
        else:
            docs, labels = self._read(options["csv"], options["label_column"])
            model = train({"category": (docs, labels)}, params=params, unlabelled=_unlabelled(options["unlabelled"]),
                          source=str(options["csv"]))
        path = classify.save_model(model)
        self.stdout.write(json.dumps({"path": str(path), "version": model.version, "bytes": model.meta["bytes"],
                                      "samples": model.meta["samples"],
                                      "train_seconds": model.meta["train_seconds"]}, ensure_ascii=False))

    def _read(self, path: str, label_column: str) -> tuple[list[Document], list[str]]:
        if not Path(path).is_file():
            raise CommandError(f"文件不存在 (no such file): {path}")
        docs, labels = classify.read_labelled_csv(path, label_column=label_column)
        if len(set(labels)) < 2:
            raise CommandError(f"{path}: 至少需要两类已标注样本 (need labelled rows of at least two classes)")
        return docs, labels

    def _bench(self, options) -> None:
        from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
        from threadpoolctl import threadpool_limits

        train_docs, train_labels = self._read(options["train"], options["label_column"])
        test_docs, test_labels = self._read(options["test"], options["label_column"])
        # Timings are CPU seconds of this process on one core (BLAS limited to one thread), so that other work
        # on a shared machine does not inflate them; wall-clock numbers are printed alongside.
        with threadpool_limits(1):
            cpu, wall = time.process_time(), time.perf_counter()
            model = train({"category": (train_docs, train_labels)}, params=_params(options),
                          unlabelled=_unlabelled(options["unlabelled"]), source=str(options["train"]))
            train_seconds, train_wall = time.process_time() - cpu, time.perf_counter() - wall
            clf = model.heads["category"]
            clf.predict(test_docs[:5])  # warm up the segmenter's dictionary
            cpu, wall = time.process_time(), time.perf_counter()
            predicted = clf.predict(test_docs)
            n = max(1, len(test_docs))
            ms_batch, ms_batch_wall = (time.process_time() - cpu) * 1000 / n, (time.perf_counter() - wall) * 1000 / n
            with tempfile.TemporaryDirectory() as tmp:
                size = model.save(Path(tmp) / "model.joblib")
                loaded = Model.load(Path(tmp) / "model.joblib").heads["category"]
            # One message at a time on the model as the app holds it: loaded from its file, scorer built once.
            if test_docs:
                loaded.top(test_docs[0], 3)
            cpu = time.process_time()
            for doc in test_docs:
                loaded.top(doc, 3)
            ms_single = (time.process_time() - cpu) * 1000 / n
        classes = sorted(set(test_labels) | set(train_labels))
        p, r, f, n = precision_recall_fscore_support(test_labels, predicted, labels=classes, zero_division=0)
        per_class = {c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                         "f1": round(float(f[i]), 4), "support": int(n[i])} for i, c in enumerate(classes)}
        self.stdout.write(json.dumps({
            "macro_f1": round(float(f1_score(test_labels, predicted, labels=sorted(set(test_labels)),
                                             average="macro", zero_division=0)), 4),
            "accuracy": round(float(accuracy_score(test_labels, predicted)), 4),
            "per_class": per_class,
            "train_seconds": round(train_seconds, 2),
            "ms_per_message": round(ms_batch, 3),
            "ms_single_message": round(ms_single, 3),
            "wall": {"train_seconds": round(train_wall, 2), "ms_per_message": round(ms_batch_wall, 3)},
            "model_bytes": size,
            "n_train": len(train_docs), "n_test": len(test_docs),
            "self_trained": clf.n_self_trained,
        }, ensure_ascii=False))
