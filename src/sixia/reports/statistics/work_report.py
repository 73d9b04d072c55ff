"""The monthly / quarterly / annual work report (工作报告) as a Word file, in the seeds' style:
"调研xxxx次xxxx天，接访群众xxx次xxx人", "接待102名，受理86件，12件当场解决", 批次/人次.

Every number comes from the statistics (``service.statistics``) — the same reading as the page and the API. The
sentences are data: ``DEFAULT_SENTENCES`` with their placeholders, replaced per county by ``ReportTemplate`` rows
(the longest region prefix wins). The chart is drawn with Pillow (already a dependency), imported inside the
function, never at module import, so workers that never write a report never load it. Chinese glyphs need a
CJK font: ``SIXIA_REPORT_FONT`` or the first of ``FONT_CANDIDATES`` found; without one, the chart's labels fall back
to the figures' order numbers with the names in the table below it (and the report says so).
"""

from __future__ import annotations

import io
import string
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from sixia.reports.models import ReportTemplate
from sixia.reports.statistics.service import Statistics

DEFAULT_SENTENCES: dict[str, str] = {
    "title": "{region}{period}信访和“四下基层”工作情况报告",
    "overview": "{period}，{region}共登记群众诉求{batches}批{persons}人次，同比{batches_trend}。其中初信初访{first}件，"
                "重复信访{repeated}件，越级信访{over_level}件，集体访{collective}批，三多（多年、多层、多头）{three_many}件。",
    "handling": "已受理{accepted}件，其中在受理期限内受理{accepted_timely}件，及时受理率{timely_acceptance}；已答复{replied}件，"
                "按期办结{replied_on_time}件，按期办结率{on_time_closing}；参评{rated}件，参评率{participation}，"
                "群众满意率{satisfaction}。",
    "three_rates": "回访{valid}件，响应率{response_rate}、解决率{resolution_rate}、满意率{satisfaction_rate}，三率综合得分{score}分。",
    "activities": "领导干部下基层{total_count}场次{total_days}天，调研{research_count}次{research_days}天，"
                  "接访群众{received_times}次{received_persons}人，走访{visit_count}次{households}户，"
                  "现场办公{onsite_count}场，政策宣讲{lecture_count}场、受众{audience}人。",
    "reception": "信访接待日接待{received_persons}名，受理{reception_accepted}件，{reception_solved}件当场解决。",
    "four_visits": "“四门四访”：开门接访{open_door}场，进门约访{appointments}人，登门走访{door}次，上门回访{revisit}次。",
    "quotas": "参加履职考核的干部{quota_officials}人，完成指标{quota_met}项（共{quota_results}项），进度滞后{quota_behind}人。",
}
SECTIONS = [("一、诉求总体情况", ["overview"]), ("二、受理办理情况", ["handling", "three_rates"]),
            ("三、“四下基层”开展情况", ["activities", "reception", "four_visits"]), ("四、履职考核情况", ["quotas"])]
FONT_CANDIDATES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                   "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                   "/System/Library/Fonts/PingFang.ttc", "C:/Windows/Fonts/simhei.ttf")


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def _num(x) -> str:
    x = float(x or 0)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def values(s: Statistics) -> dict[str, str]:
    """Every placeholder's text, from the statistics (numbers as the API gives them)."""
    out: dict[str, str] = {"region": s.region_name, "period": s.period.label_zh}
    for f in s.cases + s.activities + s.four_visits + s.quotas:
        out[f.key] = _num(f.value)
    for r in s.rates:
        out[r.key] = _pct(r.value)
        out[r.numerator.key], out[r.denominator.key] = _num(r.numerator.value), _num(r.denominator.value)
    for key, value in s.counts.items():
        out.setdefault(key, _num(value))
    for key, value in s.activity_counts.items():
        out.setdefault(key, _num(value))
    t = s.three_rates
    out |= {"valid": str(t.valid), "response_rate": _pct(t.response_rate), "resolution_rate": _pct(t.resolution_rate),
            "satisfaction_rate": _pct(t.satisfaction_rate), "score": f"{t.score:g}"}
    batches = s.figure("batches")
    if batches.last:
        sign = "增长" if batches.value >= batches.last else "下降"
        out["batches_trend"] = f"{sign}{abs(batches.change_pct or 0):g}%"
    else:
        out["batches_trend"] = "去年同期无登记"
    out.setdefault("reception_accepted", "0")
    out.setdefault("reception_solved", "0")
    return out


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def sentences_for(region_code: str) -> dict[str, str]:
    """The sentence templates for a region: defaults, replaced by the active rows whose prefix covers it."""
    out = dict(DEFAULT_SENTENCES)
    rows = ReportTemplate.objects.filter(is_active=True).order_by("region_prefix")  # shorter prefixes first
    for row in rows:
        if region_code.startswith(row.region_prefix) and row.key in out:
            out[row.key] = row.text
    return out


def render_sentences(s: Statistics) -> dict[str, str]:
    vals = _Keep(values(s))
    return {key: text.format_map(vals) for key, text in sentences_for(s.region_code).items()}


def _font_path() -> str:
    configured = getattr(settings, "SIXIA_REPORT_FONT", "") or ""
    for path in (configured, *FONT_CANDIDATES):
        if path and Path(path).is_file():
            return path
    return ""


def chart_png(title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> tuple[bytes, bool]:
    """A grouped bar chart as PNG (Pillow, imported here). Returns (png, labels_in_chinese)."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = _font_path()
    cjk = bool(font_path)

    def font(size: int):
        return ImageFont.truetype(font_path, size) if cjk else ImageFont.load_default(size)

    if not cjk:  # numbered categories; the table under the chart names them
        labels = [str(i) for i in range(1, len(labels) + 1)]
        title = ""
    width, height, left, bottom, top = 1200, 600, 80, 110, 70
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    colours = ["#2f6fb0", "#c0c6cf", "#d9822b", "#4a9c5d"]
    if title:
        draw.text((width // 2, 24), title, fill="black", font=font(28), anchor="mt")
    peak = 1.1 * max([v for _n, vals in series for v in vals] + [1])  # headroom for the top label
    plot_h, plot_w = height - top - bottom, width - left - 40
    draw.line((left, top, left, top + plot_h), fill="black")
    draw.line((left, top + plot_h, left + plot_w, top + plot_h), fill="black")
    n = max(len(labels), 1)
    group = plot_w / n
    bar = group * 0.7 / max(len(series), 1)
    small = font(18)
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.15
        for j, (_name, vals) in enumerate(series):
            v = vals[i] if i < len(vals) else 0
            h = plot_h * v / peak
            x = x0 + j * bar
            draw.rectangle((x, top + plot_h - h, x + bar - 4, top + plot_h), fill=colours[j % len(colours)])
            draw.text((x + bar / 2 - 2, top + plot_h - h - 4), _num(v), fill="black", font=small, anchor="mb")
        draw.text((left + i * group + group / 2, top + plot_h + 10), label[:8], fill="black", font=small, anchor="mt")
    for j, (name, _vals) in enumerate(series):  # legend
        x = left + 20 + j * 220
        draw.rectangle((x, height - 40, x + 24, height - 20), fill=colours[j % len(colours)])
        draw.text((x + 32, height - 30), name if cjk else f"S{j + 1}", fill="black", font=small, anchor="lm")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue(), cjk


def _set_fonts(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name, size in (("Normal", 14), ("Heading 1", 16), ("Heading 2", 15), ("Title", 20)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.name = "仿宋" if name == "Normal" else "黑体"
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), style.font.name)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def build(s: Statistics) -> bytes:
    """The report as .docx bytes: title, sections of sentences, tables of the figures, one chart image."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    text = render_sentences(s)
    doc = Document()
    _set_fonts(doc)
    heading = doc.add_heading(text["title"], level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for title, keys in SECTIONS:
        if keys == ["quotas"] and not s.quotas:
            continue
        doc.add_heading(title, level=1)
        for key in keys:
            doc.add_paragraph(text[key])
    doc.add_heading("附表1 诉求主要指标", level=2)
    _table(doc, ["指标", "本期", "去年同期", "增减"],
           [[f.label, _num(f.value), _num(f.last), _num(f.change)] for f in s.cases]
           + [[r.label, _pct(r.value), _pct(r.last), f"{100 * (r.value - r.last):+.2f}个百分点"] for r in s.rates])
    channel = next((b for b in s.breakdowns if b.key == "channel"), None)
    rows = channel.rows if channel else []
    doc.add_heading("附图 诉求来源渠道（批次，本期与去年同期）", level=2)
    png, cjk = chart_png("诉求来源渠道", [f.label for f in rows],
                         [("本期", [f.value for f in rows]), ("去年同期", [f.last for f in rows])])
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    if not cjk:
        doc.add_paragraph("（图中序号对应下表各行；本机未配置中文字体：SIXIA_REPORT_FONT）")
    _table(doc, ["序号", "来源渠道", "本期批次", "去年同期批次"],
           [[str(i), f.label, _num(f.value), _num(f.last)] for i, f in enumerate(rows, 1)])
    doc.add_heading("附表2 “四下基层”主要指标", level=2)
    _table(doc, ["指标", "本期", "去年同期", "增减"],
           [[f.label, _num(f.value), _num(f.last), _num(f.change)] for f in s.activities + s.four_visits])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def disposition(s: Statistics) -> str:
    name = f"工作报告-{s.region_name}-{s.period.key.replace('~', '至')}.docx"
    return f"attachment; filename=\"work-report.docx\"; filename*=UTF-8''{quote(name)}"
