"""The statistics as Excel, in the page's layout: one sheet per section (总量, 受理办结满意, each breakdown,
下级区划, 四下基层, 履职达标), each row a figure with this period, last year's and the change. Written with
``core.xlsx.Sheet``: inert cells (text never becomes a formula), the official title and header rows."""

from __future__ import annotations

from typing import IO

from django.utils import timezone

from sixia.core.xlsx import Column, Sheet, new_workbook
from sixia.reports.statistics.figures import Figure
from sixia.reports.statistics.service import Statistics

FIGURE_COLUMNS = [Column("label", "指标", 28), Column("value", "本期", 12, "int"), Column("last", "去年同期", 12, "int"),
                  Column("change", "增减", 12, "int"), Column("pct", "增减%", 10, "int"), Column("unit", "单位", 8, "center")]


def filename(s: Statistics) -> str:
    return f"统计分析-{s.region_name}-{s.period.key.replace('~', '至')}.xlsx"


def _subtitle(s: Statistics) -> str:
    return (f"统计范围：{s.region_name}（{s.region_code or '全国'}）  统计期：{s.period.label_zh}  "
            f"同比：{s.last_period.label_zh}  制表时间：{timezone.localtime():%Y-%m-%d %H:%M}")


def _figures(sheet: Sheet, rows: list[Figure]) -> None:
    for f in rows:
        sheet.row([f.label, f.as_dict()["value"], f.as_dict()["last_year"], f.change,
                   "" if f.change_pct is None else f.change_pct, f.unit])


def write_statistics(s: Statistics, out: IO[bytes]) -> None:
    wb = new_workbook()
    sub = _subtitle(s)
    title = f"{s.region_name}{s.period.label_zh}诉求和四下基层统计"
    _figures(Sheet(wb, "诉求总量", heading=title, subtitle=sub, columns=FIGURE_COLUMNS), s.cases)
    rates = Sheet(wb, "受理办结满意", heading=f"{title}：受理、办结和满意", subtitle=sub, columns=[
        Column("label", "指标", 16), Column("value", "本期", 10, "int"), Column("last", "去年同期", 10, "int"),
        Column("num", "分子", 10, "int"), Column("den", "分母", 10, "int"), Column("formula", "公式", 60, "wrap")])
    for r in s.rates:
        rates.row([r.label, f"{100 * r.value:.2f}%", f"{100 * r.last:.2f}%", r.numerator.value, r.denominator.value,
                   r.formula])
    t, tl = s.three_rates, s.three_rates_last
    for label, now, before in (("有效回访", t.valid, tl.valid), ("响应率", t.response_rate, tl.response_rate),
                               ("解决率", t.resolution_rate, tl.resolution_rate),
                               ("满意率", t.satisfaction_rate, tl.satisfaction_rate), ("三率综合得分", t.score, tl.score)):
        rates.row([label, now, before, "", "", ""])
    for b in s.breakdowns:
        sheet = Sheet(wb, f"按{b.title}"[:31], heading=f"{title}：按{b.title}", subtitle=sub, columns=[
            Column("label", b.title, 28), Column("value", "批次", 10, "int"), Column("last", "去年同期批次", 12, "int"),
            Column("change", "增减", 10, "int"), Column("persons", "人次", 10, "int"),
            Column("persons_last", "去年同期人次", 12, "int")])
        for f in b.rows:
            persons = b.persons.get(f.key, (0, 0))
            sheet.row([f.label, f.value, f.last, f.change, persons[0], persons[1]])
    if s.children:
        sheet = Sheet(wb, "下级区划", heading=f"{title}：下级区划对比", subtitle=sub, columns=[
            Column("name", "区划", 20), Column("batches", "批次", 10, "int"), Column("persons", "人次", 10, "int"),
            Column("repeated", "重复信访", 10, "int"), Column("over", "越级信访", 10, "int"),
            Column("acts", "下基层活动场次", 14, "int"), Column("score", "三率得分", 10, "int")])
        for c in s.children:
            sheet.row([c.name, c.cases["batches"], c.cases["persons"], c.cases["repeated"], c.cases["over_level"],
                       c.activities, c.score])
    _figures(Sheet(wb, "四下基层", heading=f"{title}：四下基层", subtitle=sub, columns=FIGURE_COLUMNS),
             s.activities + s.four_visits)
    if s.quotas:
        _figures(Sheet(wb, "履职达标", heading=f"{title}：履职达标", subtitle=sub, columns=FIGURE_COLUMNS), s.quotas)
    wb.save(out)
