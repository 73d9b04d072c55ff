"""Reading a ledger someone else made: find its header row, suggest which column holds which field, and
turn cell values into plain text, dates and lists. No database access here.

The fields an import understands, their Chinese names and the header spellings recognised for them are data
(``FIELDS``): add a spelling there when a county's ledger names a column differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sixia.core.errors import InvalidInput

HEADER_SCAN_ROWS = 20


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]
    help: str = ""


FIELDS: list[ImportField] = [
    ImportField("title", "标题", True, ("标题", "诉求标题", "事项标题", "主题", "信访事项")),
    ImportField("content", "诉求内容", True, ("诉求内容", "内容", "反映内容", "问题描述", "主要内容", "来信内容",
                                             "诉求描述", "反映问题")),
    ImportField("channel", "来源渠道", True, ("来源渠道", "渠道", "来源", "信访形式", "登记方式", "信访方式"),
                "走访、书信、电话、网上信访、12345热线……"),
    ImportField("demand_type", "诉求类型", False, ("诉求类型", "诉求性质"), "咨询、求助、投诉、举报、建议（热线件）"),
    ImportField("petition_class", "信访类别", False, ("信访类别", "信访类型", "事项类别", "信访事项类别"),
                "建议意见类、检举控告类、申诉求决类（信访件）"),
    ImportField("region", "问题属地", True, ("区划代码", "行政区划代码", "问题属地", "属地", "所属区域", "行政区划",
                                            "问题发生地"), "区划代码，或管辖范围内唯一的区划名称"),
    ImportField("category", "问题分类", False, ("问题分类", "分类", "问题类别", "内容分类", "分类代码")),
    ImportField("names", "诉求人", False, ("诉求人", "信访人", "姓名", "反映人", "来电人", "诉求人姓名"),
                "多人以“；”分隔"),
    ImportField("id_numbers", "身份证号", False, ("身份证号", "身份证号码", "证件号码", "公民身份号码"),
                "与诉求人一一对应，以“；”分隔；不能是脱敏号码"),
    ImportField("phones", "联系电话", False, ("联系电话", "电话", "手机", "手机号码", "联系方式"),
                "与诉求人一一对应，以“；”分隔；不能是脱敏号码"),
    ImportField("respondent", "被反映人/单位", False, ("被反映人/单位", "被反映人", "被反映单位", "被投诉对象")),
    ImportField("occurred_at", "发生时间", False, ("发生时间", "事发时间")),
    ImportField("registered_at", "登记时间", False, ("登记时间", "登记日期", "来访时间", "来信日期", "来电时间", "受理时间")),
    ImportField("state", "办理状态", False, ("办理状态", "状态"), "已登记（默认）或已办结"),
    ImportField("closed_at", "办结时间", False, ("办结时间", "办结日期")),
    ImportField("original_no", "原编号", False, ("查询码", "原编号", "编号", "件号", "工单号", "信访件编号"),
                "记入案件档案，便于对照"),
]
FIELD_BY_KEY = {f.key: f for f in FIELDS}
_SPLIT = re.compile(r"[；;，,、\n]")
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                 "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日 %H时%M分", "%Y年%m月%d日")


def _norm_header(value: Any) -> str:
    return re.sub(r"[\s*＊:：()（）]", "", text(value))


def column_label(index: int, headers: list[str]) -> str:
    """``C 来源渠道`` for the third column (what the error report names)."""
    name = headers[index] if index < len(headers) else ""
    from openpyxl.utils import get_column_letter  # lazy: openpyxl only where a sheet is read

    return f"{get_column_letter(index + 1)} {name}".strip()


@dataclass
class SheetData:
    sheet: str
    header_row: int  # 1-based Excel row number
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (Excel row number, values)


def open_sheet(path_or_file: Any) -> Any:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path_or_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        raise InvalidInput("invalid_xlsx", "无法读取文件：请上传 Excel 2007 及以上版本的 .xlsx 文件",
                           f"cannot read the file as .xlsx ({type(exc).__name__})", field="file") from exc
    if not wb.worksheets:
        raise InvalidInput("empty_xlsx", "文件中没有工作表", "the workbook has no sheet", field="file")
    return wb


def find_header(rows: list[tuple[Any, ...]], fields: list[ImportField] = FIELDS) -> int:
    """Index (0-based) of the header row among the first rows: the row naming most known fields."""
    known = {_norm_header(s) for f in fields for s in f.synonyms}
    best, best_score = None, 0
    for i, row in enumerate(rows):
        score = sum(1 for v in row if _norm_header(v) in known)
        if score > best_score:
            best, best_score = i, score
    if best is not None and best_score >= 2:
        return best
    for i, row in enumerate(rows):  # no known names: the first row with two or more filled cells
        if sum(1 for v in row if text(v)) >= 2:
            return i
    raise InvalidInput("no_header", "没有找到表头行：前20行中没有至少两列有内容的行", "no header row found", field="file")


def read(path_or_file: Any, *, with_rows: bool = True, limit: int | None = None,
         fields: list[ImportField] = FIELDS) -> SheetData:
    """The first sheet's header row and data rows; ``fields`` are the columns this import knows (the ledger's
    by default) and only serve to recognise the header row."""
    wb = open_sheet(path_or_file)
    try:
        ws = wb.worksheets[0]
        it: Iterator[tuple[Any, ...]] = ws.iter_rows(values_only=True)
        head: list[tuple[Any, ...]] = []
        for row in it:
            head.append(row)
            if len(head) >= HEADER_SCAN_ROWS:
                break
        if not head:
            raise InvalidInput("empty_xlsx", "工作表是空的", "the sheet is empty", field="file")
        h = find_header(head, fields)
        headers = [text(v) for v in head[h]]
        while headers and not headers[-1]:
            headers.pop()
        rows: list[tuple[int, list[Any]]] = []
        if with_rows:
            number = h + 1
            for values in [*head[h + 1:], *it]:
                number += 1
                vals = list(values[:len(headers)])
                if any(text(v) for v in vals):
                    rows.append((number, vals))
                    if limit is not None and len(rows) >= limit:
                        break
        return SheetData(ws.title, h + 1, headers, rows)
    finally:
        wb.close()


def suggest_mapping(headers: list[str], fields: list[ImportField] = FIELDS) -> dict[str, int]:
    """Field key → column index, by the recognised spellings (earlier spellings win, one column per field)."""
    normed = [_norm_header(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for f in fields:
        for synonym in f.synonyms:
            s = _norm_header(synonym)
            idx = next((i for i, h in enumerate(normed) if h == s and i not in used), None)
            if idx is not None:
                mapping[f.key] = idx
                used.add(idx)
                break
    return mapping


def check_mapping(mapping: dict[str, int], headers: list[str], fields: list[ImportField] = FIELDS) -> dict[str, int]:
    by_key = {f.key: f for f in fields}
    clean: dict[str, int] = {}
    for key, idx in mapping.items():
        if key not in by_key:
            raise InvalidInput("unknown_field", f"未知的导入字段：{key}", f"unknown import field: {key}", field="mapping")
        if not isinstance(idx, int) or not 0 <= idx < len(headers):
            raise InvalidInput("invalid_mapping", f"“{by_key[key].label}”映射的列不存在",
                               f"column of {key} does not exist", field="mapping")
        clean[key] = idx
    missing = [f.label for f in fields if f.required and f.key not in clean]
    if missing:
        raise InvalidInput("mapping_incomplete", f"请为必填字段选择源列：{'、'.join(missing)}",
                           f"required fields not mapped: {', '.join(missing)}", field="mapping")
    cols = list(clean.values())
    if len(cols) != len(set(cols)):
        raise InvalidInput("mapping_duplicate", "同一源列不能映射到两个字段", "one column mapped to two fields",
                           field="mapping")
    return clean


# ---- cell values ----


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def split(value: Any) -> list[str]:
    raw = text(value)
    return [part.strip() for part in _SPLIT.split(raw)] if raw else []


def moment(value: Any, tz) -> datetime | None:
    """A date/time cell (or text in the usual Chinese spellings) → aware datetime in ``tz``; ``ValueError``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
        if dt.microsecond:  # Excel stores days as floats: round to the second
            dt = (dt + timedelta(microseconds=500_000)).replace(microsecond=0)
    elif isinstance(value, date):
        dt = datetime.combine(value, time())
    else:
        raw = text(value)
        for fmt in _DATE_FORMATS:
            try:
                dt = datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(raw)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt
