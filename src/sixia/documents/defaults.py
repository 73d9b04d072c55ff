"""The shipped default templates (``defaults/<kind>.docx``), written from the texts below by
``python -m sixia.documents.defaults``. A county replaces any of them with its own .docx (DocumentTemplate).

Placeholders are ``{{名称}}`` in any paragraph or table cell (see docs/documents.md for the list); ``{{表格}}``
alone in a paragraph is where a list document puts its table.
"""

from __future__ import annotations

import sys
from pathlib import Path

DIR = Path(__file__).with_name("defaults")

_SIGN = ["", "{{发文机关}}", "{{日期}}"]

TEXTS: dict[str, tuple[str, list[str]]] = {
    "acceptance": ("受理告知书", [
        "{{信访人}}：",
        "你（们）于{{登记日期}}提出的信访事项“{{标题}}”，经审查，符合《信访工作条例》规定的受理条件，本机关已于{{受理日期}}依法受理。",
        "本机关将依照《信访工作条例》第三十四条的规定，自受理之日起六十日内办结，办理期限至{{办理期限}}；情况复杂的，经本机关负责人批准可以适当延长，延长期限不超过三十日，并告知延期理由。",
        "你（们）可以凭查询码 {{查询码}} 查询办理进展和结果。",
        "特此告知。",
        *_SIGN]),
    "rejection": ("不予受理告知书", [
        "{{信访人}}：",
        "你（们）于{{登记日期}}提出的信访事项“{{标题}}”，经审查，本机关决定不予受理。理由如下：",
        "{{不予受理理由}}",
        "依照《信访工作条例》第三十一条，对依法应当通过诉讼、仲裁、行政复议等法定途径解决的，你（们）可以向有关机关提出；"
        "对本告知不服的，可以依照《信访工作条例》的规定向上一级机关反映。",
        "查询码：{{查询码}}",
        "特此告知。",
        *_SIGN]),
    "opinion": ("信访处理意见书", [
        "{{信访人}}：",
        "你（们）于{{登记日期}}提出的信访事项“{{标题}}”（查询码 {{查询码}}），本机关已于{{受理日期}}受理，经调查核实，现提出处理意见如下：",
        "处理结果：{{处理结果}}",
        "{{答复意见}}",
        "依照《信访工作条例》第三十五条，你（们）对本处理意见不服的，可以自收到本意见书之日起三十日内，请求{{复查机关}}复查（请求期限至{{复查请求期限}}）。",
        *_SIGN]),
    "review": ("复查意见书", [
        "{{信访人}}：",
        "你（们）不服{{原处理机关}}对信访事项“{{标题}}”（查询码 {{查询码}}）作出的处理意见，请求复查。本机关经复查，提出复查意见如下：",
        "复查结果：{{复查结果}}",
        "{{复查意见}}",
        "依照《信访工作条例》第三十六条，你（们）对本复查意见不服的，可以自收到本意见书之日起三十日内，向{{复核机关}}请求复核（请求期限至{{复核请求期限}}）。",
        *_SIGN]),
    "re_review": ("复核意见书", [
        "{{信访人}}：",
        "你（们）不服复查意见，就信访事项“{{标题}}”（查询码 {{查询码}}）请求复核。本机关经复核，提出复核意见如下：",
        "复核结果：{{复核结果}}",
        "{{复核意见}}",
        "本复核意见为最终意见。依照《信访工作条例》第三十六条第三款，你（们）仍以同一事实和理由提出信访事项的，各级机关不再受理。",
        *_SIGN]),
    "leaders_list": ("包案台账", ["{{区划}} · 共 {{件数}} 件 · {{日期}}", "{{表格}}"]),
    "supervision_list": ("督办台账", ["{{区划}} · 共 {{件数}} 条 · {{日期}}", "{{表格}}"]),
}


def build(kind: str):
    title, paragraphs = TEXTS[kind]
    from docx import Document  # lazy: python-docx only when a default template is built
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    style.font.name = "FangSong"
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(20)
    for text in paragraphs:
        p = doc.add_paragraph(text)
        if text in ("{{发文机关}}", "{{日期}}"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return doc


def write_all(directory: Path = DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in TEXTS:
        path = directory / f"{kind}.docx"
        doc = build(kind)
        doc.core_properties.author = "Sixia"
        doc.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DIR):
        print(p)
