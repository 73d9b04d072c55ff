import pytest

from sixia.core.errors import InvalidInput
from sixia.core.identity import (
    id_check_char,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
)

VALID_ID = "11010519491231002X"  # the GB 11643 standard's own example


def test_it_accepts_the_standard_example_and_lowercase_x():
    assert normalize_id_number(VALID_ID.lower()) == VALID_ID
    assert id_check_char(VALID_ID[:17]) == "X"


@pytest.mark.parametrize("bad, fragment", [
    ("110105194912310021", "校验位"),
    ("11010519491331002X", "出生日期"),
    ("1101051949123100", "18位"),
    ("", "18位"),
])
def test_it_rejects_bad_id_numbers_in_chinese_and_english(bad, fragment):
    with pytest.raises(InvalidInput) as err:
        normalize_id_number(bad)
    assert fragment in err.value.message
    assert err.value.message_en  # an English message is there too
    assert err.value.code == "invalid_id_number"


def test_it_accepts_fullwidth_digits():
    assert normalize_id_number("１１０１０５１９４９１２３１００２Ｘ") == VALID_ID


@pytest.mark.parametrize("raw, canonical", [
    ("138 1234 5678", "13812345678"),
    ("+86 13812345678", "13812345678"),
    ("0593-8881234", "0593-8881234"),
    ("05938881234", "0593-8881234"),
    ("(010)62345678", "010-62345678"),
    ("4008001234", "4008001234"),
])
def test_it_normalises_phones(raw, canonical):
    assert normalize_phone(raw) == canonical


@pytest.mark.parametrize("bad", ["12345678901", "1381234567", "abc", "0593-123"])
def test_it_rejects_bad_phones(bad):
    with pytest.raises(InvalidInput, match="电话号码格式不正确"):
        normalize_phone(bad)


def test_it_masks_as_offices_expect():
    assert mask_id_number("350921199001011234") == "350921********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0593-8881234") == "0593-***1234"
