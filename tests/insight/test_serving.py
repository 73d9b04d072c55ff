"""The classifier as served (issue 17): compact float32 files, memory-mapped, numpy alone — the same suggestions as
the trained model, and no scikit-learn, scipy or joblib in a process that only serves."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sixia.engines.insight import serving
from sixia.engines.insight.classifier import Params, train
from tests.insight.test_classifier import corpus

PROBES = ["又停水了，自来水停了两天，水压也低", "学校乱收学费，老师不管  ABC  123456", "路面坑洼红绿灯坏了", "完全陌生的话题", "水", ""]


@pytest.mark.parametrize(("estimator", "char_ngrams"), [("ridge", (1, 3)), ("svm", (1, 3)), ("ridge", (0, 0))])
def test_served_probabilities_equal_the_trained_model(tmp_path, estimator, char_ngrams):
    from sixia.engines.insight.classifier import Document

    docs, labels = corpus()
    for train_docs, train_labels in ((docs, labels), (docs[:24], labels[:24])):  # three classes, then two
        model = train({"category": (train_docs, train_labels)},
                      params=Params(estimator=estimator, char_ngrams=char_ngrams))
        served = serving.load(serving.export(model, tmp_path / f"{estimator}-{len(train_docs)}.serving"))
        assert served.version == model.version and set(served.heads) == {"category"}
        assert isinstance(served.heads["category"].weights, np.memmap)
        assert served.heads["category"].weights.dtype == np.float32
        for text in PROBES:
            doc = Document(body=text)
            expected, got = model.suggest("category", doc, 3), served.suggest("category", doc, 3)
            assert [c for c, _ in got] == [c for c, _ in expected]
            assert np.allclose([p for _, p in got], [p for _, p in expected], rtol=0, atol=1e-5)


def test_a_term_longer_than_every_vocabulary_entry_is_unknown(tmp_path):
    docs, labels = corpus()
    served = serving.load(serving.export(train({"category": (docs, labels)}), tmp_path / "m.serving"))
    head = served.heads["category"]
    width = head.words.terms.dtype.itemsize // 4
    known = str(head.words.terms[0])
    cols = head.words.columns([known, known + "x" * width, "从未见过"])
    assert cols[0] == head.words.cols[0] and list(cols[1:]) == [-1, -1]


def test_suggesting_loads_no_scikit_learn(tmp_path):
    """A process that serves (the URLs imported, the saved model loaded and asked) never imports
    scikit-learn, scipy or joblib: they are for training only (``python -X importtime`` found them at URL load)."""
    docs, labels = corpus()
    from sixia.insight import classify

    model = train({"category": (docs, labels)})
    code = f"""
import os, sys
os.environ["SIXIA_VAR_DIR"] = {str(tmp_path)!r}
import django
django.setup()
from django.test.utils import override_settings
from django.urls import get_resolver
from sixia.engines.insight.classifier import Document
from sixia.insight import classify
get_resolver().url_patterns
with override_settings(MODELS_DIR={str(tmp_path / "models")!r}):
    model = classify.current_model()
    assert model.suggest("category", Document(title="停水", body="自来水停了两天"))
print(sorted(m for m in ("sklearn", "scipy", "joblib") if m in sys.modules))
"""
    from django.test.utils import override_settings

    with override_settings(MODELS_DIR=tmp_path / "models"):
        classify.save_model(model)
    assert (tmp_path / "models" / f"insight-classifier-{model.version}.serving" / serving.MANIFEST).exists()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0 and out.stdout.strip().splitlines()[-1] == "[]", out.stderr[-1500:]
