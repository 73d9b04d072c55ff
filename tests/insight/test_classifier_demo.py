"""The demo hook and ``sixia insight train``: a model from the cases in the database, saved under VAR_DIR."""

import json

import pytest
from django.core.management import call_command

from sixia.cases.services import create_case
from sixia.insight import classify, demo

CASES = [("urban.housing", "小区电梯长期停运无人维修"), ("transport.roads", "村道路面破损"),
         ("education.school", "学校周边交通拥堵存在安全隐患")]


@pytest.fixture
def cases(owner, settings, tmp_path):
    settings.MODELS_DIR = tmp_path / "models"
    for code, title in CASES * 3:
        create_case(actor=owner, channel="visit", petition_class="appeal", title=title,
                    content=f"群众反映：{title}，请求尽快处理。", region_code="350921101", category=code)


def test_the_demo_hook_trains_a_model_that_suggests(cases):
    demo.populate(None)
    path = classify.current_model_path()
    assert path is not None and path.name.startswith("insight-classifier-")
    s = classify.suggest(title="电梯又坏了", content="小区电梯停运")
    assert s.category[0]["code"] == "urban.housing"
    assert s.model_version == classify.current_model().version


def test_train_from_db_command_writes_a_versioned_file(cases, capsys):
    call_command("insight", "train", "--from-db")
    out = json.loads(capsys.readouterr().out)
    assert out["samples"]["category"] == {"urban.housing": 3, "transport.roads": 3, "education.school": 3}
    assert classify.current_model_path().name == out["path"].rsplit("/", 1)[-1]


def test_train_and_bench_from_csv(settings, tmp_path, capsys, db):
    settings.MODELS_DIR = tmp_path / "models"
    train_csv = tmp_path / "train.csv"
    test_csv = tmp_path / "test.csv"
    rows = [("小区 电梯 停运 物业 维修", "城乡建设"), ("学校 学费 老师 学生", "教育文体"), ("道路 路面 公交 红绿灯", "交通运输")]
    train_csv.write_text("text,label\n" + "".join(f"{t} {i},{lab}\n" for i in range(5) for t, lab in rows),
                         encoding="utf-8")
    test_csv.write_text("id,title,body,label\n1,电梯坏了,小区电梯停运没人维修。,城乡建设\n"
                        "2,学费太贵,学校又涨学费了。,教育文体\n3,红绿灯,路口红绿灯坏了。,交通运输\n", encoding="utf-8")
    call_command("insight", "bench-classify", "--train", str(train_csv), "--test", str(test_csv))
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"macro_f1", "accuracy", "per_class", "train_seconds", "ms_per_message", "model_bytes"} <= set(result)
    assert result["accuracy"] == 1.0 and result["per_class"]["城乡建设"]["support"] == 1
    call_command("insight", "train", "--csv", str(train_csv))
    assert json.loads(capsys.readouterr().out)["samples"]["category"]["教育文体"] == 5
