"""Importing cases from an existing Excel ledger: validate every row, then create every case — or none.

1. ``read`` the sheet (header row found automatically) and ``suggest_mapping`` of source columns to fields;
2. ``validate`` ALL rows against the mapping: catalogue values, regions inside the user's jurisdiction,
   categories, ID numbers and phones (masked values are refused), dates, states — collecting every error
   with its Excel row number, column and a Chinese message;
3. only when there is no error, ``run_import`` creates every case in ONE transaction, set-based
   (``bulk_import``: the same rows ``sixia.cases.services.create_case`` writes — tracking number, petitioners
   found or created through the blind indexes, acceptance clock, register event — at a fraction of the
   cost); an error anywhere rolls back every row.

An imported case is registered at its ledger's 登记时间 (or now) and carries ``source_type`` ``ledger_import``
and the batch id; an ``import`` event records the batch, the row and the original number. A case the ledger
marks 已办结 is closed by the same transaction (``import`` event from 已登记 to 已办结, clock stopped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sixia.cases.models import Case, Category
from sixia.cases.workflow import CHANNELS, DEMAND_TYPES, PETITION_CLASSES, STATES, validate_intake
from sixia.core import audit, jurisdiction, permissions, sheet_reader
from sixia.core.errors import Conflict, DomainError, InvalidInput, NotFound
from sixia.core.identity import normalize_id_number, normalize_phone
from sixia.core.sheet_reader import FIELD_BY_KEY, column_label, moment, split, text
from sixia.core.validation import is_digits
from sixia.core.xlsx import Column, Sheet, new_workbook
from sixia.geo.models import Region
from sixia.reports import bulk_import
from sixia.reports import permissions as rights
from sixia.reports.bulk_import import BulkRow
from sixia.reports.models import LedgerImport

SOURCE_TYPE = "ledger_import"
MAX_STORED_ERRORS = 5000
IMPORTABLE_STATES = ("registered", "closed")
# Everyday spellings of channels seen in county ledgers (the catalogue's own labels and codes also work).
CHANNEL_ALIASES = {"来访": "visit", "走访": "visit", "来信": "letter", "信件": "letter", "网信": "online",
                   "网上": "online", "网络": "online", "12345": "hotline", "热线": "hotline", "来电": "phone"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Validation:
    rows: list[BulkRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _codes(labels: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Code and label (and the label without a trailing 类) → code."""
    out = {code: code for code in labels} | {label: code for code, label in labels.items()}
    out |= {label.removesuffix("类"): code for code, label in labels.items()}
    return out | (extra or {})


class Lookups:
    """Cached, jurisdiction-aware lookups of regions and categories for one import."""

    def __init__(self, actor: Any):
        self.actor = actor
        self.channels = _codes(CHANNELS, CHANNEL_ALIASES)
        self.demand_types = _codes(DEMAND_TYPES)
        self.petition_classes = _codes(PETITION_CLASSES)
        self.states = _codes(STATES)
        self.categories: dict[str, list[str]] = {}
        for code, name in Category.objects.filter(is_active=True).values_list("code", "name"):
            self.categories.setdefault(code, []).append(code)
            self.categories.setdefault(name, []).append(code)
        self._regions: dict[str, str | Exception] = {}

    def category(self, value: str) -> str:
        codes = self.categories.get(value)
        if not codes:
            raise ValueError(f"问题分类不存在：{value}")
        if len(set(codes)) > 1:
            raise ValueError(f"问题分类名称“{value}”不唯一，请填写分类代码（{'、'.join(sorted(set(codes)))}）")
        return codes[0]

    def region(self, value: str) -> str:
        if value not in self._regions:
            try:
                self._regions[value] = self._find_region(value)
            except ValueError as exc:
                self._regions[value] = exc
        found = self._regions[value]
        if isinstance(found, Exception):
            raise found
        return found

    def _find_region(self, value: str) -> str:
        if is_digits(value):
            if not Region.objects.filter(code=value).exists():
                raise ValueError(f"行政区划代码 {value} 不存在")
            code = value
        else:
            codes = list(jurisdiction.scope(Region.objects.filter(name=value), self.actor, field="code")
                         .values_list("code", flat=True)[:3])
            if not codes:
                raise ValueError(f"管辖范围内没有名为“{value}”的区划，请填写区划代码")
            if len(codes) > 1:
                raise ValueError(f"区划名称“{value}”不唯一（{'、'.join(codes)}），请填写区划代码")
            code = codes[0]
        if not jurisdiction.covers(self.actor, code):
            raise ValueError(f"区划 {value} 不在您的管辖范围内")
        return code


def _people(values: dict[str, Any], err: Callable[[str, str], None]) -> list[dict[str, str]]:
    names, ids, phones = split(values.get("names")), split(values.get("id_numbers")), split(values.get("phones"))
    n = len(names)
    if not n and (any(ids) or any(phones)):
        err("names", "填写了身份证号或电话，但没有诉求人姓名")
        return []
    for key, items in (("id_numbers", ids), ("phones", phones)):
        if len(items) > n:
            err(key, f"有 {len(items)} 项，多于诉求人（{n} 人）；多人请以“；”分隔并一一对应")
    people = []
    for i, name in enumerate(names):
        if not name:
            err("names", f"第 {i + 1} 位诉求人姓名为空")
            continue
        person = {"name": name, "role": "petitioner"}
        for key, items, normalize, what in (("id_numbers", ids, normalize_id_number, "身份证号"),
                                            ("phones", phones, normalize_phone, "电话")):
            value = items[i] if i < len(items) else ""
            if not value:
                continue
            if "*" in value:
                err(key, f"{name}的{what}已脱敏（{value}），无法导入：请使用含完整个人信息的归档台账，或不映射此列")
                continue
            try:
                person["id_number" if key == "id_numbers" else "phone"] = normalize(value)
            except DomainError as exc:
                err(key, f"{name}：{exc.message_zh}")
        people.append(person)
    return people


def validate(actor, sheet: sheet_reader.SheetData, mapping: dict[str, int], *,
             now: datetime | None = None) -> Validation:
    """Check every row; returns the cases to create and every error (the rows are complete only if no error)."""
    mapping = sheet_reader.check_mapping(mapping, sheet.headers)
    now = now or timezone.now()
    look = Lookups(actor)
    out = Validation()
    for number, cells in sheet.rows:
        values = {key: (cells[idx] if idx < len(cells) else None) for key, idx in mapping.items()}
        row, row_errors = _check_row(number, values, mapping, sheet.headers, look, now)
        if row_errors:
            out.errors.extend(row_errors)
        elif row is not None:
            out.rows.append(row)
    return out


def _check_row(number: int, values: dict[str, Any], mapping: dict[str, int], headers: list[str], look: Lookups,
               now: datetime) -> tuple[BulkRow | None, list[RowError]]:
    tz = timezone.get_default_timezone()
    row_errors: list[RowError] = []

    def err(key: str, message: str) -> None:
        col = column_label(mapping[key], headers) if key in mapping else FIELD_BY_KEY[key].label
        row_errors.append(RowError(number, col, message))

    def pick(key: str, table: dict[str, str], what: str) -> str:
        raw = text(values.get(key))
        if not raw:
            return ""
        if raw not in table:
            err(key, f"{what}无效：{raw}")
            return ""
        return table[raw]

    def when(key: str) -> datetime | None:
        try:
            value = moment(values.get(key), tz)
        except ValueError:
            err(key, f"{FIELD_BY_KEY[key].label}无法识别：{text(values.get(key))}（应为 2026-03-14 09:30 这样的日期时间）")
            return None
        if value is not None and value > now:
            err(key, f"{FIELD_BY_KEY[key].label}晚于当前时间：{value:%Y-%m-%d %H:%M}")
        return value

    title, content = text(values.get("title")), text(values.get("content"))
    if not title:
        err("title", "标题不能为空")
    elif len(title) > 200:
        err("title", f"标题超过200字（{len(title)}字）")
    if not content:
        err("content", "诉求内容不能为空")
    channel = pick("channel", look.channels, "来源渠道")
    if not text(values.get("channel")):
        err("channel", "来源渠道不能为空")
    demand_type = pick("demand_type", look.demand_types, "诉求类型")
    petition_class = pick("petition_class", look.petition_classes, "信访类别")
    track = ""
    if channel:
        try:
            track = validate_intake(channel=channel, demand_type=demand_type, petition_class=petition_class)
        except DomainError as exc:
            err(exc.field if exc.field in mapping else "channel", exc.message_zh)
    region_code = ""
    raw_region = text(values.get("region"))
    if not raw_region:
        err("region", "问题属地不能为空")
    else:
        try:
            region_code = look.region(raw_region)
        except ValueError as exc:
            err("region", str(exc))
    category = ""
    if text(values.get("category")):
        try:
            category = look.category(text(values.get("category")))
        except ValueError as exc:
            err("category", str(exc))
    people = _people(values, err)
    state = pick("state", look.states, "办理状态") or "registered"
    if state not in IMPORTABLE_STATES:
        err("state", f"导入仅支持“已登记”和“已办结”，不支持“{STATES.get(state, state)}”："
                     "在途件请导入为已登记，再在系统中受理交办")
    occurred_at, registered_at, closed_at = when("occurred_at"), when("registered_at"), when("closed_at")
    if registered_at and closed_at and closed_at < registered_at:
        err("closed_at", "办结时间早于登记时间")
    if row_errors:
        return None, row_errors
    return BulkRow(
        row=number, track=track, state=state, registered_at=registered_at or now, closed_at=closed_at,
        original_no=text(values.get("original_no")),
        data={"channel": channel, "title": title, "content": content, "region_code": region_code,
              "demand_type": demand_type, "petition_class": petition_class, "category": category,
              "petitioners": people, "occurred_at": occurred_at, "respondent": text(values.get("respondent"))}), []


def create_cases(*, actor, rows: list[BulkRow], batch_id: int | None = None, now: datetime | None = None) -> int:
    """Create every validated row in one transaction (set-based: ``bulk_import``); all or nothing."""
    with transaction.atomic():
        return len(bulk_import.create_all(actor=actor, rows=rows, source_type=SOURCE_TYPE, batch_id=batch_id,
                                          now=now))


@dataclass
class ImportResult:
    rows: int
    created: int
    errors: list[RowError]


def run_import(*, actor, sheet: sheet_reader.SheetData, mapping: dict[str, int], batch_id: int | None = None,
               now: datetime | None = None) -> ImportResult:
    """Validate all rows; if any is wrong nothing is written. Audited either way."""
    now = now or timezone.now()
    checked = validate(actor, sheet, mapping, now=now)
    errors, created = checked.errors, 0
    if not errors:
        if not checked.rows:
            raise InvalidInput("no_rows", "表格中没有数据行", "the sheet has no data rows", field="file")
        created = create_cases(actor=actor, rows=checked.rows, batch_id=batch_id, now=now)
    audit.record(audit.Action.IMPORT, actor=actor, object_type="reports.ledgerimport", object_id=batch_id or "",
                 summary=f"台账导入：{len(sheet.rows)} 行，导入 {created} 件，错误 {len(errors)} 处",
                 changes={"rows": len(sheet.rows), "created": created, "errors": len(errors)}, success=not errors)
    return ImportResult(rows=len(sheet.rows), created=created, errors=errors)


def imported_cases(batch_id: int):
    return Case.objects.filter(Q(source_type=SOURCE_TYPE) & Q(source_id=batch_id))


# ---- upload batches (the pages and the API keep the file between the upload and the mapping step) ----


def check_may_import(actor: Any) -> None:
    """Importing registers cases: the intake desk's work (受理派单员、管理员)."""
    permissions.require(actor, rights.IMPORT_LEDGER)


def upload(*, actor, file) -> LedgerImport:
    """Keep an uploaded ledger and read its header row (a file that is not .xlsx is refused here)."""
    check_may_import(actor)
    limit = getattr(settings, "SIXIA_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
    if file.size > limit:
        raise InvalidInput("file_too_large", f"文件不能超过 {limit // (1024 * 1024)} MB", "file too large", field="file")
    name = getattr(file, "name", "") or "ledger.xlsx"
    if not name.lower().endswith(".xlsx"):
        raise InvalidInput("invalid_xlsx", "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）",
                           "please upload an .xlsx file", field="file")
    sheet = sheet_reader.read(file, with_rows=False)
    file.seek(0)
    batch = LedgerImport(created_by=actor, name=name[:200], sheet=sheet.sheet[:100], header_row=sheet.header_row,
                         headers=sheet.headers, mapping=sheet_reader.suggest_mapping(sheet.headers))
    batch.file.save(name, file, save=False)
    batch.save()
    return batch


def get_batch(actor, batch_id: int) -> LedgerImport:
    """An upload is seen only by the user who made it."""
    batch = LedgerImport.objects.filter(pk=batch_id, created_by=actor).first()
    if batch is None:
        raise NotFound("not_found", "导入记录不存在", "import not found")
    return batch


def import_batch(*, actor, batch: LedgerImport, mapping: dict[str, int]) -> ImportResult:
    check_may_import(actor)
    if batch.status == LedgerImport.Status.DONE:
        raise Conflict("already_imported", "该文件已经导入，不能重复导入", "this file was already imported")
    with batch.file.open("rb") as fh:
        sheet = sheet_reader.read(fh)
    batch.mapping = sheet_reader.check_mapping(mapping, sheet.headers)
    result = run_import(actor=actor, sheet=sheet, mapping=batch.mapping, batch_id=batch.pk)
    batch.rows, batch.created, batch.error_count = result.rows, result.created, len(result.errors)
    batch.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    batch.status = LedgerImport.Status.FAILED if result.errors else LedgerImport.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    return result


ERROR_COLUMNS = [Column("row", "行号", 8, "int"), Column("column", "列", 22), Column("message", "错误说明", 80, "wrap")]


def write_error_report(batch: LedgerImport, out: IO[bytes]) -> None:
    """The row-level error report of a failed import, as .xlsx (行号、列、错误说明)."""
    wb = new_workbook()
    more = f"（仅列出前 {MAX_STORED_ERRORS} 处）" if batch.error_count > len(batch.errors) else ""
    sheet = Sheet(wb, "错误报告", heading="台账导入错误报告", columns=ERROR_COLUMNS, landscape=False,
                  subtitle=f"文件：{batch.name}　　数据行：{batch.rows}　　错误：{batch.error_count} 处{more}　　"
                           "修改原表后重新上传；有任何错误时不导入任何一行")
    for e in batch.errors:
        sheet.row([e["row"], e["column"], e["message"]])
    wb.save(out)
