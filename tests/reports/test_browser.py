"""In the browser: upload a ledger, keep the suggested mapping, import; then the 三率 page."""

from __future__ import annotations

from tests.reports.test_import import xlsx


def test_an_official_imports_a_ledger_in_the_browser(page, login, owner, id_number, tmp_path):
    from sixia.cases.models import Case

    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx([[1, "郑四", id_number, "13900001111", "小区电梯长期停运", "电梯停运三个月。", "来访", "申诉求决",
                            "长春镇", "住房保障与物业", "2025年3月1日", "已登记"]]))
    login("owner")
    page.goto("/reports/ledger/")
    page.click("text=从 Excel 导入")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=上传并映射列")
    page.wait_for_selector("[data-testid=mapping-form]")
    assert page.input_value("select[name=map_title]") == "4"
    page.click("[data-testid=run-import]")
    assert page.inner_text("[data-testid=created]") == "1"
    assert Case.objects.get().title == "小区电梯长期停运"
    page.click("[data-testid=reports-nav] >> text=三率排名")
    page.wait_for_selector("[data-testid=formula]")
    assert "综合得分 = 100 ×" in page.inner_text("[data-testid=formula]")
    page.select_option("select[name=kind]", "month")
    assert page.locator("select[name=n] option").count() == 13  # — and 12 months
    page.select_option("select[name=n]", "3")
    page.fill("input[name=year]", "2025")
    page.click("[data-testid=period-form] button")
    page.wait_for_selector("[data-testid=formula]")
    assert "2025-03" in page.inner_text("h1")
