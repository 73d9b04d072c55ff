"""The text pipeline: the same normalisation for raw and pre-segmented text."""

from sixia.engines.insight import text


def test_it_folds_full_width_forms_to_half_width():
    assert text.normalise("ＡＢＣ　１２") == "abc 12"
    assert text.normalise("，！？") == ",!?"


def test_it_strips_markup_entities_and_whitespace_noise():
    raw = "<p>小区&nbsp;电梯</p>\n\t\t坏了&amp;停运<br/>  "
    assert text.normalise(raw) == "小区 电梯 坏了&停运"


def test_it_folds_long_digit_runs_but_keeps_short_ones():
    assert text.normalise("电话13900001111，A1区") == "电话0,a1区"


def test_pre_segmented_text_is_split_not_recut():
    assert text.tokens("A1 区 蔡锷 南路 水箱", segmented=True) == ["a1", "区", "蔡锷", "南路", "水箱"]


def test_raw_text_is_segmented_and_punctuation_dropped():
    words = text.tokens("小区电梯坏了！请尽快维修。")
    assert "电梯" in words and "维修" in words
    assert "！" not in words and "!" not in words and "。" not in words


def test_desegment_joins_chinese_words_and_keeps_latin_spaces():
    assert text.desegment("小区 电梯 hello world 坏 了") == "小区电梯hello world坏了"


def test_raw_and_desegmented_text_give_the_same_words():
    assert text.tokens(text.desegment("小区 电梯 坏 了")) == text.tokens("小区电梯坏了")


def test_it_tells_segmented_from_raw_columns():
    assert text.looks_segmented(["小区 电梯 长期 停运 无人 维修"] * 3)
    assert not text.looks_segmented(["小区电梯长期停运无人维修，请尽快处理。"] * 3)


def test_empty_input_is_harmless():
    assert text.normalise(None) == "" and text.tokens("") == [] and text.compact("  ") == ""
