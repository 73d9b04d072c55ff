"""The classifier engine on a tiny synthetic corpus: it learns, its probabilities sum to one, it round-trips."""

import numpy as np
import pytest

from sixia.engines.insight.classifier import Document, Model, Params, TextClassifier, train

TOPICS = {
    "water": ["停水", "自来水", "水压", "水管破裂", "供水"],
    "school": ["学校", "老师", "学生", "招生", "学费"],
    "roads": ["道路", "路面", "坑洼", "红绿灯", "公交"],
}


def corpus(n: int = 12) -> tuple[list[Document], list[str]]:
    docs, labels = [], []
    for label, words in TOPICS.items():
        for i in range(n):
            picked = [words[(i + j) % len(words)] for j in range(3)]
            docs.append(Document(title=f"{picked[0]}问题", body=f"我们小区{picked[1]}，{picked[2]}，请尽快处理。"))
            labels.append(label)
    return docs, labels


def test_it_learns_and_predicts():
    docs, labels = corpus()
    clf = TextClassifier().fit(docs, labels)
    assert clf.predict([Document(title="又停水了", body="自来水停了两天，水压也低")]) == ["water"]
    assert clf.predict([Document(body="学校乱收学费，老师不管")]) == ["school"]
    assert clf.predict([Document(body="路面坑洼 红绿灯 坏 了", segmented=True)]) == ["roads"]


def test_probabilities_sum_to_one_and_rank_like_the_prediction():
    docs, labels = corpus()
    clf = TextClassifier().fit(docs, labels)
    probs = clf.predict_proba([Document(body="供水水管破裂"), Document(body="招生不公平")])
    assert probs.shape == (2, 3)
    assert probs.sum(axis=1) == pytest.approx([1.0, 1.0])
    top = clf.top(Document(body="供水水管破裂"), k=2)
    assert len(top) == 2 and top[0][0] == "water" and top[0][1] >= top[1][1]


def test_pre_segmented_training_text_serves_raw_messages():
    _docs, labels = corpus()
    segmented = [Document(body=" ".join(["小区"] + [w for w in TOPICS[lab]]), segmented=True)
                 for lab in labels]
    clf = TextClassifier().fit(segmented, labels)
    assert clf.predict([Document(title="公交站", body="这条道路的红绿灯坏了")]) == ["roads"]


def test_it_refuses_a_single_class():
    with pytest.raises(ValueError):
        TextClassifier().fit([Document(body="停水")] * 3, ["water"] * 3)


def test_self_training_adds_confident_unlabelled_messages():
    docs, labels = corpus()
    unlabelled = [Document(body="自来水停水 供水 水压"), Document(body="学校 学生 招生 老师")]
    clf = TextClassifier(Params(self_training_margin=0.1)).fit(docs, labels, unlabelled=unlabelled)
    assert clf.n_self_trained >= 1


def test_the_model_file_round_trips_with_metadata(tmp_path):
    docs, labels = corpus()
    model = train({"category": (docs, labels), "unit": (docs, ["1", "2", "3"] * 12)}, source="test")
    path = tmp_path / "m.joblib"
    size = model.save(path)
    assert size == path.stat().st_size > 0
    loaded = Model.load(path)
    assert loaded.version == model.version
    assert loaded.meta["classes"]["category"] == ["roads", "school", "water"]
    assert loaded.meta["samples"]["category"] == {"water": 12, "school": 12, "roads": 12}
    doc = Document(body="停水三天了")
    assert loaded.suggest("category", doc) == model.suggest("category", doc)
    assert loaded.suggest("missing", doc) == []


def test_it_refuses_a_file_that_is_not_a_model(tmp_path):
    import joblib

    joblib.dump({"format": "other"}, tmp_path / "x.joblib")
    with pytest.raises(ValueError):
        Model.load(tmp_path / "x.joblib")


def test_estimator_choice_is_a_parameter_and_unknown_ones_are_refused():
    """Rules are data: the linear model is chosen by Params, and a typo fails loudly instead of silently
    falling back."""
    docs = [Document(title=t, body=b) for t, b in [("路灯坏了", "小区路灯不亮"), ("公交线路", "公交车太少"),
                                                   ("路灯维修", "路灯一直不亮"), ("公交改线", "公交站太远")]]
    labels = ["urban", "transport", "urban", "transport"]
    for estimator in ("ridge", "svm"):
        clf = TextClassifier(Params(estimator=estimator)).fit(docs, labels)
        assert clf.predict([Document(title="路灯", body="路灯不亮")]) == ["urban"]
        assert type(clf.svm).__name__ == {"ridge": "RidgeClassifier", "svm": "LinearSVC"}[estimator]
    with pytest.raises(ValueError, match="unknown estimator"):
        TextClassifier(Params(estimator="forest")).fit(docs, labels)


def test_coefficients_are_stored_so_scoring_does_not_copy_them():
    """``X @ coef_.T`` copies a non-C-contiguous operand on every call (5 ms per message at 600k features):
    the fitted coefficients must be column-major for both estimators."""
    docs = [Document(title=t) for t in ("路灯坏了", "公交太少", "路灯不亮", "公交改线", "学校收费")]
    labels = ["urban", "transport", "urban", "transport", "education"]
    for estimator in ("ridge", "svm"):
        clf = TextClassifier(Params(estimator=estimator)).fit(docs, labels)
        assert clf.svm is not None and clf.svm.coef_.T.flags["C_CONTIGUOUS"]


@pytest.mark.parametrize(("estimator", "char_ngrams"), [("ridge", (1, 3)), ("svm", (1, 3)), ("ridge", (2, 4))])
def test_one_message_is_scored_exactly_as_in_a_batch(estimator, char_ngrams):
    """One message (the intake/API path) skips scikit-learn's transform; its probabilities must equal the batch
    path's — same TF-IDF, same unknown-word handling, same binary expansion."""
    docs, labels = corpus()
    probes = [Document(title="又停水了", body="自来水停了两天，水压也低。供水公司不管！"),
              Document(body="学校乱收学费，老师不管  ABC  123456"), Document(body="路面 坑洼 红绿灯", segmented=True),
              Document(body="完全陌生的话题"), Document(body="水"), Document()]
    for train_docs, train_labels in ((docs, labels), (docs[:24], labels[:24])):  # three classes, then two
        clf = TextClassifier(Params(estimator=estimator, char_ngrams=char_ngrams)).fit(train_docs, train_labels)
        batch = clf.predict_proba(probes)
        one_by_one = [clf.predict_proba([doc])[0] for doc in probes]
        assert np.allclose(batch, np.vstack(one_by_one), rtol=0, atol=1e-6)
        assert clf.predict(probes) == [clf.predict([doc])[0] for doc in probes]


def test_the_single_message_scorer_is_not_saved_and_is_rebuilt_after_loading(tmp_path):
    docs, labels = corpus()
    model = train({"category": (docs, labels)})
    probe = Document(title="停水", body="自来水停了")
    before = model.suggest("category", probe)
    assert model.heads["category"]._single is not None  # built by the call above
    model.save(tmp_path / "m.joblib")
    loaded = Model.load(tmp_path / "m.joblib")
    assert loaded.heads["category"]._single is None
    after = loaded.suggest("category", probe)
    assert [name for name, _ in after] == [name for name, _ in before]
    assert [p for _, p in after] == pytest.approx([p for _, p in before])
