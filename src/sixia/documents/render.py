"""Fill a .docx template: ``{{名称}}`` placeholders in paragraphs, table cells, headers and footers, and a
``{{表格}}`` paragraph replaced by a table. Pure python-docx (no Jinja in Word files: a county edits its
template in Word or WPS and only types names between double braces)."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx (with lxml) is imported only to fill a template
    from docx.document import Document as DocumentObject
    from docx.text.paragraph import Paragraph

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
TABLE = "表格"


def _paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    def walk(container) -> Iterator[Paragraph]:
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(doc)
    for section in doc.sections:
        for part in (section.header, section.footer):
            yield from walk(part)


def _fill(paragraph: Paragraph, values: Mapping[str, str]) -> None:
    text = paragraph.text
    if "{{" not in text:
        return
    new = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)
    runs = paragraph.runs
    if not runs:
        return
    # A placeholder typed in Word is often split over runs: the first run takes the text (and its formatting)
    runs[0].text = new
    for run in runs[1:]:
        run.text = ""


def _table_after(doc: DocumentObject, paragraph: Paragraph, header: Sequence[str], rows: Sequence[Sequence[str]]):
    table = doc.add_table(rows=1, cols=len(header))
    with contextlib.suppress(KeyError):  # a county's template without the built-in style keeps the plain one
        table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def fill(template: bytes, values: Mapping[str, str], *, table: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None
         ) -> bytes:
    from docx import Document

    doc = Document(io.BytesIO(template))
    marker = None
    for paragraph in list(_paragraphs(doc)):
        if table is not None and paragraph.text.strip() == "{{" + TABLE + "}}":
            marker = paragraph
            continue
        _fill(paragraph, values)
    if table is not None:
        if marker is None:  # the county's template has no table marker: the table goes at the end
            marker = doc.add_paragraph()
        _table_after(doc, marker, *table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
