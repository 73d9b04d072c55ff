import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_logs_in_and_sees_home(login, owner):
    page = login("owner")
    assert page.url.endswith("/")
    assert page.locator("h1").first.inner_text() == "工作台"
    assert "霞浦县" in page.get_by_test_id("whoami").inner_text()


def test_a_wrong_password_shows_a_chinese_error(login, owner):
    page = login("owner", "not-the-password")
    assert "用户名或密码错误" in page.locator("[role=alert]").inner_text()
