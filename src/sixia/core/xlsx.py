"""The official sheet layout shared by every .xlsx the platform writes (台账、一案一档、错误报告).

Title row (merged, bold, centred), a line with 制表单位 / 统计范围 / 制表时间, then a bordered header row
that is frozen and repeated on every printed page; thin borders on every data cell; column widths in
characters; landscape A4, fitted to the page width.

Write-only worksheets stream rows to a temporary file, so memory stays flat whatever the row count.
Styling a streamed cell through ``cell.border = …`` costs a style lookup per cell (five times slower than
the rows themselves); instead each :class:`Sheet` builds its few styles once and shares their style arrays.

openpyxl (and numpy, which it imports when installed: ~20 MiB per process) is imported inside the functions
that write a sheet, not by this module: the ledger's task module imports it at ``django.setup()``, and a
worker that never writes a spreadsheet should not carry it (issue 17, lean workers).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from django.http import FileResponse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from openpyxl import Workbook

FONT = "宋体"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
# Characters that are not allowed in XML 1.0 (openpyxl refuses them); legacy data sometimes has them.
_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])
# A text that starts with one of these is a formula to a spreadsheet (CSV/formula injection: "=HYPERLINK(…)",
# "@SUM(…)", "-2+3"); openpyxl itself turns every "=…" string into a formula. Such cells are written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    kind: str = "text"  # text | wrap | datetime | date | int | center


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def keep_text(cells: Iterable[Any]) -> None:
    """Make every formula-like text cell a text cell (``data_type`` "s": written as an inline string, read back
    by openpyxl as that string, shown as text by Excel and WPS). For sheets written without :class:`Sheet`."""
    for cell in cells:
        if looks_like_formula(cell.value):
            cell.data_type = "s"


def clean(value: Any) -> Any:
    """A value openpyxl can write: naive local datetimes, strings without control characters."""
    if isinstance(value, str):
        return value.translate(_ILLEGAL)
    if isinstance(value, Promise):  # a lazy translation (choices labels)
        return str(value).translate(_ILLEGAL)
    return value


class Sheet:
    """A streamed worksheet in the official layout. Call :meth:`row` for each data row, in order."""

    def __init__(self, wb: Workbook, title: str, *, heading: str, subtitle: str, columns: Sequence[Column],
                 landscape: bool = True):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.ws = ws = wb.create_sheet(title)
        self.columns = list(columns)
        n = len(self.columns)
        last = get_column_letter(n)
        for i, col in enumerate(self.columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A4"
        ws.print_title_rows = "3:3"
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.merged_cells.add(f"A1:{last}1")
        ws.merged_cells.add(f"A2:{last}2")
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[3].height = 28

        def proto(**kw) -> Any:
            cell: Any = WriteOnlyCell(ws)
            for key, value in kw.items():
                setattr(cell, key, value)
            return cell._style

        body = Font(name=FONT, size=10)
        self._styles = {
            "text": proto(font=body, border=box, alignment=Alignment(vertical="top")),
            "wrap": proto(font=body, border=box, alignment=Alignment(vertical="top", wrap_text=True)),
            "center": proto(font=body, border=box, alignment=Alignment(horizontal="center", vertical="top")),
            "int": proto(font=body, border=box, alignment=Alignment(horizontal="center", vertical="top")),
            "datetime": proto(font=body, border=box, number_format=DATETIME_FORMAT,
                              alignment=Alignment(horizontal="center", vertical="top")),
            "date": proto(font=body, border=box, number_format=DATE_FORMAT,
                          alignment=Alignment(horizontal="center", vertical="top")),
        }
        self._kinds = [self._styles[c.kind] for c in self.columns]
        if hasattr(ws, "_values_to_row"):  # see _cells_to_row
            ws._values_to_row = _cells_to_row
        head: Any = WriteOnlyCell(ws, clean(heading))
        keep_text([head])
        head.font = Font(name="黑体", size=16, bold=True)
        head.alignment = Alignment(horizontal="center", vertical="center")
        sub: Any = WriteOnlyCell(ws, clean(subtitle))  # 统计范围 may repeat a search typed by the user
        keep_text([sub])
        sub.font = Font(name=FONT, size=10)
        sub.alignment = Alignment(horizontal="left", vertical="center")
        ws.append([head])
        ws.append([sub])
        head_style = proto(font=Font(name=FONT, size=10, bold=True), border=box,
                           fill=PatternFill("solid", fgColor="E7EBF0"),
                           alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
        self._append_styled([c.header for c in self.columns], [head_style] * n)
        self.count = 0

    def _append_styled(self, values: Iterable[Any], styles: Sequence[Any]) -> None:
        from openpyxl.cell import WriteOnlyCell  # cached by the import system after the first sheet

        cells = []
        for value, style in zip(values, styles, strict=True):
            cell: Any = WriteOnlyCell(self.ws, clean(value))
            keep_text([cell])  # text, never a formula
            cell._style = style
            cells.append(cell)
        self.ws.append(cells)

    def row(self, values: Sequence[Any]) -> None:
        self._append_styled(values, self._kinds)
        self.count += 1


def _cells_to_row(cells: Sequence[Any], row_idx: int) -> Iterator[Any]:
    """Rows of ready cells, positioned without openpyxl's generic path — which tries each value as a plain
    value first and, for a styled cell, formats an exception message (a third of the export's time)."""
    for col_idx, cell in enumerate(cells, 1):
        cell.column = col_idx
        cell.row = row_idx
        yield cell


def local_naive(value: datetime | date | None, tz) -> datetime | date | None:
    """Excel has no time zones: datetimes are written as naive local (Asia/Shanghai) times."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz)
        return value.replace(tzinfo=None, microsecond=0)
    return value


def new_workbook() -> Workbook:
    from openpyxl import Workbook

    return Workbook(write_only=True)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(write: Callable[[IO[bytes]], object], filename: str) -> FileResponse:
    """Write a workbook into an anonymous temporary file and stream it out in chunks (the file vanishes
    when the response is closed), so neither the workbook nor the response body is held in memory."""
    tmp = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the response)
    try:
        write(tmp)
    except BaseException:
        tmp.close()
        raise
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX)
